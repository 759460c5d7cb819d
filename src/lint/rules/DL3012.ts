import { lastOneWinsRule } from "../single-instruction.js";

export const DL3012 = lastOneWinsRule(
  {
    id: "DL3012",
    aliases: ["MultipleInstructionsDisallowed"],
    origin: "hadolint",
    severity: "error",
    category: "correctness",
    title: "Multiple HEALTHCHECK instructions",
    why: "Only the last HEALTHCHECK of a stage counts; earlier ones are dead code.",
    fix: "Keep one HEALTHCHECK per stage (`--fix` deletes the earlier ones).",
    fixable: true,
    examples: { bad: "HEALTHCHECK CMD a\nHEALTHCHECK CMD b", good: "HEALTHCHECK CMD b" },
  },
  "HEALTHCHECK",
);
