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

/** Lints one parsed Dockerfile (with its build context, when known) under the rules and config it was made for. */
export type Linter = (dockerfile: Dockerfile, context?: BuildContextInfo) => Finding[];

/**
 * Works out once which rules the config enables, with which severity, for a run over many files;
 * the linter it returns applies them to each file.
 */
export function createLinter(options: Omit<LintOptions, "context">): Linter {
  const { config } = options;
  const active = options.rules
    .filter((rule) => isEnabled(rule.meta, config))
    .map((rule) => ({ rule, severity: effectiveSeverity(rule.meta, config) }));
  const settings = {
    trustedRegistries: config.trustedRegistries,
    labelSchema: config.labelSchema,
    strictLabels: config.strictLabels,
  };
  const rules = options.catalog ?? catalogOf(options.rules);
  return (dockerfile, context) => {
    const suppressed = suppressionTest(dockerfile, config);
    const ruleContext = { dockerfile, context, rules, settings };
    const findings: Finding[] = parseErrors(dockerfile.diagnostics);
    for (const { rule, severity } of active) {
      for (const report of rule.check(ruleContext)) {
        if (!suppressed(rule.meta, report.range.start.offset))
          findings.push({ rule: rule.meta.id, severity, ...report });
      }
    }
    return findings.sort((a, b) => a.range.start.offset - b.range.start.offset || a.rule.localeCompare(b.rule));
  };
}

/** Runs the enabled rules over a parsed Dockerfile and returns the findings that are not suppressed. */
export function lint(dockerfile: Dockerfile, options: LintOptions): Finding[] {
  return createLinter(options)(dockerfile, options.context);
}

/** Whether a rule's finding at an offset is switched off by the file's pragmas (never, in most files). */
function suppressionTest(dockerfile: Dockerfile, config: LintConfig): (meta: RuleMeta, offset: number) => boolean {
  const suppressions = readSuppressions(dockerfile);
  const none =
    suppressions.global.size === 0 &&
    suppressions.byInstruction.size === 0 &&
    suppressions.byStage.size === 0 &&
    !suppressions.skipAllBuildkit;
  if (config.disableIgnorePragma || none) return () => false;
  const instructionAt = instructionFinder(dockerfile);
  return (meta, offset) => isSuppressed(meta, instructionAt(offset), suppressions);
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
