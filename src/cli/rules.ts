import type { Command } from "commander";
import { ruleInfo } from "../lint/format/rule-info.js";
import { ALL_RULES } from "../lint/rules/index.js";

export function registerRules(program: Command): void {
  program
    .command("rules")
    .description("list every lint rule")
    .option("--json", "print the rules as JSON")
    .action((options: { json?: boolean }) => {
      const info = ruleInfo();
      if (options.json) {
        const rules = ALL_RULES.map((rule) => ({
          ...info.get(rule.meta.id),
          origin: rule.meta.origin,
          category: rule.meta.category,
          enabledByDefault: !rule.meta.optIn,
        }));
        process.stdout.write(`${JSON.stringify(rules, null, 2)}\n`);
        return;
      }
      const width = Math.max(...ALL_RULES.map((r) => r.meta.id.length));
      for (const rule of ALL_RULES) {
        const { id, severity, fixable, optIn, aliases, title } = rule.meta;
        const tags = [
          severity,
          fixable ? "fixable" : "",
          optIn ? "opt-in" : "",
          aliases?.length ? `aka ${aliases.join(", ")}` : "",
        ]
          .filter(Boolean)
          .join(", ");
        process.stdout.write(`${id.padEnd(width)}  ${title} (${tags})\n`);
      }
    });
}
