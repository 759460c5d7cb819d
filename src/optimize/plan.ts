import type { AppFacts } from "../analyze/stack.js";
import type { Dockerfile } from "../dockerfile/model.js";
import { parse } from "../dockerfile/parse.js";
import { defaultLintConfig } from "../lint/config.js";
import { lint } from "../lint/engine.js";
import { ALL_RULES } from "../lint/rules/index.js";
import type { BuildContextInfo, Finding } from "../lint/types.js";
import type { StackRewrite } from "./stacks/common.js";
import { rewriteCpp, rewriteJava, rewriteRust } from "./stacks/compiled.js";
import { rewriteGo } from "./stacks/go.js";
import { rewriteNode } from "./stacks/node.js";
import { rewritePython } from "./stacks/python.js";
import { addCacheMounts } from "./steps/cache-mounts.js";
import { applyHygiene } from "./steps/hygiene.js";
import type { OptimizeOptions, OptimizeResult, Technique } from "./types.js";

/** Findings at warning or above that the optimized file must not have. */
export function blockingFindings(text: string, file: string, context: BuildContextInfo | undefined): Finding[] {
  const dockerfile = parse(text, { file });
  return lint(dockerfile, { rules: ALL_RULES, config: defaultLintConfig(), context }).filter(
    (f) => f.severity === "error" || f.severity === "warning",
  );
}

/**
 * The optimizer's algorithm: refuse what it cannot rewrite safely; rewrite the structure with the
 * stack's strategy where one applies; otherwise apply the safe in-place fixes; then accept the result
 * only if it parses and has no lint finding at warning or above.
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
  });
  if (dockerfile.diagnostics.some((d) => d.severity === "error"))
    return declined("the Dockerfile does not parse; fix the errors `imagediet lint` reports first");
  if (dockerfile.stages.some((s) => /windows|nanoserver|servercore/i.test(s.baseImageExpanded)))
    return declined("Windows base images are not supported");
  if (dockerfile.stages.length === 0) return declined("no FROM instruction");

  let text = original;
  let strategy = "hygiene";
  const techniques: Technique[] = [];
  const notes: string[] = [];
  const strategies: Partial<Record<AppFacts["stack"], () => StackRewrite | { reason: string }>> = {
    go: () => rewriteGo(dockerfile, facts, options.target, context?.paths ?? [], options.upx),
    python: () => rewritePython(dockerfile, facts, options.target, context?.paths ?? []),
    node: () => rewriteNode(dockerfile, facts, options.target),
    rust: () => rewriteRust(dockerfile, facts, options.target, options.upx),
    "c-cpp": () => rewriteCpp(dockerfile, facts, options.target, options.upx),
    java: () => rewriteJava(dockerfile, facts, options.target),
  };
  const strategyFor = strategies[facts.stack];
  if (strategyFor) {
    const rewrite = strategyFor();
    if ("reason" in rewrite) notes.push(rewrite.reason);
    else {
      text = rewrite.text;
      strategy = facts.stack;
      techniques.push(...rewrite.techniques);
    }
  } else if (facts.stack !== "unknown") {
    notes.push(`the ${facts.stack} strategy is not available yet; only in-place fixes were considered`);
  }
  const hygiene = applyHygiene(text, dockerfile.file);
  text = hygiene.text;
  techniques.push(...hygiene.techniques);
  if (options.cacheMounts) {
    const mounts = addCacheMounts(text, dockerfile.file);
    text = mounts.text;
    techniques.push(...mounts.techniques);
  }

  const reparsed = parse(text, { file: dockerfile.file });
  if (reparsed.diagnostics.some((d) => d.severity === "error"))
    return declined(`the rewrite would not parse (${reparsed.diagnostics[0].message}); nothing written`);
  if (text === original) {
    return {
      status: "unchanged",
      reason: notes.join("; ") || "nothing to change",
      text,
      techniques: [],
      facts,
      strategy,
    };
  }
  const blocking = blockingFindings(text, dockerfile.file, context);
  if (blocking.length > 0) {
    const listed = [...new Set(blocking.map((f) => f.rule))].join(", ");
    return declined(
      `${notes.length ? `${notes.join("; ")}; ` : ""}after the safe fixes the file still has findings that need a person: ${listed}`,
    );
  }
  return { status: "optimized", text, techniques, facts, strategy, reason: notes.join("; ") || undefined };
}
