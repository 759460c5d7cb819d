/**
 * The comparison both `compare` and `run` perform on one app: optimize (unless an optimized
 * Dockerfile is given), build both images cold and warm, run the checks on both, repair the
 * optimized image when it misses what the original had (at most three rounds), and scan both.
 */
import { copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, relative } from "node:path";
import { measureImage, sourceToTouch } from "../compare/measure.js";
import { findFixes, insertIntoFinalStage } from "../compare/repair.js";
import type { DockerEngine } from "../engine/docker.js";
import { ImagedietError } from "../errors.js";
import type { Target } from "../optimize/types.js";
import type { AppReport, ImageMeasurement, Severities } from "../report/model.js";
import { type AppConfig, type Check, checkName, inferChecks, parseAppConfig } from "../verify/checks.js";
import { type CheckResult, imageFacts, runChecks } from "../verify/run.js";
import { loadFromEngine } from "./image-source.js";
import { analyzeFolder, optimizeFolder } from "./optimize.js";
import type { Progress } from "./progress.js";

export interface CompareOptions {
  /** An optimized Dockerfile to use instead of running optimize. */
  optimized?: string;
  /** The final image family; default: imagediet.yaml's `target`, else auto. */
  target?: Target;
  cacheMounts?: boolean;
  network: string;
  progress: Progress;
  /** CVE counts for both images; undefined leaves them out. */
  scan?: (engine: DockerEngine, image: string) => Promise<Severities>;
  /** How many times each build runs; the report gives the medians (default 1). */
  repeat?: number;
  /** Fix-loop rounds (default 3; 0 turns it off). */
  rounds?: number;
}

const MAX_ROUNDS = 3;

/** The app's `imagediet.yaml`, when it has one. */
export function appConfigOf(root: string): AppConfig | undefined {
  const file = join(root, "imagediet.yaml");
  return existsSync(file) ? parseAppConfig(readFileSync(file, "utf8"), file) : undefined;
}

/** Copies an app folder to work on, leaving out .git and node_modules. */
export function copyApp(root: string, destination: string): void {
  cpSync(root, destination, { recursive: true, filter: (source) => !/\/(\.git|node_modules)$/.test(source) });
}

/** Compares one app folder; the builds run on a copy, so the user's files are never changed. */
export async function compareApp(engine: DockerEngine, root: string, options: CompareOptions): Promise<AppReport> {
  if (!existsSync(join(root, "Dockerfile")))
    throw new ImagedietError("no Dockerfile here", { file: join(root, "Dockerfile") });
  const app = basename(root);
  const { progress } = options;
  const config = appConfigOf(root);
  const target = options.target ?? config?.target ?? "auto";
  const work = mkdtempSync(join(tmpdir(), "imagediet-compare-"));
  try {
    const copy = join(work, app);
    copyApp(root, copy);
    const optimizedFile = join(copy, "Dockerfile.optimized");
    let techniques: AppReport["techniques"] = [];
    const notes: string[] = [];
    if (options.optimized) {
      if (!existsSync(options.optimized)) throw new ImagedietError("no such file", { file: options.optimized });
      copyFileSync(options.optimized, optimizedFile);
    } else if (!existsSync(optimizedFile)) {
      progress.step(`optimizing the Dockerfile (--target ${target})`);
      const { result } = await optimizeFolder(copy, { target, cacheMounts: options.cacheMounts });
      if (result.status !== "optimized")
        throw new ImagedietError(`optimize did not rewrite it: ${result.reason ?? result.status}`, {
          file: join(root, "Dockerfile"),
        });
      notes.push(`Optimized with --target ${target}.`);
      techniques = result.techniques.map(({ title, why, saving }) => ({ title, why, saving }));
    }

    // The one-line change for the warm rebuild goes into the app's most recently edited source file.
    const touched = sourceToTouch(root);
    const touch = touched ? join(copy, relative(root, touched)) : undefined;
    const measure = async (which: "original" | "optimized", dockerfile: string) => {
      progress.step(
        `building ${which}: cold, then warm after a one-line change to ${touched ? relative(root, touched) : "nothing"}${(options.repeat ?? 1) > 1 ? ` (each ${options.repeat} times)` : ""}`,
      );
      return measureImage(engine, {
        context: copy,
        dockerfile,
        tag: `imagediet-compare/${app.toLowerCase()}:${which}-${engine.session}`,
        network: options.network,
        touch,
        repeat: options.repeat,
        onLine: (line) => progress.update(line),
      });
    };
    const original = await measure("original", join(copy, "Dockerfile"));
    let optimized = await measure("optimized", optimizedFile);

    let checks: Check[];
    if (config) checks = config.checks;
    else {
      const { facts } = await analyzeFolder(root);
      checks = inferChecks(imageFacts(engine, optimized.image), facts.runtime);
      notes.push(`No imagediet.yaml: inferred ${checks.map(checkName).join(", ")}.`);
      progress.note(notes[notes.length - 1] ?? "");
    }
    const check = (image: string) => runChecks(engine, image, checks, () => loadFromEngine(engine, image));
    progress.step(`running ${checks.length} checks on both images`);
    const before = await check(original.image);
    let after = await check(optimized.image);

    const iterations: AppReport["iterations"] = [];
    for (let round = 1; round <= (options.rounds ?? MAX_ROUNDS); round++) {
      const failing = after.filter((a, i) => a.outcome === "fail" && before[i]?.outcome !== "fail");
      if (failing.length === 0) break;
      progress.step(`round ${round}: looking for what the optimized image misses`);
      const fixes = await findFixes(engine, {
        context: copy,
        dockerfile: optimizedFile,
        image: optimized.image,
        failures: failing.map((f) => f.detail),
        network: options.network,
        tag: `imagediet-compare/${app.toLowerCase()}:builder-${engine.session}`,
        load: (ref) => loadFromEngine(engine, ref),
      });
      if (fixes.length === 0) {
        progress.note(`nothing found to add for: ${failing.map((f) => `${f.name} (${f.detail})`).join("; ")}`);
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
        progress.note(`round ${round}: adding ${fix.added} (${fix.why})`);
      }
      optimized = await measure("optimized", optimizedFile);
      progress.step(`round ${round}: running the checks again on the optimized image`);
      after = await check(optimized.image);
    }
    if (iterations.length > 0)
      notes.push(`The fix loop changed the optimized Dockerfile:\n\n${readFileSync(optimizedFile, "utf8")}`);

    if (options.scan) {
      const scan = options.scan;
      progress.step("scanning both images for CVEs");
      original.cves = await scan(engine, original.image);
      optimized.cves = await scan(engine, optimized.image);
    }
    return {
      app,
      original: withBase(original, join(copy, "Dockerfile")),
      optimized: withBase(optimized, optimizedFile),
      reduction: original.sizeBytes > 0 ? 1 - optimized.sizeBytes / original.sizeBytes : 0,
      checks: pairChecks(before, after),
      iterations,
      techniques,
      notes,
    };
  } finally {
    progress.done();
    rmSync(work, { recursive: true, force: true });
  }
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
