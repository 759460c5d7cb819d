import type { Report, Rule } from "../types.js";

export const StageNameCasing: Rule = {
  meta: {
    id: "StageNameCasing",
    origin: "buildkit",
    severity: "warning",
    category: "style",
    title: "Stage names should be lowercase",
    why: "BuildKit lowercases stage names; `AS Build` and `--from=build` refer to the same stage, which reads as two.",
    fix: "Write the stage name in lowercase (`--fix` does this for the FROM).",
    fixable: true,
    examples: { bad: "FROM golang:1.22 AS Build", good: "FROM golang:1.22 AS build" },
  },
  check({ dockerfile }) {
    const reports: Report[] = [];
    for (const stage of dockerfile.stages) {
      const name = stage.from.stageName;
      if (!name || name.value === name.value.toLowerCase()) continue;
      reports.push({
        message: `stage name '${name.value}' should be lowercase`,
        range: name.range,
        fix: [{ range: name.range, text: name.value.toLowerCase() }],
      });
    }
    return reports;
  },
};
