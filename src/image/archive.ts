import { closeSync, createReadStream, existsSync, openSync, readFileSync, readSync, statSync } from "node:fs";
import { join } from "node:path";
import { PassThrough, type Readable, Transform } from "node:stream";
import { createGunzip } from "node:zlib";
import { Decompress } from "fzstd";
import { ImagedietError } from "../errors.js";
import { indexTar, type TarMember } from "./tar-index.js";

/** The parts of an image config the analysis reads. */
export interface ImageConfig {
  architecture?: string;
  os?: string;
  config?: {
    User?: string;
    Env?: string[];
    Entrypoint?: string[] | null;
    Cmd?: string[] | null;
    Labels?: Record<string, string> | null;
  };
  history?: { created_by?: string; empty_layer?: boolean; comment?: string }[];
  rootfs?: { diff_ids?: string[] };
}

export interface LayerBlob {
  /** The blob's digest (or its path in a legacy archive). */
  digest: string;
  /** Size as stored (compressed for gzip/zstd blobs). */
  storedSize: number;
  /** A fresh stream of the blob's bytes. */
  open(): Readable;
}

export interface ImageArchive {
  kind: "docker-archive" | "oci-layout";
  source: string;
  repoTags: string[];
  config: ImageConfig;
  layers: LayerBlob[];
}

const DIGEST = /^sha256:[a-f0-9]{64}$/;

/** Opens a `docker save` tar (legacy or OCI-style), an OCI layout tar, or an OCI layout folder. */
export function openImage(path: string): ImageArchive {
  if (!existsSync(path)) throw new ImagedietError("no such file or folder", { file: path });
  if (statSync(path).isDirectory()) return openLayoutDir(path);
  const members = indexTar(path);
  const byName = new Map(members.map((m) => [m.name.replace(/^\.\//, ""), m]));
  const readMember = (name: string): Buffer => {
    const member = byName.get(name);
    if (member?.type !== "file") throw new ImagedietError(`the archive has no ${name}`, { file: path });
    if (member.size > 64 * 1024 * 1024)
      throw new ImagedietError(`${name} is too large for a manifest or config (${member.size} bytes)`, { file: path });
    return readRange(path, member.offset, member.size);
  };
  const blob = (name: string, digest: string): LayerBlob => {
    const member = byName.get(name);
    if (member?.type !== "file") throw new ImagedietError(`the archive has no layer ${name}`, { file: path });
    return { digest, storedSize: member.size, open: () => rangeStream(path, member) };
  };
  if (byName.has("manifest.json")) {
    const manifest = parseJson(readMember("manifest.json"), "manifest.json", path) as {
      Config: string;
      RepoTags?: string[];
      Layers: string[];
    }[];
    if (!Array.isArray(manifest) || !manifest[0]?.Config || !Array.isArray(manifest[0].Layers)) {
      throw new ImagedietError("manifest.json does not describe an image", { file: path });
    }
    const [entry] = manifest;
    const config = parseJson(readMember(entry.Config), entry.Config, path) as ImageConfig;
    const diffIds = config.rootfs?.diff_ids ?? [];
    return {
      kind: "docker-archive",
      source: path,
      repoTags: entry.RepoTags ?? [],
      config,
      layers: entry.Layers.map((name, i) => blob(name, digestFromPath(name) ?? diffIds[i] ?? name)),
    };
  }
  if (byName.has("index.json")) {
    return fromIndex(
      path,
      (name) => readMember(name),
      (name, digest) => blob(name, digest),
    );
  }
  throw new ImagedietError("neither a docker-archive (manifest.json) nor an OCI layout (index.json)", { file: path });
}

function openLayoutDir(dir: string): ImageArchive {
  const read = (name: string) => {
    const file = join(dir, name);
    if (!existsSync(file)) throw new ImagedietError(`the layout has no ${name}`, { file: dir });
    return readFileSync(file);
  };
  const blob = (name: string, digest: string): LayerBlob => {
    const file = join(dir, name);
    if (!existsSync(file)) throw new ImagedietError(`the layout has no ${name}`, { file: dir });
    return { digest, storedSize: statSync(file).size, open: () => createReadStream(file) };
  };
  if (!existsSync(join(dir, "index.json")))
    throw new ImagedietError("not an OCI image layout (no index.json)", { file: dir });
  const image = fromIndex(dir, read, blob);
  return { ...image, kind: "oci-layout" };
}

interface Descriptor {
  mediaType?: string;
  digest: string;
  size?: number;
  platform?: { os?: string; architecture?: string };
}

function blobPath(digest: string, source: string): string {
  if (!DIGEST.test(digest))
    throw new ImagedietError(`invalid digest ${JSON.stringify(digest).slice(0, 80)}`, { file: source });
  return `blobs/sha256/${digest.slice(7)}`;
}

/** index.json → (index →) manifest → config and layers, for OCI layouts in a tar or a folder. */
function fromIndex(
  source: string,
  read: (name: string) => Buffer,
  blob: (name: string, digest: string) => LayerBlob,
): ImageArchive {
  const index = parseJson(read("index.json"), "index.json", source) as { manifests?: Descriptor[] };
  let descriptor = index.manifests?.[0];
  for (let depth = 0; descriptor && depth < 3; depth++) {
    const document = parseJson(read(blobPath(descriptor.digest, source)), descriptor.digest, source) as {
      manifests?: Descriptor[];
      config?: Descriptor;
      layers?: Descriptor[];
    };
    if (document.manifests) {
      descriptor =
        document.manifests.find((m) => m.platform?.os === "linux" && m.platform?.architecture === "amd64") ??
        document.manifests[0];
      continue;
    }
    if (!document.config || !document.layers) break;
    const config = parseJson(read(blobPath(document.config.digest, source)), "config", source) as ImageConfig;
    const annotations = (index.manifests?.[0] as { annotations?: Record<string, string> } | undefined)?.annotations;
    return {
      kind: "oci-layout",
      source,
      repoTags: annotations?.["io.containerd.image.name"] ? [annotations["io.containerd.image.name"]] : [],
      config,
      layers: document.layers.map((layer) => blob(blobPath(layer.digest, source), layer.digest)),
    };
  }
  throw new ImagedietError("index.json does not lead to an image manifest", { file: source });
}

function digestFromPath(name: string): string | undefined {
  const match = /blobs\/sha256\/([a-f0-9]{64})$/.exec(name);
  return match ? `sha256:${match[1]}` : undefined;
}

function parseJson(data: Buffer, name: string, source: string): unknown {
  try {
    return JSON.parse(data.toString("utf8"));
  } catch {
    throw new ImagedietError(`${name} is not valid JSON`, { file: source });
  }
}

function readRange(path: string, offset: number, size: number): Buffer {
  const fd = openSync(path, "r");
  try {
    const buffer = Buffer.alloc(size);
    if (readSync(fd, buffer, 0, size, offset) !== size) throw new ImagedietError("truncated archive", { file: path });
    return buffer;
  } finally {
    closeSync(fd);
  }
}

function rangeStream(path: string, member: TarMember): Readable {
  if (member.size === 0) {
    const empty = new PassThrough();
    empty.end();
    return empty;
  }
  return createReadStream(path, { start: member.offset, end: member.offset + member.size - 1 });
}

/** Layers larger than this many times their stored size are treated as decompression bombs. */
export const MAX_EXPANSION = 1000;
const BOMB_FLOOR = 1 << 30;

/** The layer's tar stream, decompressed by its magic bytes (gzip, zstd or plain), with a bomb guard. */
export function decompressedLayer(layer: LayerBlob): Readable {
  const raw = layer.open();
  const output = new PassThrough();
  let decided = false;
  let expanded = 0;
  const guard = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      expanded += chunk.length;
      if (expanded > BOMB_FLOOR && expanded > layer.storedSize * MAX_EXPANSION) {
        done(
          new ImagedietError(
            `layer ${layer.digest.slice(0, 19)} expands more than ${MAX_EXPANSION}× its stored size (a decompression bomb?)`,
          ),
        );
        return;
      }
      done(null, chunk);
    },
  });
  raw.once("data", (first: Buffer) => {
    decided = true;
    raw.pause();
    let decoder: Transform | PassThrough;
    if (first[0] === 0x1f && first[1] === 0x8b) decoder = createGunzip();
    else if (first[0] === 0x28 && first[1] === 0xb5 && first[2] === 0x2f && first[3] === 0xfd) decoder = zstdStream();
    else decoder = new PassThrough();
    decoder.on("error", (error) =>
      output.destroy(new ImagedietError(`layer ${layer.digest.slice(0, 19)}: ${error.message}`)),
    );
    guard.on("error", (error) => output.destroy(error));
    decoder.pipe(guard).pipe(output);
    decoder.write(first);
    raw.pipe(decoder);
    raw.resume();
  });
  raw.on("end", () => {
    if (!decided) output.end();
  });
  raw.on("error", (error) => output.destroy(error));
  return output;
}

function zstdStream(): Transform {
  let push: ((chunk: Buffer) => void) | undefined;
  const decompress = new Decompress((chunk) => push?.(Buffer.from(chunk)));
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      push = (out) => this.push(out);
      try {
        decompress.push(new Uint8Array(chunk));
        done();
      } catch (error) {
        done(error as Error);
      }
    },
    flush(done) {
      try {
        decompress.push(new Uint8Array(0), true);
        done();
      } catch (error) {
        done(error as Error);
      }
    },
  });
}
