/**
 * The comparison both `compare` and `run` perform on one app: optimize (unless an optimized
 * Dockerfile is given), build both images cold and warm, run the checks on both, repair the
 * optimized image when it misses what the original had (at most three rounds), and scan both.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, relative } from "node:path";
import type { Engine } from "../engine/engine.js";
import { ImagedietError } from "../errors.js";
import type { Target } from "../optimize/types.js";
import type { AppReport, ImageMeasurement } from "../report/model.js";
import { type Check, checkName, inferChecks } from "../verify/checks.js";
import { type CheckResult, imageFacts, runChecks } from "../verify/run.js";
import { analyzeFolder, appConfigOf, copyApp, optimizeFolder } from "./app.js";
import { loadFromEngine } from "./images.js";
import { measureImage, sourceToTouch } from "./measure.js";
import { findFixes, insertIntoFinalStage } from "./repair.js";
import type { ImageScan } from "./scan.js";

/** Where the flow says what it is doing (the CLI draws it on stderr). */
export interface FlowProgress {
  /** A phase starts. */
  step(phase: string): void;
  /** What the phase is doing right now (a build's latest line). */
  update(detail: string): void;
  /** A line that stays: an inferred check, a fix the loop made. */
  note(message: string): void;
  /** The flow is over. */
  done(): void;
}

export interface CompareOptions {
  /** An optimized Dockerfile to use instead of running optimize. */
  optimized?: string;
  /** The final image family; default: imagediet.yaml's `target`, else auto. */
  target?: Target;
  cacheMounts?: boolean;
  network: string;
  progress: FlowProgress;
  /** CVE counts for both images; undefined leaves them out. */
  scan?: ImageScan;
  /** How many times each build runs; the report gives the medians (default 1). */
  repeat?: number;
  /** Fix-loop rounds (default 3; 0 turns it off). */
  rounds?: number;
  /** Stops the flow: a running build is killed, and the comparison fails with the signal's reason. */
  signal?: AbortSignal;
}

const MAX_ROUNDS = 3;

/** One app being compared: its folder, the copy the builds run on, and what the flow learned so far. */
interface Comparison {
  engine: Engine;
  options: CompareOptions;
  root: string;
  app: string;
  copy: string;
  optimizedFile: string;
  notes: string[];
  measure: (which: "original" | "optimized", dockerfile: string) => Promise<ImageMeasurement>;
}

/** Compares one app folder; the builds run on a copy, so the user's files are never changed. */
export async function compareApp(engine: Engine, root: string, options: CompareOptions): Promise<AppReport> {
  if (!existsSync(join(root, "Dockerfile")))
    throw new ImagedietError("no Dockerfile here", { file: join(root, "Dockerfile") });
  const work = mkdtempSync(join(tmpdir(), "imagediet-compare-"));
  try {
    return await compareCopy(engine, root, join(work, basename(root)), options);
  } finally {
    options.progress.done();
    rmSync(work, { recursive: true, force: true });
  }
}

async function compareCopy(engine: Engine, root: string, copy: string, options: CompareOptions): Promise<AppReport> {
  const app = basename(root);
  const config = appConfigOf(root);
  copyApp(root, copy);
  const comparison: Comparison = {
    engine,
    options,
    root,
    app,
    copy,
    optimizedFile: join(copy, "Dockerfile.optimized"),
    notes: [],
    measure: measurer(engine, root, copy, app, options),
  };
  const techniques = prepareOptimized(comparison, options.target ?? config?.target ?? "auto");
  const original = await comparison.measure("original", join(copy, "Dockerfile"));
  let optimized = await comparison.measure("optimized", comparison.optimizedFile);
  const checks = config ? config.checks : await inferredChecks(comparison, optimized.image);
  const check = (image: string) => {
    options.signal?.throwIfAborted();
    return runChecks(engine, image, checks, () => loadFromEngine(engine, image));
  };
  options.progress.step(`running ${checks.length} checks on both images`);
  const before = await check(original.image);
  const repaired = await repairLoop(comparison, before, await check(optimized.image), optimized, check);
  optimized = repaired.optimized;
  if (options.scan) await scanBoth(options.scan, comparison, original, optimized);
  return {
    app,
    original: withBase(original, join(copy, "Dockerfile")),
    optimized: withBase(optimized, comparison.optimizedFile),
    reduction: original.sizeBytes > 0 ? 1 - optimized.sizeBytes / original.sizeBytes : 0,
    checks: pairChecks(before, repaired.after),
    iterations: repaired.iterations,
    techniques,
    notes: comparison.notes,
  };
}

/** Puts the optimized Dockerfile in place: the one given, the app's own, or a fresh rewrite; returns the techniques applied. */
function prepareOptimized({ options, root, copy, optimizedFile, notes }: Comparison, target: Target) {
  if (options.optimized) {
    if (!existsSync(options.optimized)) throw new ImagedietError("no such file", { file: options.optimized });
    copyFileSync(options.optimized, optimizedFile);
    return [];
  }
  if (existsSync(optimizedFile)) return [];
  options.progress.step(`optimizing the Dockerfile (--target ${target})`);
  const { result } = optimizeFolder(copy, { target, cacheMounts: options.cacheMounts });
  if (result.status !== "optimized")
    throw new ImagedietError(`optimize did not rewrite it: ${result.reason ?? result.status}`, {
      file: join(root, "Dockerfile"),
    });
  notes.push(`Optimized with --target ${target}.`);
  return result.techniques.map(({ title, why, saving }) => ({ title, why, saving }));
}

/** Builds one side cold and warm; the one-line change goes into the app's most recently edited source file. */
function measurer(engine: Engine, root: string, copy: string, app: string, options: CompareOptions) {
  const touched = sourceToTouch(root);
  const touch = touched ? join(copy, relative(root, touched)) : undefined;
  return async (which: "original" | "optimized", dockerfile: string) => {
    options.progress.step(
      `building ${which}: cold, then warm after a one-line change to ${touched ? relative(root, touched) : "nothing"}${(options.repeat ?? 1) > 1 ? ` (each ${options.repeat} times)` : ""}`,
    );
    return measureImage(engine, {
      context: copy,
      dockerfile,
      tag: `imagediet-compare/${app.toLowerCase()}:${which}-${engine.session}`,
      network: options.network,
      touch,
      repeat: options.repeat,
      onLine: (line) => options.progress.update(line),
      signal: options.signal,
    });
  };
}

/** With no imagediet.yaml: the checks the optimized image and the app's runtime suggest. */
async function inferredChecks({ engine, root, notes, options }: Comparison, image: string): Promise<Check[]> {
  const { facts } = analyzeFolder(root);
  const checks = inferChecks(await imageFacts(engine, image), facts.runtime);
  notes.push(`No imagediet.yaml: inferred ${checks.map(checkName).join(", ")}.`);
  options.progress.note(notes[notes.length - 1] ?? "");
  return checks;
}

/**
 * While the optimized image fails checks the original passes: find what it misses, add it to the
 * final stage, rebuild and check again (at most `rounds` times).
 */
async function repairLoop(
  comparison: Comparison,
  before: CheckResult[],
  firstAfter: CheckResult[],
  firstOptimized: ImageMeasurement,
  check: (image: string) => Promise<CheckResult[]>,
) {
  const { engine, options, app, copy, optimizedFile, notes } = comparison;
  let after = firstAfter;
  let optimized = firstOptimized;
  const iterations: AppReport["iterations"] = [];
  for (let round = 1; round <= (options.rounds ?? MAX_ROUNDS); round++) {
    const failing = after.filter((a, i) => a.outcome === "fail" && before[i]?.outcome !== "fail");
    if (failing.length === 0) break;
    options.progress.step(`round ${round}: looking for what the optimized image misses`);
    const fixes = await findFixes(engine, {
      context: copy,
      dockerfile: optimizedFile,
      image: optimized.image,
      failures: failing.map((f) => f.detail),
      network: options.network,
      tag: `imagediet-compare/${app.toLowerCase()}:builder-${engine.session}`,
      load: (ref) => loadFromEngine(engine, ref),
      signal: options.signal,
    });
    if (fixes.length === 0) {
      options.progress.note(`nothing found to add for: ${failing.map((f) => `${f.name} (${f.detail})`).join("; ")}`);
      break;
    }
    const text = readFileSync(optimizedFile, "utf8");
    writeFileSync(
      optimizedFile,
      insertIntoFinalStage(
        text,
        optimizedFile,
        fixes.map((f) => f.line),
      ),
    );
    for (const fix of fixes) {
      iterations.push({ added: fix.added, why: fix.why });
      options.progress.note(`round ${round}: adding ${fix.added} (${fix.why})`);
    }
    optimized = await comparison.measure("optimized", optimizedFile);
    options.progress.step(`round ${round}: running the checks again on the optimized image`);
    after = await check(optimized.image);
  }
  if (iterations.length > 0)
    notes.push(`The fix loop changed the optimized Dockerfile:\n\n${readFileSync(optimizedFile, "utf8")}`);
  return { after, optimized, iterations };
}

async function scanBoth(
  scan: ImageScan,
  { engine, options }: Comparison,
  original: ImageMeasurement,
  optimized: ImageMeasurement,
): Promise<void> {
  options.signal?.throwIfAborted();
  options.progress.step("scanning both images for CVEs");
  original.cves = await scan(engine, original.image);
  optimized.cves = await scan(engine, optimized.image);
}

function pairChecks(before: CheckResult[], after: CheckResult[]): AppReport["checks"] {
  return before.map((b, i) => ({
    name: b.name,
    original: b.outcome,
    optimized: after[i]?.outcome ?? "skip",
    detail: after[i]?.outcome === "fail" ? after[i]?.detail : b.outcome === "fail" ? b.detail : undefined,
  }));
}

/** The final stage's base image, as the Dockerfile names it. */
function withBase(measurement: ImageMeasurement, dockerfile: string): ImageMeasurement {
  const froms = [...readFileSync(dockerfile, "utf8").matchAll(/^\s*FROM\s+(?:--\S+\s+)*(\S+)/gim)];
  const base = froms[froms.length - 1]?.[1];
  return base ? { ...measurement, baseImage: base } : measurement;
}
