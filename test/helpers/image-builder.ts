import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** A layer: files (path → size in bytes, filled with a pattern), and whiteouts as the engine writes them. */
export interface LayerSpec {
  files?: Record<string, number>;
  /** Files with given text content. */
  texts?: Record<string, string>;
  /** Files copied from this machine: path in the image → path here. */
  copies?: Record<string, string>;
  dirs?: string[];
  whiteouts?: string[];
  opaque?: string[];
  createdBy?: string;
}

const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");

/** Makes a layer tar with GNU tar, the way an engine lays whiteouts out (`.wh.name`, `.wh..wh..opq`). */
function layerTar(work: string, index: number, spec: LayerSpec): Buffer {
  const root = join(work, `layer${index}`);
  mkdirSync(root, { recursive: true });
  for (const dir of spec.dirs ?? []) mkdirSync(join(root, dir), { recursive: true });
  for (const [path, size] of Object.entries(spec.files ?? {})) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), Buffer.alloc(size, index + 65));
  }
  for (const [path, text] of Object.entries(spec.texts ?? {})) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  for (const [path, source] of Object.entries(spec.copies ?? {})) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    copyFileSync(source, join(root, path));
  }
  for (const path of spec.whiteouts ?? []) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, dirname(path), `.wh.${path.split("/").pop()}`), "");
  }
  for (const dir of spec.opaque ?? []) {
    mkdirSync(join(root, dir), { recursive: true });
    writeFileSync(join(root, dir, ".wh..wh..opq"), "");
  }
  const out = join(work, `layer${index}.tar`);
  const entries = readdirSync(root).sort();
  execFileSync("tar", [
    "--sort=name",
    "--owner=0",
    "--group=0",
    "--numeric-owner",
    "--mtime=@0",
    "-cf",
    out,
    "-C",
    root,
    ...(entries.length ? entries : ["--files-from=/dev/null"]),
  ]);
  return readFileSync(out);
}

function config(layers: LayerSpec[], diffIds: string[], env: string[] = ["PATH=/usr/bin"]) {
  return Buffer.from(
    JSON.stringify({
      architecture: "amd64",
      os: "linux",
      config: { User: "1000", Env: env },
      rootfs: { type: "layers", diff_ids: diffIds },
      history: layers.map((l, i) => ({ created_by: l.createdBy ?? `layer ${i}` })),
    }),
  );
}

/** A legacy `docker save` archive: manifest.json, the config, `<id>/layer.tar` per layer. */
export function dockerArchive(
  layers: LayerSpec[],
  compress: "none" | "gzip" | "zstd" = "none",
  env?: string[],
): string {
  const work = mkdtempSync(join(tmpdir(), "imagediet-image-"));
  const out = join(work, "out");
  mkdirSync(out);
  const names: string[] = [];
  const diffIds: string[] = [];
  layers.forEach((spec, i) => {
    const tar = layerTar(work, i, spec);
    diffIds.push(`sha256:${sha256(tar)}`);
    const data =
      compress === "gzip"
        ? execFileSync("gzip", ["-n", "-c"], { input: tar })
        : compress === "zstd"
          ? execFileSync("zstd", ["-q", "-c"], { input: tar })
          : tar;
    const name = `${sha256(data)}/layer.tar`;
    mkdirSync(join(out, dirname(name)), { recursive: true });
    writeFileSync(join(out, name), data);
    names.push(name);
  });
  const cfg = config(layers, diffIds, env);
  writeFileSync(join(out, "config.json"), cfg);
  writeFileSync(
    join(out, "manifest.json"),
    JSON.stringify([{ Config: "config.json", RepoTags: ["imagediet-test/fixture:1"], Layers: names }]),
  );
  const archive = join(work, "image.tar");
  execFileSync("tar", ["-cf", archive, "-C", out, "."]);
  return archive;
}

/** An OCI image layout folder (gzip layers), as `docker save` of Docker 25+ or skopeo writes. */
export function ociLayout(layers: LayerSpec[]): string {
  const work = mkdtempSync(join(tmpdir(), "imagediet-oci-"));
  const dir = join(work, "layout");
  mkdirSync(join(dir, "blobs", "sha256"), { recursive: true });
  const put = (data: Buffer) => {
    const digest = sha256(data);
    writeFileSync(join(dir, "blobs", "sha256", digest), data);
    return { digest: `sha256:${digest}`, size: data.length };
  };
  const diffIds: string[] = [];
  const descriptors = layers.map((spec, i) => {
    const tar = layerTar(work, i, spec);
    diffIds.push(`sha256:${sha256(tar)}`);
    return {
      mediaType: "application/vnd.oci.image.layer.v1.tar+gzip",
      ...put(execFileSync("gzip", ["-n", "-c"], { input: tar })),
    };
  });
  const cfg = { mediaType: "application/vnd.oci.image.config.v1+json", ...put(config(layers, diffIds)) };
  const manifest = put(
    Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: "application/vnd.oci.image.manifest.v1+json",
        config: cfg,
        layers: descriptors,
      }),
    ),
  );
  writeFileSync(join(dir, "oci-layout"), JSON.stringify({ imageLayoutVersion: "1.0.0" }));
  writeFileSync(
    join(dir, "index.json"),
    JSON.stringify({
      schemaVersion: 2,
      manifests: [{ mediaType: "application/vnd.oci.image.manifest.v1+json", ...manifest }],
    }),
  );
  return dir;
}
