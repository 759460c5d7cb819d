import type { LayersReport } from "../image/layers.js";
import type { InstalledPackage } from "../vuln/sbom.js";

/** The before/after view of two images: sizes, layers, waste, and packages added and removed. */
export interface ImageDelta {
  before: string;
  after: string;
  sizeBytes: [number, number];
  compressedSizeBytes: [number, number];
  layers: [number, number];
  efficiency: [number, number];
  reclaimableBytes: [number, number];
  /** 0–1 by uncompressed size; negative when the second image is larger. */
  reduction: number;
  packagesAdded: string[];
  packagesRemoved: string[];
  packagesChanged: { name: string; before: string; after: string }[];
}

const key = (p: InstalledPackage) => `${p.ecosystem}:${p.name}`;

export function compareImages(
  before: { report: LayersReport; packages: InstalledPackage[] },
  after: { report: LayersReport; packages: InstalledPackage[] },
): ImageDelta {
  const a = new Map(before.packages.map((p) => [key(p), p.version]));
  const b = new Map(after.packages.map((p) => [key(p), p.version]));
  const pair = <T>(f: (r: LayersReport) => T): [T, T] => [f(before.report), f(after.report)];
  return {
    before: before.report.image,
    after: after.report.image,
    sizeBytes: pair((r) => r.sizeBytes),
    compressedSizeBytes: pair((r) => r.compressedSizeBytes),
    layers: pair((r) => r.layers.length),
    efficiency: pair((r) => r.efficiency),
    reclaimableBytes: pair((r) => r.reclaimableBytes),
    reduction: before.report.sizeBytes === 0 ? 0 : 1 - after.report.sizeBytes / before.report.sizeBytes,
    packagesAdded: [...b.keys()].filter((k) => !a.has(k)).sort(),
    packagesRemoved: [...a.keys()].filter((k) => !b.has(k)).sort(),
    packagesChanged: [...b.entries()]
      .filter(([k, v]) => a.has(k) && a.get(k) !== v)
      .map(([k, v]) => ({ name: k, before: a.get(k) as string, after: v }))
      .sort((x, y) => x.name.localeCompare(y.name)),
  };
}
