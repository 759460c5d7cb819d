import { execFileSync } from "node:child_process";
import type { Engine } from "../engine/engine.js";
import { ImagedietError } from "../errors.js";
import { type ImageArchive, openImage } from "../image/archive.js";
import type { Severities } from "../report/model.js";
import { loadOsv, matchOsv, type Vulnerability } from "../vuln/osv.js";
import { osvRecordsFolder } from "../vuln/osv-folder.js";
import { collectPackages } from "../vuln/sbom.js";
import { countBySeverity, fromScannerJson } from "../vuln/scanners.js";
import { saveFromEngine } from "./images.js";

/** Which scanner counts CVEs: `--scanner`, and the OSV records of `--db`. */
export interface ScannerChoice {
  scanner: "auto" | "trivy" | "grype" | "osv";
  db?: string;
}

/** CVE counts of an image in the engine. */
export type ImageScan = (engine: Engine, image: string) => Promise<Severities>;

function onPath(tool: string): boolean {
  try {
    execFileSync(tool, ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

function externalScanner(flags: ScannerChoice): "trivy" | "grype" | undefined {
  return flags.scanner === "trivy" || flags.scanner === "grype"
    ? flags.scanner
    : flags.scanner === "auto" && !flags.db
      ? (["trivy", "grype"] as const).find(onPath)
      : undefined;
}

/**
 * How `run` counts CVEs of images in the engine: trivy or grype on a saved archive, else the OSV
 * records of --db (or IMAGEDIET_OSV_DB); without any, why it cannot.
 */
export function engineScanner(flags: ScannerChoice): { scan: ImageScan } | { skip: string } {
  const db = osvRecordsFolder(flags.db);
  if (!externalScanner(flags) && !db)
    return {
      skip: "no trivy or grype on PATH and no OSV records (imagediet db update, or --db): CVE counts are left out",
    };
  return {
    scan: async (engine, image) => {
      const file = await saveFromEngine(engine, image);
      const { vulnerabilities } = await scanImage(file, flags, async (path) => openImage(path));
      return countBySeverity(vulnerabilities);
    },
  };
}

/**
 * Scans with trivy or grype when asked for (or when `auto` finds one), else with the OSV records on
 * disk, matched against the packages of the image `open` reads.
 */
export async function scanImage(
  path: string,
  flags: ScannerChoice,
  open: (path: string) => Promise<ImageArchive>,
): Promise<{ scanner: string; vulnerabilities: Vulnerability[] }> {
  const external = externalScanner(flags);
  if (external) {
    const args =
      external === "trivy"
        ? ["image", "--input", path, "--format", "json", "--quiet"]
        : [`docker-archive:${path}`, "-o", "json", "-q"];
    const parsed = fromScannerJson(
      JSON.parse(execFileSync(external, args, { encoding: "utf8", maxBuffer: 512 * 1024 * 1024 })),
    );
    if (!parsed) throw new ImagedietError(`${external} printed no report`, { file: path });
    return parsed;
  }
  const db = osvRecordsFolder(flags.db);
  if (!db)
    throw new ImagedietError(
      "no vulnerability source: install trivy or grype, run `imagediet db update IMAGE`, or pass --db DIR with OSV records (or set IMAGEDIET_OSV_DB)",
      { file: path },
    );
  const { packages, distro } = await collectPackages(await open(path));
  return { scanner: "osv", vulnerabilities: matchOsv(packages, distro, loadOsv(db)) };
}
