import type { AppFacts } from "../analyze/stack.js";

export type Target = "auto" | "alpine" | "slim" | "distroless" | "scratch";

/** One change the optimizer made, with the reason a user reads in the report. */
export interface Technique {
  /** The docs page under docs/techniques/. */
  id: string;
  title: string;
  why: string;
  /** Expected saving, from the base-image catalog and package facts, when it can be known. */
  saving?: string;
}

export interface OptimizeOptions {
  target: Target;
  /** Add BuildKit cache mounts for the package managers' download caches. */
  cacheMounts?: boolean;
  /** Compress compiled binaries with UPX in the builder (smaller image, slower start). */
  upx?: boolean;
  /** Keep the user the image runs as, even when it is root. */
  keepUser?: boolean;
}

/** A finding the optimized file still has, and why the optimizer left it. */
export interface Remaining {
  rule: string;
  line: number;
  column: number;
  severity: string;
  message: string;
  why: string;
}

/** A step whose result was thrown away, and which check it failed. */
export interface Skipped {
  step: string;
  reason: "parse" | "semantics" | "new-finding";
  detail: string;
  line?: number;
}

export interface OptimizeResult {
  status: "optimized" | "unchanged" | "declined";
  /** Why the optimizer declined (or what it left alone). */
  reason?: string;
  /** The optimized Dockerfile (the original when declined or unchanged). */
  text: string;
  techniques: Technique[];
  facts: AppFacts;
  /** The stack strategy used, or "generic" when only the generic steps applied. */
  strategy: string;
  /** Findings at warning or above left in the output, each with the reason. */
  remaining: Remaining[];
  /** Steps whose result was thrown away because it would change what the image runs or add a finding. */
  skipped: Skipped[];
}

export const TECHNIQUE_DOCS = "docs/techniques/";
