import type { Diagnostic, Dockerfile, Instruction } from "../dockerfile/model.js";
import { type RuleCatalog, ruleCatalog } from "./catalog.js";
import type { LintConfig } from "./config.js";
import { instructionsWithTriggers } from "./helpers.js";
import { isSuppressed, readSuppressions, ruleNames } from "./pragmas.js";
import type { BuildContextInfo, Finding, Rule, RuleMeta, Severity } from "./types.js";

/** The pseudo-rule for errors BuildKit would stop at; it cannot be ignored, as a build cannot ignore them. */
export const PARSE_ERROR_RULE = "parse-error";
/** Names that mean the parse error: imagediet's and hadolint's (DL1000). */
export const PSEUDO_RULES = [PARSE_ERROR_RULE, "DL1000"];

export interface LintOptions {
  rules: readonly Rule[];
  config: LintConfig;
  context?: BuildContextInfo;
  /** Every rule name that means something (default: the names of `rules`). */
  catalog?: RuleCatalog;
}

const catalogs = new WeakMap<readonly Rule[], RuleCatalog>();

function catalogOf(rules: readonly Rule[]): RuleCatalog {
  let catalog = catalogs.get(rules);
  if (!catalog) {
    catalog = ruleCatalog(rules, PSEUDO_RULES);
    catalogs.set(rules, catalog);
  }
  return catalog;
}

export function isEnabled(meta: RuleMeta, config: LintConfig): boolean {
  const names = ruleNames(meta);
  const listed = (list: string[]) => list.some((id) => names.includes(id.toLowerCase()));
  if (listed(config.ignored)) return false;
  return !meta.optIn || listed(config.enable);
}

export function effectiveSeverity(meta: RuleMeta, config: LintConfig): Severity {
  for (const name of [meta.id, ...(meta.aliases ?? [])]) {
    const override = config.severity[name] ?? config.severity[name.toLowerCase()];
    if (override) return override;
  }
  return meta.severity;
}

/** Runs the enabled rules over a parsed Dockerfile and returns the findings that are not suppressed. */
export function lint(dockerfile: Dockerfile, options: LintOptions): Finding[] {
  const { config } = options;
  const suppressions = readSuppressions(dockerfile);
  const ruleContext = {
    dockerfile,
    context: options.context,
    rules: options.catalog ?? catalogOf(options.rules),
    settings: {
      trustedRegistries: config.trustedRegistries,
      labelSchema: config.labelSchema,
      strictLabels: config.strictLabels,
    },
  };
  const instructionAt = instructionFinder(dockerfile);
  const findings: Finding[] = parseErrors(dockerfile.diagnostics);
  for (const rule of options.rules) {
    if (!isEnabled(rule.meta, config)) continue;
    const severity = effectiveSeverity(rule.meta, config);
    for (const report of rule.check(ruleContext)) {
      const instruction = instructionAt(report.range.start.offset);
      if (!config.disableIgnorePragma && isSuppressed(rule.meta, instruction, suppressions)) continue;
      findings.push({ rule: rule.meta.id, severity, ...report });
    }
  }
  return findings.sort((a, b) => a.range.start.offset - b.range.start.offset || a.rule.localeCompare(b.rule));
}

function parseErrors(diagnostics: Diagnostic[]): Finding[] {
  return diagnostics
    .filter((d) => d.severity === "error")
    .map((d) => ({ rule: PARSE_ERROR_RULE, severity: "error" as const, message: d.message, range: d.range }));
}

/**
 * Finds the innermost instruction whose text holds an offset (an ONBUILD trigger before its ONBUILD)
 * by binary search: instructions follow one another in the text, and a trigger lies inside its ONBUILD.
 */
function instructionFinder(dockerfile: Dockerfile): (offset: number) => Instruction | undefined {
  const instructions = [...instructionsWithTriggers(dockerfile.instructions)];
  const holds = (instruction: Instruction | undefined, offset: number) =>
    instruction !== undefined && instruction.range.start.offset <= offset && offset <= instruction.range.end.offset;
  return (offset) => {
    const after = firstStartingAfter(instructions, offset);
    const [last, enclosing] = [instructions[after - 1], instructions[after - 2]];
    if (holds(last, offset)) return last;
    return holds(enclosing, offset) ? enclosing : undefined;
  };
}

function firstStartingAfter(instructions: Instruction[], offset: number): number {
  let low = 0;
  let high = instructions.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (instructions[middle].range.start.offset <= offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** True when any finding is at or above the threshold. */
export function failsThreshold(findings: Finding[], threshold: LintConfig["failureThreshold"]): boolean {
  if (threshold === "none") return false;
  const order: Severity[] = ["style", "info", "warning", "error"];
  const minimum = order.indexOf(threshold);
  return findings.some((finding) => order.indexOf(finding.severity) >= minimum);
}
