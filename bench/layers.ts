import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

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

/** Wall time and peak RSS of a command, from GNU time. */
function measure(command: string[]): { seconds: number; rssMB: number } {
  const started = performance.now();
  const result = spawnSync("/usr/bin/time", ["-f", "%M", ...command], { encoding: "utf8", maxBuffer: 1 << 30 });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`${command.join(" ")} failed: ${result.stderr}`);
  const rssKB = Number(result.stderr.trim().split("\n").pop());
  return { seconds, rssMB: rssKB / 1024 };
}

/** imagediet's full layer analysis against GNU tar listing every layer (decompression included). */
export async function runLayersBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "imagediet-bench-layers-"));
  try {
    const archive = buildArchive(dir);
    const layers = readdirSync(dir).filter((f) => f.endsWith(".tar.gz"));
    const uncompressed = layers.reduce(
      (sum, l) => sum + Number(execFileSync("bash", ["-c", `gzip -dc ${join(dir, l)} | wc -c`], { encoding: "utf8" })),
      0,
    );
    const cli = join(import.meta.dirname, "..", "bin", "imagediet.js");
    if (!existsSync(cli)) throw new Error("build first (npm run build)");
    const runs = 3;
    const ours: number[] = [];
    const peer: number[] = [];
    let rss = 0;
    for (let i = 0; i < runs; i++) {
      const a = measure([process.execPath, cli, "layers", "--json", archive]);
      ours.push(a.seconds);
      rss = Math.max(rss, a.rssMB);
      peer.push(
        measure(["bash", "-c", layers.map((l) => `tar -tzvf ${join(dir, l)} > /dev/null`).join(" && ")]).seconds,
      );
    }
    const median = (xs: number[]) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)];
    const [o, p] = [median(ours), median(peer)];
    process.stdout.write(
      `layers: ${(statSync(archive).size / 1e9).toFixed(2)} GB archive, ${(uncompressed / 1e9).toFixed(2)} GB uncompressed, ${layers.length} gzip layers\n` +
        `  imagediet layers  ${o.toFixed(2)} s  (peak RSS ${rss.toFixed(0)} MB; goal ≤ 300 MB)\n` +
        `  tar -tzvf         ${p.toFixed(2)} s\n` +
        `  ratio             ${(o / p).toFixed(2)}× tar's time (goal ≤ 1.50×)\n`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
