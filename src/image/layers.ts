import { posix } from "node:path";
import type { Readable } from "node:stream";
import { extract } from "tar-stream";
import { ImagedietError } from "../errors.js";
import { decompressedLayer, type ImageArchive } from "./archive.js";

/** One entry of a layer's tar, as the analysis needs it. */
export interface LayerEntry {
  path: string;
  type: "file" | "directory" | "symlink" | "link" | "other";
  size: number;
  /** Where a symlink points, or the archive path a hard link repeats. */
  target?: string;
}

export interface LayerReport {
  index: number;
  digest: string;
  createdBy: string;
  compressedSizeBytes: number;
  /** Σ of the layer's tar entry sizes (dive's layer size). */
  sizeBytes: number;
  added: number;
  changed: number;
  removed: number;
}

export interface WastefulPath {
  path: string;
  /** Bytes stored in layers for this path that the final image does not show. */
  reclaimableBytes: number;
  /** How many layers hold a version of it (or delete it). */
  layers: number;
}

export interface LayersReport {
  image: string;
  layers: LayerReport[];
  sizeBytes: number;
  compressedSizeBytes: number;
  /** dive's efficiency score, computed exactly as dive does (its quirks included, for comparison). */
  efficiency: number;
  /** dive's wasted bytes: every copy of a path present in ≥ 2 layers, the kept one included. */
  wastedBytes: number;
  /** dive's user wasted percent: wasted bytes over the bytes of all layers but the first. */
  userWastedPercent: number;
  /** Bytes stored in layers that the final filesystem does not show: what a rebuild could drop. */
  reclaimableBytes: number;
  topWasteful: WastefulPath[];
}

const WHITEOUT = ".wh.";
const OPAQUE = ".wh..wh..opq";

/** Normalizes a tar path to `a/b/c`; a path that climbs out (`../`) is refused. */
export function normalizePath(name: string): string {
  const clean = posix.normalize(`/${name}`).replace(/^\/+/, "").replace(/\/+$/, "");
  if (name.split("/").includes("..") && posix.normalize(name).startsWith(".."))
    throw new ImagedietError(`layer entry escapes the root: ${name}`);
  return clean;
}

/** Reads a layer's entries, skipping over file bodies except those `keep` asks for (small files only). */
export async function readLayerEntries(
  stream: Readable,
  keep?: { wants: (path: string, size: number) => boolean; found: (path: string, content: Buffer) => void },
): Promise<LayerEntry[]> {
  const entries: LayerEntry[] = [];
  const extractor = extract();
  const done = new Promise<void>((resolve, reject) => {
    extractor.on("entry", (header, body, next) => {
      const type =
        header.type === "file" || header.type === "contiguous-file"
          ? "file"
          : header.type === "directory"
            ? "directory"
            : header.type === "symlink"
              ? "symlink"
              : header.type === "link"
                ? "link"
                : "other";
      try {
        const path = normalizePath(header.name);
        if (path !== "") {
          const entry: LayerEntry = { path, type, size: type === "file" ? (header.size ?? 0) : 0 };
          if ((type === "symlink" || type === "link") && header.linkname) entry.target = header.linkname;
          entries.push(entry);
        }
      } catch (error) {
        reject(error);
        return;
      }
      const path = entries[entries.length - 1]?.path;
      if (keep && type === "file" && path && keep.wants(path, header.size ?? 0)) {
        const chunks: Buffer[] = [];
        body.on("data", (chunk: unknown) => {
          chunks.push(chunk as Buffer);
        });
        body.on("end", () => {
          keep.found(path, Buffer.concat(chunks));
          next();
        });
        return;
      }
      body.on("end", next);
      body.resume();
    });
    extractor.on("finish", resolve);
    extractor.on("error", (error) => reject(new ImagedietError(`layer is not a valid tar: ${error.message}`)));
    stream.on("error", reject);
  });
  stream.pipe(extractor);
  await done;
  return entries;
}

interface PathStat {
  cumulative: number;
  min: number;
  count: number;
}

/** Builds the report from each layer's entries; pure, so tests can feed it entries directly. */
export function analyzeLayers(
  image: string,
  layers: { digest: string; createdBy: string; compressedSizeBytes: number; entries: LayerEntry[] }[],
): LayersReport {
  // The merged filesystem so far: files with their size, and folders.
  const files = new Map<string, number>();
  const dirs = new Set<string>();
  const dive = new Map<string, PathStat>();
  const stored = new Map<string, { bytes: number; layers: number }>();
  const reports: LayerReport[] = [];

  layers.forEach((layer, index) => {
    const inLayer = new Set(layer.entries.map((e) => e.path));
    const parents = new Set<string>();
    for (const path of inLayer)
      for (let p = posix.dirname(path); p !== "." && p !== ""; p = posix.dirname(p)) parents.add(p);
    let added = 0;
    let changed = 0;
    let removed = 0;
    let size = 0;
    for (const entry of layer.entries) {
      const base = posix.basename(entry.path);
      const dir = posix.dirname(entry.path) === "." ? "" : posix.dirname(entry.path);
      if (base === OPAQUE) {
        // An opaque folder hides everything the lower layers had in it (dive ignores these).
        for (const path of [...files.keys()]) if (path.startsWith(`${dir}/`)) removed += forget(files, stored, path);
        continue;
      }
      if (base.startsWith(WHITEOUT)) {
        const target = posix.join(dir, base.slice(WHITEOUT.length));
        const wasDir = dirs.has(target);
        const subtree = [...files.keys()].filter((p) => p === target || p.startsWith(`${target}/`));
        // dive: a folder whiteout weighs its old subtree; a file whiteout weighs 0.
        const weight = wasDir ? subtree.reduce((sum, p) => sum + (files.get(p) ?? 0), 0) : 0;
        record(dive, target, weight);
        for (const path of subtree) removed += forget(files, stored, path);
        dirs.delete(target);
        continue;
      }
      size += entry.size;
      if (entry.type === "directory") {
        dirs.add(entry.path);
        if (!parents.has(entry.path)) record(dive, entry.path, 0);
        continue;
      }
      if (files.has(entry.path)) changed++;
      else added++;
      files.set(entry.path, entry.size);
      const s = stored.get(entry.path) ?? { bytes: 0, layers: 0 };
      stored.set(entry.path, { bytes: s.bytes + entry.size, layers: s.layers + 1 });
      if (!parents.has(entry.path)) record(dive, entry.path, entry.size);
    }
    reports.push({
      index,
      digest: layer.digest,
      createdBy: layer.createdBy,
      compressedSizeBytes: layer.compressedSizeBytes,
      sizeBytes: size,
      added,
      changed,
      removed,
    });
  });

  let sumMin = 0;
  let sumCumulative = 0;
  let wastedBytes = 0;
  for (const stat of dive.values()) {
    sumMin += stat.min;
    sumCumulative += stat.cumulative;
    if (stat.count >= 2) wastedBytes += stat.cumulative;
  }
  const sizeBytes = reports.reduce((sum, l) => sum + l.sizeBytes, 0);
  const userBytes = sizeBytes - (reports[0]?.sizeBytes ?? 0);
  const finalBytes = [...files.values()].reduce((a, b) => a + b, 0);
  const wasteful: WastefulPath[] = [];
  for (const [path, s] of stored) {
    const reclaimable = s.bytes - (files.get(path) ?? 0);
    if (reclaimable > 0) wasteful.push({ path: `/${path}`, reclaimableBytes: reclaimable, layers: s.layers });
  }
  wasteful.sort((a, b) => b.reclaimableBytes - a.reclaimableBytes || a.path.localeCompare(b.path));
  return {
    image,
    layers: reports,
    sizeBytes,
    compressedSizeBytes: reports.reduce((sum, l) => sum + l.compressedSizeBytes, 0),
    efficiency: sumCumulative === 0 ? 1 : sumMin / sumCumulative,
    wastedBytes,
    userWastedPercent: userBytes === 0 ? 0 : wastedBytes / userBytes,
    reclaimableBytes: sizeBytes - finalBytes,
    topWasteful: wasteful.slice(0, 20),
  };
}

function record(stats: Map<string, PathStat>, path: string, size: number): void {
  const stat = stats.get(path);
  if (stat) {
    stat.cumulative += size;
    stat.min = Math.min(stat.min, size);
    stat.count++;
  } else {
    stats.set(path, { cumulative: size, min: size, count: 1 });
  }
}

/** Drops a path from the merged filesystem; counts it as removed. */
function forget(
  files: Map<string, number>,
  stored: Map<string, { bytes: number; layers: number }>,
  path: string,
): number {
  if (!files.delete(path)) return 0;
  const s = stored.get(path);
  if (s) stored.set(path, { bytes: s.bytes, layers: s.layers + 1 });
  return 1;
}

/** Reads every layer of an archive (one at a time, streaming) and analyzes them. */
export async function analyzeImage(image: ImageArchive): Promise<LayersReport> {
  const history = (image.config.history ?? []).filter((h) => !h.empty_layer);
  const layers = [];
  for (const [i, layer] of image.layers.entries()) {
    const entries = await readLayerEntries(decompressedLayer(layer));
    layers.push({
      digest: layer.digest,
      createdBy: history[i]?.created_by ?? "",
      compressedSizeBytes: layer.storedSize,
      entries,
    });
  }
  return analyzeLayers(image.repoTags[0] ?? image.source, layers);
}
