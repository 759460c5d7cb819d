/**
 * The comparison report: one version of the truth that the console, Markdown, HTML and JSON views
 * render. `docs/report.schema.json` describes the JSON; bump REPORT_VERSION when it changes.
 */
export const REPORT_VERSION = 1;

export type CheckStatus = "pass" | "fail" | "skip";

export interface LayerInfo {
  /** What created the layer (the Dockerfile instruction). */
  createdBy: string;
  sizeBytes: number;
  /** For the optimized image: taken from the build cache on the warm rebuild. */
  cached?: boolean;
}

export interface Severities {
  critical: number;
  high: number;
  medium: number;
  low: number;
  unknown: number;
}

export interface ImageMeasurement {
  image: string;
  baseImage?: string;
  sizeBytes: number;
  compressedSizeBytes: number;
  layers: LayerInfo[];
  user: string;
  /** The median of `coldBuildRuns` when builds were repeated. */
  coldBuildSeconds: number;
  warmBuildSeconds: number;
  /** Every cold and warm build's time, when each was repeated (`--repeat N`). */
  coldBuildRuns?: number[];
  warmBuildRuns?: number[];
  /** dive's efficiency score, 0–1, when measured. */
  efficiency?: number;
  wastedBytes?: number;
  cves?: Severities;
}

export interface CheckResult {
  name: string;
  original: CheckStatus;
  optimized: CheckStatus;
  detail?: string;
}

export interface AppReport {
  app: string;
  original: ImageMeasurement;
  optimized: ImageMeasurement;
  /** 0–1, by uncompressed size. */
  reduction: number;
  checks: CheckResult[];
  /** What the fix loop added to make the optimized image pass. */
  iterations: { added: string; why: string }[];
  techniques: { title: string; why: string; saving?: string }[];
  /** Why parts were skipped (no engine, Alpine unavailable in the test world, …). */
  notes?: string[];
}

export interface Report {
  reportVersion: number;
  generatedAt: string;
  tool: { name: "imagediet"; version: string };
  apps: AppReport[];
}

/** Pull time at a link speed, from the compressed (as pushed) size. */
export function pullSeconds(compressedBytes: number, megabitsPerSecond: number): number {
  return (compressedBytes * 8) / (megabitsPerSecond * 1_000_000);
}

export function formatBytes(bytes: number): string {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value >= 100 || unit === 0 ? value.toFixed(0) : value.toFixed(1)} ${units[unit]}`;
}

export function formatSeconds(seconds: number): string {
  return seconds >= 60 ? `${Math.floor(seconds / 60)}m ${Math.round(seconds % 60)}s` : `${seconds.toFixed(1)}s`;
}

export function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

export function totalCves(severities: Severities | undefined): number | undefined {
  if (!severities) return undefined;
  return severities.critical + severities.high + severities.medium + severities.low + severities.unknown;
}

/** Every check passed on the optimized image that passed on the original. */
export function checksHold(app: AppReport): boolean {
  return app.checks.every((c) => c.optimized !== "fail" || c.original === "fail");
}
