import { commandName } from "../../knowledge/commands.js";
import { runCommands } from "../helpers.js";
import type { Report, Rule } from "../types.js";

export const DL3003: Rule = {
  meta: {
    id: "DL3003",
    origin: "hadolint",
    severity: "warning",
    category: "maintainability",
    title: "Use WORKDIR to switch to a directory",
    why: "`cd` lasts only for one RUN; WORKDIR states the directory once for every later instruction and creates it if needed.",
    fix: "Put `WORKDIR /path` before the RUN and drop the `cd`. A `cd` inside a subshell `( … )` is left alone.",
    fixable: false,
    examples: { bad: "RUN cd /app && make", good: "WORKDIR /app\nRUN make" },
  },
  check({ dockerfile }) {
    const reports: Report[] = [];
    for (const [, commands] of runCommands(dockerfile)) {
      for (const command of commands) {
        if (commandName(command) === "cd" && command.context.length === 0 && command.name) {
          reports.push({ message: "use WORKDIR instead of cd", range: command.range });
        }
      }
    }
    return reports;
  },
};
