import { PARSE_ERROR_RULE } from "../engine.js";
import { ALL_RULES } from "../rules/index.js";
import { helpUri, type RuleInfo } from "./shared.js";

/** What the formats say about each rule (and the parse-error pseudo-rule): title, severity, docs. */
export function ruleInfo(): Map<string, RuleInfo> {
  const map = new Map<string, RuleInfo>();
  for (const rule of ALL_RULES) {
    map.set(rule.meta.id, {
      id: rule.meta.id,
      aliases: rule.meta.aliases ?? [],
      title: rule.meta.title,
      severity: rule.meta.severity,
      fixable: rule.meta.fixable,
      helpUri: helpUri(rule.meta.id),
    });
  }
  map.set(PARSE_ERROR_RULE, {
    id: PARSE_ERROR_RULE,
    aliases: ["DL1000"],
    title: "The Dockerfile does not parse as BuildKit reads it",
    severity: "error",
    fixable: false,
    helpUri: helpUri(PARSE_ERROR_RULE),
  });
  return map;
}
