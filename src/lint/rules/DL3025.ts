import type { CommandInstruction } from "../../dockerfile/model.js";
import type { Report, Rule } from "../types.js";

/** Shell syntax that exec form cannot express: the command then really needs a shell. */
const SHELL_SYNTAX = /[|&;<>$`*?(){}[\]~]|\b(if|for|while|case)\b/;

function toExec(command: string): string | undefined {
  if (SHELL_SYNTAX.test(command) || /["'\\]/.test(command)) return undefined;
  const words = command.trim().split(/\s+/);
  return `[${words.map((w) => JSON.stringify(w)).join(", ")}]`;
}

export const DL3025: Rule = {
  meta: {
    id: "DL3025",
    aliases: ["JSONArgsRecommended"],
    origin: "hadolint",
    severity: "warning",
    category: "correctness",
    title: "Use arguments JSON notation for CMD and ENTRYPOINT",
    why: "Shell form runs the program under /bin/sh -c, so it is not PID 1: `docker stop` sends SIGTERM to the shell, the app never sees it, and the container is killed after 10 s. Scratch and distroless images have no /bin/sh at all.",
    fix: 'Write `CMD ["node", "server.js"]` (`--fix` does this when the command has no shell syntax).',
    fixable: true,
    examples: { bad: "CMD node server.js", good: 'CMD ["node", "server.js"]' },
  },
  check({ dockerfile }) {
    const reports: Report[] = [];
    for (const instruction of dockerfile.instructions) {
      if (instruction.keyword !== "CMD" && instruction.keyword !== "ENTRYPOINT") continue;
      const command = (instruction as CommandInstruction).command;
      if (instruction.json || !command) continue;
      const exec = toExec(command.value);
      reports.push({
        message: `JSON arguments recommended for ${instruction.keyword} to prevent unintended behavior related to OS signals`,
        range: command.range,
        fix:
          exec && command.range.start.line === command.range.end.line
            ? [{ range: command.range, text: exec }]
            : undefined,
      });
    }
    return reports;
  },
};
