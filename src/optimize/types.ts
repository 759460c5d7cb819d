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
}

export interface OptimizeResult {
  status: "optimized" | "unchanged" | "declined";
  /** Why the optimizer declined (or what it left alone). */
  reason?: string;
  /** The optimized Dockerfile (the original when declined or unchanged). */
  text: string;
  techniques: Technique[];
  facts: AppFacts;
  /** The stack strategy used, or "hygiene" for in-place fixes only. */
  strategy: string;
}

export const TECHNIQUE_DOCS = "docs/techniques/";
