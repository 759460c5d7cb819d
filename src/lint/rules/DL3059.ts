import type { RunInstruction } from "../../dockerfile/model.js";
import type { Report, Rule } from "../types.js";

const flagsKey = (run: RunInstruction) =>
  run.flags
    .map((f) => f.raw)
    .sort()
    .join(" ");

export const DL3059: Rule = {
  meta: {
    id: "DL3059",
    origin: "hadolint",
    severity: "info",
    category: "size",
    title: "Multiple consecutive RUN instructions; consider consolidation",
    why: "Each RUN is a layer with its own metadata and its own copy of every file it touches; merging consecutive RUNs with the same flags saves layers and lets clean-up in the same layer take effect.",
    fix: "Join the commands with `&&` in one RUN (heredoc RUNs are left alone: they already hold a script).",
    fixable: false,
    examples: {
      bad: "RUN apt-get update\nRUN apt-get install -y curl",
      good: "RUN apt-get update && apt-get install -y curl",
    },
  },
  check({ dockerfile }) {
    const reports: Report[] = [];
    for (const stage of dockerfile.stages) {
      let previous: RunInstruction | undefined;
      for (const instruction of stage.instructions) {
        if (instruction.keyword !== "RUN") {
          previous = undefined;
          continue;
        }
        const mergeable = instruction.heredocs.length === 0 && !instruction.json;
        if (previous && mergeable && flagsKey(previous) === flagsKey(instruction)) {
          reports.push({
            message: `this RUN could be merged with the RUN on line ${previous.startLine} (same flags); fewer layers`,
            range: instruction.keywordToken.range,
            related: [{ message: "previous RUN", range: previous.keywordToken.range }],
          });
        }
        previous = mergeable ? instruction : undefined;
      }
    }
    return reports;
  },
};
