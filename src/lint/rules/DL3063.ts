import type { Report, Rule } from "../types.js";

const RESERVED = ["scratch", "context"];

export const DL3063: Rule = {
  meta: {
    id: "DL3063",
    aliases: ["ReservedStageName"],
    origin: "hadolint",
    severity: "warning",
    category: "correctness",
    title: "Stage name is reserved",
    why: "`scratch` and `context` mean something to BuildKit (`FROM scratch`, `--build-context`); a stage with that name is ambiguous and fails or surprises.",
    fix: "Rename the stage.",
    fixable: false,
    examples: { bad: "FROM alpine:3.20 AS scratch", good: "FROM alpine:3.20 AS base" },
  },
  check({ dockerfile }) {
    const reports: Report[] = [];
    for (const stage of dockerfile.stages) {
      if (stage.name && RESERVED.includes(stage.name) && stage.from.stageName) {
        reports.push({
          message: `"${stage.name}" is a reserved word; name the stage otherwise`,
          range: stage.from.stageName.range,
        });
      }
    }
    return reports;
  },
};
