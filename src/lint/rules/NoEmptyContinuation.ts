import type { Rule } from "../types.js";

export const NoEmptyContinuation: Rule = {
  meta: {
    id: "NoEmptyContinuation",
    origin: "buildkit",
    severity: "warning",
    category: "correctness",
    title: "Empty continuation lines",
    why: "A blank line inside a `\\` continuation is silently dropped today; BuildKit will make it an error, and it usually hides a missing `\\`.",
    fix: "Delete the blank line, or end the instruction before it.",
    fixable: false,
    examples: { bad: "RUN apk add \\\n\n    curl", good: "RUN apk add \\\n    curl" },
  },
  check({ dockerfile }) {
    return dockerfile.diagnostics
      .filter((d) => d.code === "NoEmptyContinuation")
      .map((d) => ({ message: "empty continuation line (a blank line inside a \\ continuation)", range: d.range }));
  },
};
