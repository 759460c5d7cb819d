import type { CopyInstruction } from "../../dockerfile/model.js";
import { commandName, positionalArgs } from "../../knowledge/commands.js";
import { commandsOf, pathCovers } from "../helpers.js";
import type { Report, Rule } from "../types.js";

export const separateChownLayer: Rule = {
  meta: {
    id: "separate-chown-layer",
    origin: "imagediet",
    severity: "warning",
    category: "size",
    title: "RUN chown/chmod after COPY stores the files twice",
    why: "Changing owner or mode rewrites every file into a new layer: the copied tree is shipped twice (a 300 MB node_modules becomes 600 MB).",
    fix: "Set owner and mode while copying: `COPY --chown=app:app --chmod=755 …`.",
    fixable: false,
    examples: { bad: "COPY . /app\nRUN chown -R app:app /app", good: "COPY --chown=app:app . /app" },
  },
  check({ dockerfile }) {
    const reports: Report[] = [];
    for (const stage of dockerfile.stages) {
      const copied: CopyInstruction[] = [];
      for (const instruction of stage.instructions) {
        if (instruction.keyword === "COPY" || instruction.keyword === "ADD") copied.push(instruction);
        if (instruction.keyword !== "RUN") continue;
        for (const command of commandsOf(instruction)) {
          if (!["chown", "chmod"].includes(commandName(command))) continue;
          const targets = positionalArgs(command).slice(1);
          const copy = copied.find(
            (c) =>
              c.destination &&
              targets.some(
                (t) =>
                  pathCovers(t.value, c.destination?.value ?? "") || pathCovers(c.destination?.value ?? "", t.value),
              ),
          );
          if (!copy) continue;
          const flag = commandName(command) === "chown" ? "--chown" : "--chmod";
          reports.push({
            message: `${commandName(command)} after the COPY on line ${copy.startLine} duplicates the copied files in a new layer; use COPY ${flag}`,
            range: command.range,
            related: [{ message: "the COPY", range: copy.keywordToken.range }],
          });
        }
      }
    }
    return reports;
  },
};
