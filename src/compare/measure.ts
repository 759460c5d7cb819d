import { appendFileSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import type { DockerEngine } from "../engine/docker.js";
import { decompressedLayer, openImage } from "../image/archive.js";
import type { ImageMeasurement, LayerInfo } from "../report/model.js";

/** Size as pushed: each layer gzip-compressed, as `docker push` sends it, plus nothing else. */
export async function compressedSize(engine: DockerEngine, tag: string): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), "imagediet-compare-"));
  try {
    const file = join(dir, "image.tar");
    await engine.save(tag, file);
    let total = 0;
    for (const layer of openImage(file).layers) {
      const counter = new Writable({
        write(chunk: Buffer, _encoding, done) {
          total += chunk.length;
          done();
        },
      });
      await pipeline(decompressedLayer(layer), createGzip({ level: 6 }), counter);
    }
    return total;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Inspected {
  Size?: number;
  Config?: { User?: string };
}

/** Layers from `docker history`, oldest first, leaving out metadata-only steps. */
export function layersOf(engine: DockerEngine, tag: string): LayerInfo[] {
  return engine
    .history(tag)
    .reverse()
    .filter(
      (entry) =>
        entry.sizeBytes > 0 ||
        !/^(\/bin\/sh -c #\(nop\)|(ENV|LABEL|CMD|ENTRYPOINT|EXPOSE|USER|WORKDIR|ARG)\b)/.test(entry.createdBy),
    )
    .map((entry) => ({ createdBy: entry.createdBy.replace(/ # buildkit$/, ""), sizeBytes: entry.sizeBytes }));
}

/** Builds an image cold (no cache), changes one source line, and rebuilds warm; measures both and the result. */
export async function measureImage(
  engine: DockerEngine,
  options: {
    context: string;
    dockerfile: string;
    tag: string;
    target?: string;
    network: string;
    /** A file of the context to change by one line between the cold and the warm build. */
    touch: string | undefined;
    onLine?: (line: string) => void;
  },
): Promise<ImageMeasurement> {
  const build = (noCache: boolean) =>
    engine.build({
      context: options.context,
      dockerfile: options.dockerfile,
      tag: options.tag,
      target: options.target,
      network: options.network,
      noCache,
      onLine: options.onLine,
    });
  const cold = await build(true);
  if (options.touch) appendFileSync(options.touch, "\n");
  const warm = await build(false);
  const inspected = (engine.inspect(options.tag) ?? {}) as Inspected;
  return {
    image: options.tag,
    sizeBytes: inspected.Size ?? 0,
    compressedSizeBytes: await compressedSize(engine, options.tag),
    layers: layersOf(engine, options.tag),
    user: inspected.Config?.User || "root",
    coldBuildSeconds: cold.seconds,
    warmBuildSeconds: warm.seconds,
  };
}

const NOT_SOURCE = /^(Dockerfile.*|\.dockerignore|imagediet\.ya?ml|README.*|LICENSE.*|\..*)$/;

/** The source file a one-line change goes into: the most recently changed file of the app's own. */
export function sourceToTouch(root: string): string | undefined {
  let best: { path: string; mtime: number } | undefined;
  const walk = (dir: string, depth: number) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (depth < 4 && !/^(node_modules|\.git|target|vendor|__pycache__|dist|build)$/.test(entry.name))
          walk(path, depth + 1);
      } else if (entry.isFile() && !NOT_SOURCE.test(entry.name)) {
        const mtime = statSync(path).mtimeMs;
        if (!best || mtime > best.mtime || (mtime === best.mtime && relative(root, path) < relative(root, best.path)))
          best = { path, mtime };
      }
    }
  };
  walk(root, 0);
  return best?.path;
}
