import type { AppFacts } from "../../analyze/stack.js";
import type { StackRewrite } from "../stacks/common.js";
import { rewriteCpp, rewriteJava, rewriteRust } from "../stacks/compiled.js";
import { rewriteGo } from "../stacks/go.js";
import { rewriteNode } from "../stacks/node.js";
import { rewritePython } from "../stacks/python.js";
import { type Step, type StepInput, unchanged } from "../step.js";

type Strategy = (input: StepInput) => StackRewrite | { reason: string };

const STRATEGIES: Partial<Record<AppFacts["stack"], Strategy>> = {
  go: ({ dockerfile, facts, options, context }) =>
    rewriteGo(dockerfile, facts, options.target, context?.paths ?? [], options.upx),
  python: ({ dockerfile, facts, options, context }) =>
    rewritePython(dockerfile, facts, options.target, context?.paths ?? []),
  node: ({ dockerfile, facts, options }) => rewriteNode(dockerfile, facts, options.target),
  rust: ({ dockerfile, facts, options }) => rewriteRust(dockerfile, facts, options.target, options.upx),
  "c-cpp": ({ dockerfile, facts, options }) => rewriteCpp(dockerfile, facts, options.target, options.upx),
  java: ({ dockerfile, facts, options }) => rewriteJava(dockerfile, facts, options.target),
};

/** The stack's strategy as one step: it restructures the file, or says why it did not. */
export function stackStep(stack: AppFacts["stack"]): Step | undefined {
  const strategy = STRATEGIES[stack];
  if (!strategy) return undefined;
  return {
    name: `stack:${stack}`,
    apply(input) {
      const rewrite = strategy(input);
      if ("reason" in rewrite)
        return unchanged(input, [{ rule: "strategy", why: `the ${stack} strategy did not apply: ${rewrite.reason}` }]);
      return { text: rewrite.text, techniques: rewrite.techniques };
    },
  };
}
