import type { Report, Rule } from "../types.js";

export const LegacyKeyValueFormat: Rule = {
  meta: {
    id: "LegacyKeyValueFormat",
    origin: "buildkit",
    severity: "warning",
    category: "style",
    title: "Legacy key/value format with whitespace separator should not be used",
    why: "`ENV key value` sets one variable to the whole rest of the line, spaces included, which surprises; `key=value` is unambiguous and allows several per line.",
    fix: "Write `ENV key=value` (`--fix` does this when the value has no quotes or spaces to escape).",
    fixable: true,
    examples: { bad: "ENV NODE_ENV production", good: "ENV NODE_ENV=production" },
  },
  check({ dockerfile }) {
    const reports: Report[] = [];
    for (const instruction of dockerfile.instructions) {
      if ((instruction.keyword !== "ENV" && instruction.keyword !== "LABEL") || !instruction.legacy) continue;
      const [pair] = instruction.pairs;
      if (!pair) continue;
      const value = pair.value.value;
      const simple = /^[^\s"'\\$`]*$/.test(value) && pair.range.start.line === pair.range.end.line;
      reports.push({
        message: `"${instruction.keyword} key=value" should be used instead of legacy "${instruction.keyword} key value" format`,
        range: pair.range,
        fix: simple ? [{ range: pair.range, text: `${pair.key.value}=${value}` }] : undefined,
      });
    }
    return reports;
  },
};
