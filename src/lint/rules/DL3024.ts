import type { Report, Rule } from "../types.js";

export const DL3024: Rule = {
  meta: {
    id: "DL3024",
    aliases: ["DuplicateStageName"],
    origin: "hadolint",
    severity: "error",
    category: "correctness",
    title: "FROM aliases (stage names) must be unique",
    why: "BuildKit rejects a Dockerfile that names two stages alike; `COPY --from` could not tell them apart.",
    fix: "Rename one of the stages and its `--from` references.",
    fixable: false,
    examples: {
      bad: "FROM golang:1.22 AS build\nFROM node:20 AS build",
      good: "FROM golang:1.22 AS build-go\nFROM node:20 AS build-web",
    },
  },
  check({ dockerfile }) {
    const reports: Report[] = [];
    const seen = new Map<string, number>();
    for (const stage of dockerfile.stages) {
      if (!stage.name || !stage.from.stageName) continue;
      const first = seen.get(stage.name);
      if (first !== undefined) {
        reports.push({
          message: `duplicate stage name "${stage.name}" (first defined on line ${first})`,
          range: stage.from.stageName.range,
        });
      } else {
        seen.set(stage.name, stage.from.startLine);
      }
    }
    return reports;
  },
};
