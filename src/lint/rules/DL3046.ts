import { commandName, flagValue, hasFlag } from "../../knowledge/commands.js";
import { insertAfter, runCommands } from "../helpers.js";
import type { Report, Rule } from "../types.js";

export const DL3046: Rule = {
  meta: {
    id: "DL3046",
    origin: "hadolint",
    severity: "warning",
    category: "size",
    title: "useradd without -l and a high UID makes a huge image",
    why: "useradd records the user in /var/log/lastlog and faillog, sparse files sized by UID; a layer stores them dense, so UID 1000000 adds about 300 MB to the image.",
    fix: "Add `-l` (`--no-log-init`) (`--fix` does this).",
    fixable: true,
    examples: { bad: "RUN useradd -u 1000000 app", good: "RUN useradd -l -u 1000000 app" },
  },
  check({ dockerfile }) {
    const reports: Report[] = [];
    for (const [, commands] of runCommands(dockerfile)) {
      for (const command of commands) {
        if (commandName(command) !== "useradd" || hasFlag(command, "l", "no-log-init") || !command.name) continue;
        const uid = flagValue(command, "u", "uid");
        if (!uid || !/^\d{6,}$/.test(uid)) continue;
        reports.push({
          message: `useradd with UID ${uid} and no -l writes a lastlog file of hundreds of MB; add -l`,
          range: command.range,
          fix: [insertAfter(command.name.range, " -l")],
        });
      }
    }
    return reports;
  },
};
