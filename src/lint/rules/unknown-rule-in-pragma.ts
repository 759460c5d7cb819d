import { ignorePragmas } from "../pragmas.js";
import type { Report, Rule } from "../types.js";

export const unknownRuleInPragma: Rule = {
  meta: {
    id: "unknown-rule-in-pragma",
    origin: "imagediet",
    severity: "warning",
    category: "correctness",
    title: "An ignore pragma names a rule that does not exist",
    why: "A mistyped id in `# hadolint ignore=` or `# imagediet ignore=` switches nothing off, so the finding it meant to silence is still reported, or the pragma outlives the rule it was written for and hides nothing.",
    fix: "Correct the id (`imagediet rules` lists every id and alias; ShellCheck codes are `SC` and four digits), or delete it.",
    fixable: false,
    examples: {
      bad: "# hadolint ignore=DL3800\nRUN apt-get install -y curl",
      good: "# hadolint ignore=DL3008\nRUN apt-get install -y curl",
    },
  },
  check({ dockerfile, rules }) {
    const reports: Report[] = [];
    for (const pragmas of ignorePragmas(dockerfile).values()) {
      for (const { id, range } of pragmas.flatMap((pragma) => pragma.ids)) {
        if (rules.has(id)) continue;
        const guess = rules.suggest(id);
        reports.push({
          message: `unknown rule "${id}" in the ignore pragma${guess ? ` (did you mean ${guess}?)` : ""}: it switches nothing off`,
          range,
        });
      }
    }
    return reports;
  },
};
