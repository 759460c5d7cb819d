import { referencedVariables } from "../../dockerfile/expand.js";
import type { Report, Rule } from "../types.js";

export const DL3044: Rule = {
  meta: {
    id: "DL3044",
    origin: "hadolint",
    severity: "error",
    category: "correctness",
    title: "Do not refer to an environment variable within the same ENV statement where it is defined",
    why: "All values of one ENV are expanded with the variables from before it: `ENV A=1 B=$A` sets B to the old A (usually empty).",
    fix: "Split into two ENV instructions.",
    fixable: false,
    examples: { bad: "ENV A=/opt B=$A/bin", good: "ENV A=/opt\nENV B=$A/bin" },
  },
  check({ dockerfile }) {
    const reports: Report[] = [];
    for (const instruction of dockerfile.instructions) {
      if (instruction.keyword !== "ENV") continue;
      const defined = new Set<string>();
      for (const pair of instruction.pairs) {
        for (const name of referencedVariables(pair.value.value)) {
          if (defined.has(name)) {
            reports.push({
              message: `${name} is defined in this same ENV; its new value is not visible here, split the ENV`,
              range: pair.value.range,
            });
          }
        }
        defined.add(pair.key.value);
      }
    }
    return reports;
  },
};
