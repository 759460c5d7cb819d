/**
 * `run` over one or more apps: each compared on the engine and reported on its own, or, with no
 * engine, analyzed and rewritten only.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import type { Engine } from "../engine/engine.js";
import { ImagedietError } from "../errors.js";
import type { Target } from "../optimize/types.js";
import type { AppReport } from "../report/model.js";
import { appConfigOf, copyApp, optimizeFolder } from "./app.js";
import { type CompareOptions, compareApp, type FlowProgress } from "./compare.js";
import { newReport, writeReports } from "./reports.js";
import type { ImageScan } from "./scan.js";

export interface RunAppsOptions extends Omit<CompareOptions, "progress" | "scan" | "optimized"> {
  /** How CVEs are counted, or why they are not. */
  scanner: { scan: ImageScan } | { skip: string };
  /** Where each app's reports go. */
  reportDir: string;
  /** The progress display of one app. */
  progressFor: (app: string) => FlowProgress;
}

export interface RunOutcome {
  /** The reports of the apps compared, in the order given. */
  apps: AppReport[];
  /** One line for each app that could not be compared: `app: why`. */
  failed: string[];
}

/** Compares each app on the engine and writes its reports; an app that fails does not stop the others. */
export async function runApps(engine: Engine, roots: string[], options: RunAppsOptions): Promise<RunOutcome> {
  const apps: AppReport[] = [];
  const failed: string[] = [];
  for (const root of roots) {
    const progress = options.progressFor(basename(root));
    try {
      apps.push(await runOne(engine, root, progress, options));
    } catch (error) {
      if (!(error instanceof ImagedietError)) throw error;
      failed.push(`${basename(root)}: ${error.message}`);
      progress.note(`failed: ${error.message}`);
    } finally {
      progress.done();
      engine.forgetSaved();
    }
  }
  return { apps, failed };
}

async function runOne(engine: Engine, root: string, progress: FlowProgress, options: RunAppsOptions) {
  const { scanner } = options;
  const app = await compareApp(engine, root, {
    target: options.target,
    cacheMounts: options.cacheMounts,
    network: options.network,
    repeat: options.repeat,
    signal: options.signal,
    progress,
    scan: "scan" in scanner ? scanner.scan : undefined,
  });
  if ("skip" in scanner) app.notes = [...(app.notes ?? []), `CVE scan skipped: ${scanner.skip}.`];
  writeReports(newReport([app]), options.reportDir, `${app.app}-optimization`);
  progress.note(`wrote ${join(options.reportDir, `${app.app}-optimization`)}.json, .md and .html`);
  return app;
}

/** What the rewrite of one app gave when there was no engine to build it on. */
export interface Rewrite {
  app: string;
  stack: string;
  target: Target;
  status: "optimized" | "declined" | "unchanged";
  reason?: string;
  /** Where the optimized Dockerfile went. */
  output?: string;
  techniques: string[];
}

/**
 * With no engine: the analysis and the rewrite still run (on a copy; the optimized Dockerfiles go
 * to the report folder as APP.Dockerfile.optimized).
 */
export function rewriteApps(
  roots: string[],
  options: { target?: Target; cacheMounts?: boolean; reportDir: string },
): Rewrite[] {
  mkdirSync(options.reportDir, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), "imagediet-run-"));
  try {
    return roots.map((root) => rewriteOne(root, join(work, basename(root)), options));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function rewriteOne(
  root: string,
  copy: string,
  options: { target?: Target; cacheMounts?: boolean; reportDir: string },
): Rewrite {
  const app = basename(root);
  copyApp(root, copy);
  const target = options.target ?? appConfigOf(root)?.target ?? "auto";
  const { result, facts } = optimizeFolder(copy, { target, cacheMounts: options.cacheMounts });
  const rewrite = { app, stack: facts.stack, target, status: result.status, reason: result.reason };
  if (result.status !== "optimized") return { ...rewrite, techniques: [] };
  const output = join(options.reportDir, `${app}.Dockerfile.optimized`);
  writeFileSync(output, result.text);
  return { ...rewrite, output, techniques: result.techniques.map((t) => t.title) };
}
