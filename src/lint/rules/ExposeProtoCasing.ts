import { exposedPorts } from "../expose.js";
import type { Report, Rule } from "../types.js";

export const ExposeProtoCasing: Rule = {
  meta: {
    id: "ExposeProtoCasing",
    origin: "buildkit",
    severity: "warning",
    category: "style",
    title: "Protocol in EXPOSE should be lowercase",
    why: "`80/TCP` works but is not the documented form; tools that compare ports as strings miss it.",
    fix: "Write the protocol in lowercase (`--fix` does this).",
    fixable: true,
    examples: { bad: "EXPOSE 80/TCP", good: "EXPOSE 80/tcp" },
  },
  check({ dockerfile }) {
    const reports: Report[] = [];
    for (const { token, port, protocol } of exposedPorts(dockerfile)) {
      if (!protocol || protocol === protocol.toLowerCase()) continue;
      reports.push({
        message: `defined protocol '${protocol}' in EXPOSE instruction should be lowercase`,
        range: token.range,
        fix:
          token.value === `${port}/${protocol}`
            ? [{ range: token.range, text: `${port}/${protocol.toLowerCase()}` }]
            : undefined,
      });
    }
    return reports;
  },
};
