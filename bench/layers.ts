import { execFileSync, spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";
import { CLI, goalLine, requireBuild, runNode, type Usage } from "./process.js";

/** Builds a docker-archive of ≥ 1 GB uncompressed (gzip layers of many files) with GNU tar and gzip. */
function buildArchive(dir: string): string {
  const layers: string[] = [];
  for (let layer = 0; layer < 4; layer++) {
    const root = join(dir, `layer${layer}`);
    for (let folder = 0; folder < 40; folder++) {
      mkdirSync(join(root, "data", `d${folder}`), { recursive: true });
      // Incompressible-ish content so gzip has real work: pseudo-random bytes from /dev/urandom.
      execFileSync("bash", [
        "-c",
        `cd ${join(root, "data", `d${folder}`)} && head -c 6500000 /dev/urandom > big.bin && for i in $(seq 1 60); do head -c 2000 /dev/urandom > small$i.bin; done`,
      ]);
    }
    const tar = join(dir, `layer${layer}.tar.gz`);
    execFileSync("bash", ["-c", `tar -C ${root} -cf - . | gzip -1 > ${tar}`]);
    rmSync(root, { recursive: true });
    layers.push(`layer${layer}.tar.gz`);
  }
  writeFileSync(join(dir, "config.json"), JSON.stringify({ history: layers.map((l) => ({ created_by: l })) }));
  writeFileSync(
    join(dir, "manifest.json"),
    JSON.stringify([{ Config: "config.json", RepoTags: ["bench:1"], Layers: layers }]),
  );
  const archive = join(dir, "image.tar");
  execFileSync("tar", ["-cf", archive, "-C", dir, "manifest.json", "config.json", ...layers]);
  return archive;
}

const CACHE = join(import.meta.dirname, ".cache", "layers");

interface CachedArchive {
  archive: string;
  layers: string[];
  uncompressedBytes: number;
}

/**
 * The archive and its gzip layers, built once and kept in bench/.cache/layers between runs (building
 * takes minutes); a half-built one is never reused, as the folder appears only when complete.
 */
function cachedArchive(): CachedArchive {
  const info = join(CACHE, "archive.json");
  if (!existsSync(info)) {
    mkdirSync(dirname(CACHE), { recursive: true });
    const building = mkdtempSync(`${CACHE}.building-`);
    const archive = buildArchive(building);
    const layers = readdirSync(building).filter((f) => f.endsWith(".tar.gz"));
    const uncompressedBytes = layers.reduce(
      (sum, l) =>
        sum + Number(execFileSync("bash", ["-c", `gzip -dc ${join(building, l)} | wc -c`], { encoding: "utf8" })),
      0,
    );
    writeFileSync(
      join(building, "archive.json"),
      JSON.stringify({ archive: basename(archive), layers, uncompressedBytes }),
    );
    rmSync(CACHE, { recursive: true, force: true });
    renameSync(building, CACHE);
  }
  const cached = JSON.parse(readFileSync(info, "utf8")) as CachedArchive;
  return {
    archive: join(CACHE, cached.archive),
    layers: cached.layers.map((l) => join(CACHE, l)),
    uncompressedBytes: cached.uncompressedBytes,
  };
}

function wallSeconds(command: string[]): number {
  const started = performance.now();
  const result = spawnSync(command[0], command.slice(1), { stdio: "ignore" });
  if (result.status !== 0) throw new Error(`${command.join(" ")} failed`);
  return (performance.now() - started) / 1000;
}

/** imagediet's full layer analysis against GNU tar listing every layer (decompression included). */
export async function runLayersBench(): Promise<void> {
  requireBuild();
  const { archive, layers, uncompressedBytes } = cachedArchive();
  const runs = 3;
  const ours: Usage[] = [];
  const peer: number[] = [];
  for (let i = 0; i < runs; i++) {
    ours.push(runNode({ name: "imagediet layers", args: [CLI, "layers", "--json", archive] }));
    peer.push(wallSeconds(["bash", "-c", layers.map((l) => `tar -tzvf ${l} > /dev/null`).join(" && ")]));
  }
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  const o = median(ours.map((u) => u.wallMs)) / 1000;
  const p = median(peer);
  const rss = Math.max(...ours.map((u) => u.rssMB));
  process.stdout.write(
    [
      `layers: ${(statSync(archive).size / 1e9).toFixed(2)} GB archive, ${(uncompressedBytes / 1e9).toFixed(2)} GB uncompressed, ${layers.length} gzip layers (kept in bench/.cache/layers), medians of ${runs} alternating runs`,
      `  imagediet layers --json      ${o.toFixed(2)} s  (peak RSS ${rss.toFixed(0)} MB; goal ≤ 300 MB: ${rss <= 300 ? "met" : "missed"})`,
      `  tar -tzvf every layer        ${p.toFixed(2)} s`,
      goalLine("wall time / tar's", o / p, 1.5),
      "",
    ].join("\n"),
  );
}
