import { commandName } from "../../knowledge/commands.js";
import { runCommands } from "../helpers.js";
import type { Report, Rule } from "../types.js";

export const DL3027: Rule = {
  meta: {
    id: "DL3027",
    origin: "hadolint",
    severity: "warning",
    category: "correctness",
    title: "Do not use apt; use apt-get or apt-cache",
    why: "apt is meant for people at a terminal: its output and options are not stable for scripts, and it warns so on every run.",
    fix: "Replace `apt` with `apt-get` (`--fix` does this).",
    fixable: true,
    examples: { bad: "RUN apt install -y curl", good: "RUN apt-get install -y curl" },
  },
  check({ dockerfile }) {
    const reports: Report[] = [];
    for (const [, commands] of runCommands(dockerfile)) {
      for (const command of commands) {
        if (commandName(command) !== "apt" || !command.name) continue;
        const search = command.args[0]?.value === "search" || command.args[0]?.value === "show";
        reports.push({
          message: "apt's command-line interface is not stable for scripts; use apt-get (or apt-cache)",
          range: command.name.range,
          fix: search || command.name.value !== "apt" ? undefined : [{ range: command.name.range, text: "apt-get" }],
        });
      }
    }
    return reports;
  },
};
