import { exposedPorts } from "../expose.js";
import type { Report, Rule } from "../types.js";

export const DL3011: Rule = {
  meta: {
    id: "DL3011",
    origin: "hadolint",
    severity: "error",
    category: "correctness",
    title: "Valid UNIX ports range from 0 to 65535",
    why: "A port outside 0–65535 cannot be bound; the image documents a port that cannot exist.",
    fix: "Use a port (or range) within 0–65535.",
    fixable: false,
    examples: { bad: "EXPOSE 80000", good: "EXPOSE 8000" },
  },
  check({ dockerfile }) {
    const reports: Report[] = [];
    for (const { token, port } of exposedPorts(dockerfile)) {
      if (port.includes("$")) continue;
      const parts = port.split("-");
      if (parts.every((p) => /^\d+$/.test(p) && Number(p) <= 65535)) continue;
      if (parts.some((p) => !/^\d+$/.test(p)) && port.includes(":")) continue;
      reports.push({ message: `port ${port} is outside the valid range 0-65535`, range: token.range });
    }
    return reports;
  },
};
