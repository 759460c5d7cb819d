import type { Report, Rule } from "../types.js";

export const DL3045: Rule = {
  meta: {
    id: "DL3045",
    origin: "hadolint",
    severity: "warning",
    category: "correctness",
    title: "COPY to a relative destination without WORKDIR set",
    why: "A relative destination is resolved against the working directory, which without a WORKDIR in this stage is whatever the base image set (often `/`).",
    fix: "Set `WORKDIR /app` before the COPY, or use an absolute destination.",
    fixable: false,
    examples: { bad: "FROM node:20\nCOPY package.json .", good: "FROM node:20\nWORKDIR /app\nCOPY package.json ." },
  },
  check({ dockerfile }) {
    const reports: Report[] = [];
    const workdirSet: boolean[] = [];
    for (const stage of dockerfile.stages) {
      let hasWorkdir = stage.parentStage !== undefined && workdirSet[stage.parentStage];
      for (const instruction of stage.instructions) {
        if (instruction.keyword === "WORKDIR") hasWorkdir = true;
        if ((instruction.keyword !== "COPY" && instruction.keyword !== "ADD") || hasWorkdir) continue;
        const dest = instruction.destination;
        if (!dest || /^(\/|\$|[A-Za-z]:[\\/]|["']\/)/.test(dest.value)) continue;
        reports.push({
          message: `${instruction.keyword} to relative destination ${dest.value} without a WORKDIR in this stage`,
          range: dest.range,
        });
      }
      workdirSet[stage.index] = hasWorkdir;
    }
    return reports;
  },
};
