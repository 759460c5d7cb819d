import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openImage } from "../../src/image/archive.js";
import { analyzeImage } from "../../src/image/layers.js";
import { imagediet } from "../helpers/cli.js";
import { dockerArchive, type LayerSpec, ociLayout } from "../helpers/image-builder.js";

// Layer 0: the base. Layer 1 rewrites /app/big (chown-like copy) and adds a temp file and a cache
// folder. Layer 2 deletes the temp file and the cache folder.
const LAYERS: LayerSpec[] = [
  { files: { "etc/os-release": 100, "app/big": 1000 }, createdBy: "FROM base" },
  {
    files: { "app/big": 1000, "tmp/download.tgz": 500, "root/.cache/pip/a.whl": 300, "root/.cache/pip/b.whl": 200 },
    createdBy: "RUN install",
  },
  { whiteouts: ["tmp/download.tgz", "root/.cache/pip"], createdBy: "RUN cleanup" },
];

describe("imagediet layers: dive's metrics, exactly, and reclaimable bytes", () => {
  it.each([
    ["docker-archive, plain layers", () => dockerArchive(LAYERS)],
    ["docker-archive, gzip layers", () => dockerArchive(LAYERS, "gzip")],
    ["docker-archive, zstd layers", () => dockerArchive(LAYERS, "zstd")],
    ["OCI layout folder, gzip layers", () => ociLayout(LAYERS)],
  ])("%s", async (_kind, build) => {
    const report = await analyzeImage(openImage(build()));
    expect(report.layers.map((l) => [l.sizeBytes, l.added, l.changed, l.removed])).toEqual([
      [1100, 2, 0, 0],
      [2000, 3, 1, 0],
      [0, 0, 0, 3],
    ]);
    expect(report.layers.map((l) => l.createdBy)).toEqual(["FROM base", "RUN install", "RUN cleanup"]);
    // dive: leaf paths /app/big (1000+1000, min 1000), /tmp/download.tgz (500 then whiteout 0),
    // the two wheels once each, the folder whiteout once (500): Σmin = 100+1000+0+300+200+500,
    // Σcumulative = 100+2000+500+300+200+500.
    expect(report.efficiency).toBeCloseTo(2100 / 3600, 6);
    // dive's wasted bytes count every copy of paths seen twice: 2000 + 500.
    expect(report.wastedBytes).toBe(2500);
    expect(report.userWastedPercent).toBeCloseTo(2500 / 2000, 6);
    // Stored 3100 bytes, the final filesystem shows /etc/os-release and /app/big: 1100.
    expect(report.reclaimableBytes).toBe(2000);
    expect(report.topWasteful.map((w) => [w.path, w.reclaimableBytes])).toEqual([
      ["/app/big", 1000],
      ["/tmp/download.tgz", 500],
      ["/root/.cache/pip/a.whl", 300],
      ["/root/.cache/pip/b.whl", 200],
    ]);
  });

  it("an opaque folder hides the lower layers' files (dive ignores it; reclaimable counts them)", async () => {
    const report = await analyzeImage(
      openImage(
        dockerArchive([
          { files: { "var/cache/x": 400, "bin/app": 50 } },
          { opaque: ["var/cache"], files: { "var/cache/new": 10 } },
        ]),
      ),
    );
    expect(report.layers[1].removed).toBe(1);
    expect(report.reclaimableBytes).toBe(400);
    expect(report.efficiency).toBe(1);
  });

  it("prints a table and the totals, and JSON with --json", () => {
    const archive = dockerArchive(LAYERS, "gzip");
    const text = imagediet(["layers", archive]).stdout;
    expect(text).toContain("efficiency 58.3% · wasted 2.5 KB · user wasted 125.0%");
    expect(text).toContain("reclaimable 2.0 KB");
    const json = JSON.parse(imagediet(["layers", "--json", archive]).stdout);
    expect(json.layers).toHaveLength(3);
    expect(json.topWasteful[0].path).toBe("/app/big");
  });

  it("--ci checks thresholds from .imagediet.yaml and exits 1 on a breach", () => {
    const archive = dockerArchive(LAYERS);
    const dir = join(archive, "..");
    writeFileSync(
      join(dir, ".imagediet.yaml"),
      "layers:\n  lowestEfficiency: 0.5\n  highestUserWastedPercent: disabled\n  maxLayers: 5\n",
    );
    expect(imagediet(["layers", "--ci", archive]).code).toBe(0);
    writeFileSync(join(dir, ".imagediet.yaml"), "layers:\n  lowestEfficiency: 0.9\n  maxSizeBytes: 1KB\n");
    const failed = imagediet(["layers", "--ci", archive]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain("FAIL efficiency 58.3% is below 90.0%");
    expect(failed.stderr).toContain("FAIL size 3.1 KB is over 1.0 KB");
  });
});

describe("imagediet layers on bad input", () => {
  const dir = () => mkdtempSync(join(tmpdir(), "imagediet-bad-"));
  it("a file that is not a tar", () => {
    const file = join(dir(), "x.tar");
    writeFileSync(file, "hello, not a tar archive at all".repeat(40));
    const { code, stderr } = imagediet(["layers", file]);
    expect(code).toBe(2);
    expect(stderr.trim()).toBe(`${file}: not a tar archive (bad header checksum)`);
  });

  it("a truncated archive", () => {
    const file = dockerArchive(LAYERS);
    const size = readFileSync(file).length;
    truncateSync(file, Math.floor(size * 0.6));
    const { code, stderr } = imagediet(["layers", file]);
    expect(code).toBe(2);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toMatch(/truncated|no layer|has no/);
  });

  it("a tar with no manifest", () => {
    const d = dir();
    writeFileSync(join(d, "a.txt"), "x");
    execFileSync("tar", ["-cf", join(d, "a.tar"), "-C", d, "a.txt"]);
    expect(imagediet(["layers", join(d, "a.tar")]).stderr).toContain(
      "neither a docker-archive (manifest.json) nor an OCI layout (index.json)",
    );
  });

  it("a manifest pointing outside the archive", () => {
    const d = dir();
    writeFileSync(join(d, "manifest.json"), JSON.stringify([{ Config: "../../etc/passwd", Layers: [] }]));
    execFileSync("tar", ["-cf", join(d, "a.tar"), "-C", d, "manifest.json"]);
    const { code, stderr } = imagediet(["layers", join(d, "a.tar")]);
    expect(code).toBe(2);
    expect(stderr).toContain("the archive has no ../../etc/passwd");
  });

  it("a layer entry that climbs out of the root", () => {
    const d = dir();
    writeFileSync(join(d, "evil"), "x");
    execFileSync("tar", ["-cf", join(d, "layer.tar"), "--transform", "s,^evil,../../evil,", "-P", "-C", d, "evil"]);
    writeFileSync(join(d, "config.json"), JSON.stringify({ history: [] }));
    writeFileSync(join(d, "manifest.json"), JSON.stringify([{ Config: "config.json", Layers: ["layer.tar"] }]));
    execFileSync("tar", ["-cf", join(d, "image.tar"), "-C", d, "manifest.json", "config.json", "layer.tar"]);
    const { code, stderr } = imagediet(["layers", join(d, "image.tar")]);
    expect(code).toBe(2);
    expect(stderr).toContain("layer entry escapes the root: ../../evil");
  });
});

describe("imagediet layers A --against B", () => {
  it("prints the deltas: size, layers, efficiency, reclaimable, packages removed, added and changed", () => {
    const before = dockerArchive([
      {
        files: { "usr/bin/gcc": 5000, "app/server": 800 },
        texts: { "var/lib/dpkg/status": "Package: gcc\nVersion: 4:12.2.0-3\n\nPackage: libc6\nVersion: 2.36-9\n" },
      },
      { files: { "tmp/cache": 1200 } },
    ]);
    const after = dockerArchive([
      {
        files: { "app/server": 800 },
        texts: {
          "var/lib/dpkg/status": "Package: libc6\nVersion: 2.36-9+deb12u9\n\nPackage: tini\nVersion: 0.19.0-1\n",
        },
      },
    ]);
    const json = JSON.parse(imagediet(["layers", after, "--against", before, "--json"]).stdout);
    expect(json.layers).toEqual([2, 1]);
    expect(json.packagesRemoved).toEqual(["deb:gcc"]);
    expect(json.packagesAdded).toEqual(["deb:tini"]);
    expect(json.packagesChanged).toEqual([{ name: "deb:libc6", before: "2.36-9", after: "2.36-9+deb12u9" }]);
    expect(json.reduction).toBeGreaterThan(0.8);
    const text = imagediet(["layers", after, "--against", before]).stdout;
    expect(text).toMatch(/size +7\.1 KB → +\d+(\.\d)? (B|KB) +−\d+\.\d%/);
    expect(text).toContain("    - deb:gcc");
  });
});

describe("imagediet layers on hostile archives", () => {
  const work = () => mkdtempSync(join(tmpdir(), "imagediet-hostile-"));
  const imageOf = (d: string, layer: string) => {
    writeFileSync(join(d, "config.json"), JSON.stringify({ history: [] }));
    writeFileSync(join(d, "manifest.json"), JSON.stringify([{ Config: "config.json", Layers: [layer] }]));
    execFileSync("tar", ["-cf", join(d, "image.tar"), "-C", d, "manifest.json", "config.json", layer]);
    return join(d, "image.tar");
  };

  it("a decompression bomb (a 2 GB file of zeros in ~70 KB of zstd) is stopped with an error", () => {
    const d = work();
    execFileSync("bash", [
      "-c",
      `cd ${d} && truncate -s 2G zeros && tar -cf - zeros | zstd -q -3 -T0 -c > layer.tar.zst && rm zeros`,
    ]);
    const { code, stderr } = imagediet(["layers", imageOf(d, "layer.tar.zst")]);
    expect(code).toBe(2);
    expect(stderr.trim()).toMatch(/expands more than 1000× its stored size \(a decompression bomb\?\)$/);
  }, 180_000);

  it("zero blocks after the tar end marker are skipped", async () => {
    const d = work();
    execFileSync("bash", [
      "-c",
      `cd ${d} && echo hi > a && tar -cf layer.tar a && head -c 51200000 /dev/zero >> layer.tar`,
    ]);
    const report = await analyzeImage(openImage(imageOf(d, "layer.tar")));
    expect(report.layers[0].added).toBe(1);
  });

  it("symlinks pointing out and device files are listed, never followed or created", async () => {
    const d = work();
    execFileSync("bash", [
      "-c",
      `cd ${d} && mkdir -p root/etc && ln -s /etc/shadow root/etc/escape && ln -s ../../../../outside root/up && tar --owner=0 --group=0 -cf layer.tar -C root etc up && tar --owner=0 --group=0 --append -f layer.tar -C / dev/null`,
    ]);
    const report = await analyzeImage(openImage(imageOf(d, "layer.tar")));
    expect(report.layers[0].added).toBe(3);
  });

  it("a tar member claiming a huge long-name header is refused", () => {
    const d = work();
    const header = Buffer.alloc(512);
    header.write("././@LongLink", 0);
    header.write("0000644\0", 100);
    header.write("00000000000\0", 124);
    Buffer.from("17777777777\0").copy(header, 124);
    header[156] = "L".charCodeAt(0);
    header.write("ustar  \0", 257);
    header.fill(" ", 148, 156);
    let sum = 0;
    for (const byte of header) sum += byte;
    header.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148);
    const file = join(d, "huge.tar");
    writeFileSync(file, Buffer.concat([header, Buffer.alloc(1024)]));
    const { code, stderr } = imagediet(["layers", file]);
    expect(code).toBe(2);
    expect(stderr.trim()).toMatch(/huge\.tar: (tar header data of \d+ bytes is too large|truncated tar archive)$/);
  });
});
