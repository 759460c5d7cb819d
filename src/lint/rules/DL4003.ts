import { lastOneWinsRule } from "../single-instruction.js";

export const DL4003 = lastOneWinsRule(
  {
    id: "DL4003",
    aliases: ["MultipleInstructionsDisallowed"],
    origin: "hadolint",
    severity: "warning",
    category: "correctness",
    title: "Multiple CMD instructions found",
    why: "Only the last CMD of a stage counts; earlier ones are dead code that misleads readers.",
    fix: "Keep one CMD per stage (`--fix` deletes the earlier ones).",
    fixable: true,
    examples: { bad: 'CMD ["a"]\nCMD ["b"]', good: 'CMD ["b"]' },
  },
  "CMD",
);
