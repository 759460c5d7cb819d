import type { Report, Rule } from "../types.js";

export const ConsistentInstructionCasing: Rule = {
  meta: {
    id: "ConsistentInstructionCasing",
    origin: "buildkit",
    severity: "warning",
    category: "style",
    title: "All instructions should use the same casing",
    why: "Keywords are case-insensitive, but mixed casing reads as a mistake; the convention is uppercase.",
    fix: "Write every keyword in the majority casing (`--fix` does this).",
    fixable: true,
    examples: { bad: "FROM alpine:3.20\nrun echo hi", good: "FROM alpine:3.20\nRUN echo hi" },
  },
  check({ dockerfile }) {
    const tokens = dockerfile.instructions.map((i) => i.keywordToken);
    const upper = tokens.filter((t) => t.value === t.value.toUpperCase()).length;
    const lower = tokens.filter((t) => t.value === t.value.toLowerCase()).length;
    const wantUpper = upper >= lower;
    const reports: Report[] = [];
    for (const token of tokens) {
      const wanted = wantUpper ? token.value.toUpperCase() : token.value.toLowerCase();
      if (token.value === wanted) continue;
      reports.push({
        message: `command '${token.value}' should match the case of the command majority (${wantUpper ? "uppercase" : "lowercase"})`,
        range: token.range,
        fix: [{ range: token.range, text: wanted }],
      });
    }
    return reports;
  },
};
