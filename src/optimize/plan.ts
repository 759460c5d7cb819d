import { modelOf } from "../analyze/effects.js";
import type { AppFacts } from "../analyze/stack.js";
import type { Dockerfile } from "../dockerfile/model.js";
import { parse } from "../dockerfile/parse.js";
import { defaultLintConfig } from "../lint/config.js";
import { lint } from "../lint/engine.js";
import { ALL_RULES } from "../lint/rules/index.js";
import type { BuildContextInfo, Finding } from "../lint/types.js";
import { whyLeft } from "./left.js";
import { contractChanges, runtimeContract } from "./semantics.js";
import type { LeftNote, Step } from "./step.js";
import { stepsFor } from "./steps/index.js";
import type { OptimizeOptions, OptimizeResult, Remaining, Skipped, Technique } from "./types.js";

/** Findings that count: warnings and errors (info and style findings are advice, and rewrites trade them). */
const COUNTED = new Set(["error", "warning"]);

function findingsOf(dockerfile: Dockerfile, context: BuildContextInfo | undefined): Finding[] {
  return lint(dockerfile, { rules: ALL_RULES, config: defaultLintConfig(), context }).filter((f) =>
    COUNTED.has(f.severity),
  );
}

/** Findings at warning or above that the optimized file must not have. */
export function blockingFindings(text: string, file: string, context: BuildContextInfo | undefined): Finding[] {
  return findingsOf(parse(text, { file }), context);
}

interface State {
  text: string;
  dockerfile: Dockerfile;
  findings: Finding[];
}

const countByRule = (findings: Finding[]) => {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
  return counts;
};

/**
 * Checks a step's result: it parses, runs what the original ran (a root user may become a non-root
 * one), and adds no finding of a rule beyond what the file had before the step.
 */
function check(
  step: Step,
  text: string,
  before: State,
  original: Dockerfile,
  context: BuildContextInfo | undefined,
): State | Skipped {
  const dockerfile = parse(text, { file: original.file });
  const error = dockerfile.diagnostics.find((d) => d.severity === "error");
  if (error)
    return {
      step: step.name,
      reason: "parse",
      detail: `the result would not parse (${error.message})`,
      line: error.range.start.line,
    };
  const changes = contractChanges(runtimeContract(original), runtimeContract(dockerfile));
  if (changes.length > 0)
    return {
      step: step.name,
      reason: "semantics",
      detail: `it would change what the image runs: ${changes.join(", ")}`,
    };
  const findings = findingsOf(dockerfile, context);
  const beforeCounts = countByRule(before.findings);
  const added = [...countByRule(findings)].find(([rule, count]) => count > (beforeCounts.get(rule) ?? 0));
  if (added) {
    const finding = findings.filter((f) => f.rule === added[0]).pop();
    return {
      step: step.name,
      reason: "new-finding",
      detail: `it would add a ${added[0]} finding (${finding?.message ?? ""})`,
      line: finding?.range.start.line,
    };
  }
  return { text, dockerfile, findings };
}

/**
 * The optimizer's algorithm: every Dockerfile it can read goes through the stack's strategy (when one
 * applies) and the generic steps, one at a time. Each step's result is kept only when it parses, runs
 * what the original ran and adds no finding; a step that fails that is skipped and named. What is
 * left — findings at warning or above — is listed with the reason it was not changed.
 */
export function optimize(
  dockerfile: Dockerfile,
  facts: AppFacts,
  options: OptimizeOptions,
  context?: BuildContextInfo,
): OptimizeResult {
  const original = dockerfile.text;
  const declined = (reason: string): OptimizeResult => ({
    status: "declined",
    reason,
    text: original,
    techniques: [],
    facts,
    strategy: "none",
    remaining: [],
    skipped: [],
  });
  const parseError = dockerfile.diagnostics.find((d) => d.severity === "error");
  if (parseError)
    return declined(
      `line ${parseError.range.start.line}: the Dockerfile does not parse (${parseError.message}); fix the errors \`imagediet lint\` reports first`,
    );
  const windows = dockerfile.stages.find((s) => /windows|nanoserver|servercore/i.test(s.baseImageExpanded));
  if (windows) return declined(`line ${windows.from.startLine}: Windows base images are not supported`);
  if (dockerfile.stages.length === 0) return declined("no FROM instruction");

  let state: State = { text: original, dockerfile, findings: findingsOf(dockerfile, context) };
  const techniques: Technique[] = [];
  const left: LeftNote[] = [];
  const skipped: Skipped[] = [];
  let strategy = "generic";
  for (const step of stepsFor(facts, options)) {
    const output = step.apply({
      dockerfile: state.dockerfile,
      model: modelOf(state.dockerfile),
      facts,
      options,
      context,
    });
    left.push(...(output.left ?? []));
    if (output.text === state.text) continue;
    const next = check(step, output.text, state, dockerfile, context);
    if ("step" in next) {
      skipped.push(next);
      continue;
    }
    state = next;
    techniques.push(...output.techniques);
    if (step.name.startsWith("stack:")) strategy = step.name.slice(6);
  }
  const remaining = remainingFindings(state.findings, left);
  const reason =
    left
      .filter((n) => n.rule === "strategy")
      .map((n) => n.why)
      .join("; ") || undefined;
  return {
    status: state.text === original ? "unchanged" : "optimized",
    reason: state.text === original ? (reason ?? "nothing to change") : reason,
    text: state.text,
    techniques: mergeTechniques(techniques),
    facts,
    strategy,
    remaining,
    skipped,
  };
}

/** Findings at warning or above still in the output, each with why it was left. */
function remainingFindings(findings: Finding[], left: LeftNote[]): Remaining[] {
  return findings.map((f) => {
    const note =
      left.find((n) => n.rule === f.rule && n.line === f.range.start.line) ??
      left.find((n) => n.rule === f.rule && n.line === undefined);
    return {
      rule: f.rule,
      line: f.range.start.line,
      column: f.range.start.column,
      severity: f.severity,
      message: f.message,
      why: note?.why ?? whyLeft(f.rule),
    };
  });
}

/** One technique per title: steps that fix the same thing in several places report it once. */
function mergeTechniques(techniques: Technique[]): Technique[] {
  const seen = new Set<string>();
  return techniques.filter((t) => {
    const key = `${t.id}\u0000${t.title}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
