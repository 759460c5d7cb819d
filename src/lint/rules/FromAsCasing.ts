import type { Report, Rule } from "../types.js";

const isUpper = (text: string) => text === text.toUpperCase();

export const FromAsCasing: Rule = {
  meta: {
    id: "FromAsCasing",
    origin: "buildkit",
    severity: "warning",
    category: "style",
    title: "The AS keyword should match the case of FROM",
    why: "Mixed case (`FROM x as y`) is inconsistent; BuildKit warns about it on every build.",
    fix: "Write `AS` in the same case as `FROM` (`--fix` does this).",
    fixable: true,
    examples: { bad: "FROM golang:1.22 as build", good: "FROM golang:1.22 AS build" },
  },
  check({ dockerfile }) {
    const reports: Report[] = [];
    for (const stage of dockerfile.stages) {
      const as = stage.from.asKeyword;
      if (!as) continue;
      const fromUpper = isUpper(stage.from.keywordToken.value);
      if (fromUpper === isUpper(as.value) && (fromUpper || as.value === as.value.toLowerCase())) continue;
      const wanted = fromUpper ? "AS" : "as";
      reports.push({
        message: `'${as.value}' and '${stage.from.keywordToken.value}' keywords' casing do not match`,
        range: as.range,
        fix: [{ range: as.range, text: wanted }],
      });
    }
    return reports;
  },
};
