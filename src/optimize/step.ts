import type { ImageModel } from "../analyze/effects.js";
import type { AppFacts } from "../analyze/stack.js";
import type { Dockerfile } from "../dockerfile/model.js";
import { applyEdits, type TextEdit } from "../dockerfile/print.js";
import type { BuildContextInfo } from "../lint/types.js";
import type { OptimizeOptions, Technique } from "./types.js";

/** What every step sees: the file as the steps before left it, parsed and modelled. */
export interface StepInput {
  dockerfile: Dockerfile;
  model: ImageModel;
  facts: AppFacts;
  options: OptimizeOptions;
  context: BuildContextInfo | undefined;
}

/** Why a finding was left for a person, keyed by rule (and line when the step knows it). */
export interface LeftNote {
  rule: string;
  line?: number;
  why: string;
}

export interface StepOutput {
  /** The new text; equal to the input's when the step had nothing to do. */
  text: string;
  techniques: Technique[];
  /** What the step saw but left alone, and why. */
  left?: LeftNote[];
}

/** One model → model transformation with its reason. Pure; the plan checks its result. */
export interface Step {
  /** `hygiene`, `non-root`, `stack:go`: how the output names the step. */
  name: string;
  apply(input: StepInput): StepOutput;
}

/** The output of a step that changed nothing, with what it left and why. */
export function unchanged(input: StepInput, left: LeftNote[] = []): StepOutput {
  return { text: input.dockerfile.text, techniques: [], left };
}

/** The output of a step made of text edits. */
export function edited(input: StepInput, edits: TextEdit[], technique: Technique, left: LeftNote[] = []): StepOutput {
  if (edits.length === 0) return unchanged(input, left);
  return { text: applyEdits(input.dockerfile.text, edits), techniques: [technique], left };
}
