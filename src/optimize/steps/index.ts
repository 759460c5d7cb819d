import type { AppFacts } from "../../analyze/stack.js";
import type { Step } from "../step.js";
import type { OptimizeOptions } from "../types.js";
import { cacheMountsStep } from "./cache-mounts.js";
import { hygieneStep } from "./hygiene.js";
import { nonRootStep } from "./non-root.js";
import { stackStep } from "./stack.js";

/** The steps for an app, in order: the stack's strategy when there is one, then the generic steps. */
export function stepsFor(facts: AppFacts, options: OptimizeOptions): Step[] {
  const steps: Step[] = [];
  const stack = stackStep(facts.stack);
  if (stack) steps.push(stack);
  steps.push(hygieneStep, nonRootStep);
  if (options.cacheMounts) steps.push(cacheMountsStep);
  return steps;
}
