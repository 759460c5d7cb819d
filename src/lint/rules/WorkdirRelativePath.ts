import type { Report, Rule } from "../types.js";
import { isAbsoluteWorkdir } from "./DL3000.js";

export const WorkdirRelativePath: Rule = {
  meta: {
    id: "WorkdirRelativePath",
    origin: "buildkit",
    severity: "warning",
    category: "correctness",
    title: "Relative WORKDIR without an absolute WORKDIR before it in the stage",
    why: "A relative WORKDIR is resolved against the base image's working directory, which this Dockerfile does not control.",
    fix: "Set an absolute WORKDIR first, or make this one absolute.",
    fixable: false,
    examples: { bad: "FROM alpine:3.20\nWORKDIR app", good: "FROM alpine:3.20\nWORKDIR /usr/src\nWORKDIR app" },
  },
  check({ dockerfile }) {
    const reports: Report[] = [];
    const hasAbsolute: boolean[] = [];
    for (const stage of dockerfile.stages) {
      let absolute = stage.parentStage !== undefined && hasAbsolute[stage.parentStage];
      for (const instruction of stage.instructions) {
        if (instruction.keyword !== "WORKDIR" || !instruction.value) continue;
        if (isAbsoluteWorkdir(instruction.value.value)) absolute = true;
        else if (!absolute) {
          reports.push({
            message: `relative workdir "${instruction.value.value}" can have unexpected results if the base image changes`,
            range: instruction.value.range,
          });
        }
      }
      hasAbsolute[stage.index] = absolute;
    }
    return reports;
  },
};
