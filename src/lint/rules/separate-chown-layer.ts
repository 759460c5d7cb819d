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
      const folders = new Set<string>();
      for (const instruction of stage.instructions) {
        if (instruction.keyword === "WORKDIR" && instruction.value?.value.startsWith("/"))
          folders.add(instruction.value.value.replace(/\/+$/, ""));
        if (instruction.keyword === "COPY" || instruction.keyword === "ADD") copied.push(instruction);
        if (instruction.keyword !== "RUN") continue;
        for (const command of commandsOf(instruction)) {
          if (!["chown", "chmod"].includes(commandName(command))) continue;
          const targets = positionalArgs(command).slice(1);
          const recursive = command.flags.some((f) => f.name === "R" || f.name === "recursive");
          // Without -R only the named paths change: a folder's own entry is a few bytes, a copied file is not.
          const copy = copied.find(
            (c) =>
              c.destination &&
              targets.some((t) =>
                recursive
                  ? pathCovers(t.value, c.destination?.value ?? "") || pathCovers(c.destination?.value ?? "", t.value)
                  : pathCovers(c.destination?.value ?? "", t.value) && !isCopiedFolder(c, t.value, folders),
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

/** True when `path` is the folder a COPY wrote into (its own entry, not the files inside). */
function isCopiedFolder(copy: CopyInstruction, path: string, folders: Set<string>): boolean {
  const destination = (copy.destination?.value ?? "").replace(/\/+$/, "");
  if (folders.has(path.replace(/\/+$/, ""))) return true;
  if (destination !== path.replace(/\/+$/, "")) return false;
  const [source] = copy.sources;
  return (
    folders.has(destination) ||
    (copy.destination?.value ?? "").endsWith("/") ||
    copy.sources.length !== 1 ||
    !source ||
    /^\.?\/?$|[*?[]/.test(source.value)
  );
}
