import type { Report, Rule } from "../types.js";

export const DL4000: Rule = {
  meta: {
    id: "DL4000",
    aliases: ["MaintainerDeprecated"],
    origin: "hadolint",
    severity: "error",
    category: "maintainability",
    title: "MAINTAINER is deprecated",
    why: "MAINTAINER was deprecated in Docker 1.13; a label is read by registries and tools.",
    fix: 'Use `LABEL org.opencontainers.image.authors="…"` (`--fix` does this).',
    fixable: true,
    examples: {
      bad: "MAINTAINER Jane <jane@example.com>",
      good: 'LABEL org.opencontainers.image.authors="Jane <jane@example.com>"',
    },
  },
  check({ dockerfile }) {
    const reports: Report[] = [];
    for (const instruction of dockerfile.instructions) {
      if (instruction.keyword !== "MAINTAINER") continue;
      const value = instruction.value?.value ?? "";
      const one = instruction.range.start.line === instruction.range.end.line;
      reports.push({
        message: "MAINTAINER is deprecated; use LABEL org.opencontainers.image.authors",
        range: instruction.keywordToken.range,
        fix: one
          ? [{ range: instruction.range, text: `LABEL org.opencontainers.image.authors=${JSON.stringify(value)}` }]
          : undefined,
      });
    }
    return reports;
  },
};
