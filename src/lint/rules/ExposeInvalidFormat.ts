import { exposedPorts } from "../expose.js";
import type { Report, Rule } from "../types.js";

export const ExposeInvalidFormat: Rule = {
  meta: {
    id: "ExposeInvalidFormat",
    origin: "buildkit",
    severity: "warning",
    category: "correctness",
    title: "EXPOSE should not define an IP address or host port",
    why: "EXPOSE documents the container's port; an IP or a host port (`127.0.0.1:80:80`, `8080:80`) belongs to `docker run -p`, and BuildKit will reject it in a future version.",
    fix: "Expose the container port only (`EXPOSE 80`), and map it at run time.",
    fixable: false,
    examples: { bad: "EXPOSE 127.0.0.1:80:80", good: "EXPOSE 80" },
  },
  check({ dockerfile }) {
    const reports: Report[] = [];
    for (const { token, port } of exposedPorts(dockerfile)) {
      if (!port.includes(":")) continue;
      reports.push({
        message: `EXPOSE instruction should not define an IP address or host port (${token.value})`,
        range: token.range,
      });
    }
    return reports;
  },
};
