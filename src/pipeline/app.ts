/**
 * An app folder as the flow reads and writes it: its Dockerfile and build context analyzed, its
 * Dockerfile optimized (written beside it), its imagediet.yaml, and a copy to build from.
 */
import { copyFileSync, cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { type AppFacts, analyzeApp } from "../analyze/stack.js";
import { parse } from "../dockerfile/index.js";
import type { Dockerfile } from "../dockerfile/model.js";
import { ImagedietError } from "../errors.js";
import { appFiles } from "../files/app-files.js";
import { readBuildContext } from "../files/build-context.js";
import { readDockerfileText } from "../files/dockerfile-text.js";
import { dockerignoreFor } from "../optimize/dockerignore.js";
import { optimize } from "../optimize/plan.js";
import type { OptimizeResult, Target } from "../optimize/types.js";
import { type AppConfig, parseAppConfig } from "../verify/checks.js";

export interface FolderOptimizeOptions {
  /** The Dockerfile (default: APP_DIR/Dockerfile). */
  file?: string;
  /** The build context (default: the app folder). */
  context?: string;
  target: Target;
  cacheMounts?: boolean;
  upx?: boolean;
  /** Keep the user the image runs as, even root (no non-root USER is added). */
  keepUser?: boolean;
  /** Replace the Dockerfile itself (keeping Dockerfile.bak) instead of writing Dockerfile.optimized. */
  write?: boolean;
}

/** Reads an app folder's Dockerfile and build context and analyzes the app. */
export function analyzeFolder(root: string, options: { file?: string; context?: string } = {}) {
  const file = resolve(options.file ?? join(root, "Dockerfile"));
  if (!existsSync(file)) throw new ImagedietError("no Dockerfile here (use -f FILE)", { file });
  const contextRoot = resolve(options.context ?? root);
  const context = readBuildContext(contextRoot, file);
  const dockerfile = parse(readDockerfileText(file), { file: basename(file) });
  const facts = analyzeApp(
    appFiles(
      contextRoot,
      context.paths.filter((p) => !p.endsWith("/")),
    ),
    dockerfile,
  );
  return { file, contextRoot, context, dockerfile, facts };
}

export interface FolderOptimization {
  file: string;
  output: string;
  dockerfile: Dockerfile;
  facts: AppFacts;
  result: OptimizeResult;
  ignore: { text: string; added: string[] };
}

/**
 * Optimizes the Dockerfile of an app folder: writes `Dockerfile.optimized` (or, with `write`, the
 * Dockerfile itself after a `.bak` copy) and the `.dockerignore` when the rewrite succeeds.
 */
export function optimizeFolder(root: string, options: FolderOptimizeOptions): FolderOptimization {
  const { file, contextRoot, context, dockerfile, facts } = analyzeFolder(root, options);
  const copied = dockerfile.instructions.flatMap((i) =>
    i.keyword === "COPY" || i.keyword === "ADD" ? i.sources.map((s) => s.value) : [],
  );
  const ignore = dockerignoreFor(facts.stack, context.dockerignore, copied);
  // The result is checked against the context as it will be: with the .dockerignore written below.
  const result = optimize(
    dockerfile,
    facts,
    { target: options.target, cacheMounts: options.cacheMounts, upx: options.upx, keepUser: options.keepUser },
    { ...context, dockerignore: ignore.text },
  );
  const output = options.write ? file : join(dirname(file), `${basename(file)}.optimized`);
  if (result.status === "optimized") {
    if (options.write) copyFileSync(file, `${file}.bak`);
    writeFileSync(output, result.text);
    if (ignore.added.length > 0) writeFileSync(join(contextRoot, ".dockerignore"), ignore.text);
  }
  return { file, output, dockerfile, facts, result, ignore };
}

/** The app's `imagediet.yaml`, when it has one. */
export function appConfigOf(root: string): AppConfig | undefined {
  const file = join(root, "imagediet.yaml");
  return existsSync(file) ? parseAppConfig(readFileSync(file, "utf8"), file) : undefined;
}

/** Copies an app folder to work on, leaving out .git and node_modules. */
export function copyApp(root: string, destination: string): void {
  cpSync(root, destination, { recursive: true, filter: (source) => !/\/(\.git|node_modules)$/.test(source) });
}
