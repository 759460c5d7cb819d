import { lastOneWinsRule } from "../single-instruction.js";

export const DL4004 = lastOneWinsRule(
  {
    id: "DL4004",
    aliases: ["MultipleInstructionsDisallowed"],
    origin: "hadolint",
    severity: "error",
    category: "correctness",
    title: "Multiple ENTRYPOINT instructions found",
    why: "Only the last ENTRYPOINT of a stage counts; earlier ones are dead code that misleads readers.",
    fix: "Keep one ENTRYPOINT per stage (`--fix` deletes the earlier ones).",
    fixable: true,
    examples: { bad: 'ENTRYPOINT ["a"]\nENTRYPOINT ["b"]', good: 'ENTRYPOINT ["b"]' },
  },
  "ENTRYPOINT",
);
