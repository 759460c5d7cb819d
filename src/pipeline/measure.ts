import { appendFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import type { Engine } from "../engine/engine.js";
import { decompressedLayer, openImage } from "../image/archive.js";
import type { ImageMeasurement, LayerInfo } from "../report/model.js";

/** Compressed sizes by layer (uncompressed digest): base layers shared by several images are gzipped once. */
const compressedLayers = new Map<string, number>();

/** Size as pushed: each layer gzip-compressed, as `docker push` sends it, plus nothing else. */
export async function compressedSize(engine: Engine, tag: string): Promise<number> {
  const image = openImage(await engine.saveOnce(tag));
  const diffIds = image.config.rootfs?.diff_ids ?? [];
  let total = 0;
  for (const [index, layer] of image.layers.entries()) {
    const key = diffIds[index] ?? layer.digest;
    const known = compressedLayers.get(key);
    if (known !== undefined) {
      total += known;
      continue;
    }
    let size = 0;
    const counter = new Writable({
      write(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        done();
      },
    });
    await pipeline(decompressedLayer(layer), createGzip({ level: 6 }), counter);
    if (diffIds[index]) compressedLayers.set(key, size);
    total += size;
  }
  return total;
}

/** Layers from `docker history`, oldest first, leaving out metadata-only steps. */
export function layersOf(engine: Engine, tag: string, warm?: { steps: string[]; cachedSteps: string[] }): LayerInfo[] {
  const own = new Set(warm?.steps.map(stepText));
  const cached = new Set(warm?.cachedSteps.map(stepText));
  return engine
    .history(tag)
    .reverse()
    .filter(
      (entry) =>
        entry.sizeBytes > 0 ||
        !/^(\/bin\/sh -c #\(nop\)|(ENV|LABEL|CMD|ENTRYPOINT|EXPOSE|USER|WORKDIR|ARG)\b)/.test(entry.createdBy),
    )
    .map((entry) => {
      const layer: LayerInfo = { createdBy: entry.createdBy.replace(/ # buildkit$/, ""), sizeBytes: entry.sizeBytes };
      // A layer of the base image (not a step of this build), or a step BuildKit took from its cache.
      const step = stepText(layer.createdBy);
      if (warm && (!own.has(step) || cached.has(step))) layer.cached = true;
      return layer;
    });
}

/** A step as BuildKit prints it and as `docker history` records it, in one form. */
function stepText(text: string): string {
  return text
    .replace(/^RUN (\|\d+ (\S+=\S* )*)?(\/bin\/sh -c )?/, "RUN ")
    .replace(/^(RUN|COPY|ADD) (--\S+ )+/, "$1 ")
    .replace(/\s+/g, " ")
    .trim();
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * Builds an image cold (no cache), changes one source line, and rebuilds warm; measures both and
 * the result. With `repeat` > 1 each build runs that many times (each warm one after a change of
 * its own) and the times are the medians.
 */
export async function measureImage(
  engine: Engine,
  options: {
    context: string;
    dockerfile: string;
    tag: string;
    target?: string;
    network: string;
    /** A file of the context to change by one line between the cold and the warm build. */
    touch: string | undefined;
    onLine?: (line: string) => void;
    /** How many times to run each build (default 1). */
    repeat?: number;
    signal?: AbortSignal;
  },
): Promise<ImageMeasurement> {
  const repeat = Math.max(1, options.repeat ?? 1);
  const build = (noCache: boolean) =>
    engine.build({
      context: options.context,
      dockerfile: options.dockerfile,
      tag: options.tag,
      target: options.target,
      network: options.network,
      noCache,
      onLine: options.onLine,
      signal: options.signal,
    });
  const colds: number[] = [];
  for (let i = 0; i < repeat; i++) colds.push((await build(true)).seconds);
  const warms: number[] = [];
  let warm: Awaited<ReturnType<typeof build>> | undefined;
  for (let i = 0; i < repeat; i++) {
    if (options.touch) appendFileSync(options.touch, oneLineChange(options.touch, `${options.tag} ${i}`));
    warm = await build(false);
    warms.push(warm.seconds);
  }
  if (!warm) throw new Error("no warm build");
  const inspected = engine.inspect(options.tag) ?? {};
  return {
    image: options.tag,
    sizeBytes: inspected.Size ?? 0,
    compressedSizeBytes: await compressedSize(engine, options.tag),
    layers: layersOf(engine, options.tag, warm),
    user: inspected.Config?.User || "root",
    coldBuildSeconds: median(colds),
    warmBuildSeconds: median(warms),
    ...(repeat > 1 ? { coldBuildRuns: colds, warmBuildRuns: warms } : {}),
  };
}

const COMMENT: [RegExp, (text: string) => string][] = [
  [/\.(py|sh|rb|pl|ex|exs|r|jl|cr|nim)$/, (t) => `# ${t}`],
  [/\.(go|rs|c|cc|cpp|cxx|h|hpp|js|mjs|cjs|ts|tsx|jsx|java|kt|scala|cs|swift|php|dart)$/, (t) => `// ${t}`],
  [/\.(hs|lua|sql|elm)$/, (t) => `-- ${t}`],
  [/\.(clj|cljs|lisp|el)$/, (t) => `; ${t}`],
  [/\.erl$/, (t) => `% ${t}`],
  [/\.(html|xml|svg|md)$/, (t) => `<!-- ${t} -->`],
  [/\.(css|scss)$/, (t) => `/* ${t} */`],
];

/**
 * The line appended for the warm rebuild: a comment unique to this build, so BuildKit cannot find
 * the changed file in a cache left by an earlier run; blank lines where no comment syntax is known.
 */
export function oneLineChange(file: string, tag: string): string {
  const token = `imagediet warm rebuild ${tag} ${Date.now()}`;
  const comment = COMMENT.find(([pattern]) => pattern.test(file))?.[1];
  return comment ? `\n${comment(token)}\n` : "\n".repeat(1 + (Date.now() % 997));
}

const NOT_SOURCE = /^(Dockerfile.*|\.dockerignore|imagediet\.ya?ml|README.*|LICENSE.*|\..*)$/;
const SOURCE =
  /\.(py|go|rs|c|cc|cpp|cxx|h|hpp|js|mjs|cjs|ts|tsx|jsx|java|kt|scala|rb|php|cs|swift|ex|exs|erl|hs|ml|clj|lua|pl|sh)$/;
const TEST = /(^|[._-])(test|spec)s?[._-]|_test\.|\.test\.|\.spec\./i;

/**
 * The source file a one-line change goes into: the most recently changed source file of the app's
 * own (not a test, not a manifest or lock file, which would stand for a dependency change); failing
 * that, the most recently changed file.
 */
export function sourceToTouch(root: string): string | undefined {
  const files: { path: string; mtime: number; rank: number }[] = [];
  const walk = (dir: string, depth: number, inTests: boolean) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (depth < 4 && !/^(node_modules|\.git|target|vendor|__pycache__|dist|build)$/.test(entry.name))
          walk(path, depth + 1, inTests || /^(tests?|spec|__tests__)$/.test(entry.name));
      } else if (entry.isFile() && !NOT_SOURCE.test(entry.name)) {
        const rank = SOURCE.test(entry.name) ? (inTests || TEST.test(entry.name) ? 1 : 2) : 0;
        files.push({ path, mtime: statSync(path).mtimeMs, rank });
      }
    }
  };
  walk(root, 0, false);
  files.sort(
    (a, b) =>
      b.rank - a.rank ||
      b.mtime - a.mtime ||
      relative(root, a.path).split("/").length - relative(root, b.path).split("/").length ||
      a.path.localeCompare(b.path),
  );
  return files[0]?.path;
}
