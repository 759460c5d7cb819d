import type { Range } from "../../dockerfile/model.js";
import { commandName } from "../../knowledge/commands.js";
import { runCommands } from "../helpers.js";
import type { Report, Rule } from "../types.js";

export const DL3004: Rule = {
  meta: {
    id: "DL3004",
    origin: "hadolint",
    severity: "error",
    category: "security",
    title: "Do not use sudo",
    why: "sudo in a build is unpredictable (tty and PAM behaviour) and means the image ships sudo and a sudoers policy; RUN runs as the USER in effect, so switch USER instead.",
    fix: "Drop `sudo`; put `USER root` before the RUN and switch back after it.",
    fixable: false,
    examples: { bad: "RUN sudo apt-get install -y curl", good: "USER root\nRUN apt-get install -y curl\nUSER app" },
  },
  check({ dockerfile }) {
    const reports: Report[] = [];
    const seen = new Set<number>();
    const report = (range: Range) => {
      if (seen.has(range.start.offset)) return;
      seen.add(range.start.offset);
      reports.push({ message: "do not use sudo in a build; switch USER instead", range });
    };
    for (const [, commands] of runCommands(dockerfile)) {
      for (const command of commands) {
        // Commands in `sudo sh -c '…'` carry the sudo of their shell: it is reported once.
        for (const wrapper of command.wrappers) if (wrapper.name === "sudo") report(wrapper.words[0].range);
        if (commandName(command) === "sudo" && command.name) report(command.name.range);
      }
    }
    return reports.sort((a, b) => a.range.start.offset - b.range.start.offset);
  },
};
