import type { Rule } from "../types.js";

export const DL3061: Rule = {
  meta: {
    id: "DL3061",
    origin: "hadolint",
    severity: "error",
    category: "correctness",
    title: "Invalid instruction order: a Dockerfile must begin with FROM, ARG or a comment",
    why: "Only ARG may come before the first FROM; BuildKit rejects anything else there.",
    fix: "Move the instruction after FROM.",
    fixable: false,
    examples: { bad: "LABEL a=b\nFROM alpine:3.20", good: "FROM alpine:3.20\nLABEL a=b" },
  },
  check({ dockerfile }) {
    const first = dockerfile.instructions.find((i) => i.keyword !== "ARG");
    if (!first || first.keyword === "FROM") return [];
    return [
      {
        message: `${first.keywordToken.value.toUpperCase()} before the first FROM; only ARG may come first`,
        range: first.keywordToken.range,
      },
    ];
  },
};
