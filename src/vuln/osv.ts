import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { ImagedietError } from "../errors.js";
import { cvss3BaseScore, ratingOf, type SeverityName } from "./cvss.js";
import type { Distro, InstalledPackage } from "./sbom.js";
import { compareFor } from "./versions.js";

/** The parts of an OSV record the matcher reads (https://ossf.github.io/osv-schema/). */
export interface OsvRecord {
  id: string;
  aliases?: string[];
  upstream?: string[];
  summary?: string;
  withdrawn?: string;
  severity?: { type: string; score: string }[];
  database_specific?: { severity?: string };
  affected?: {
    package?: { ecosystem: string; name: string };
    ranges?: {
      type: string;
      events: { introduced?: string; fixed?: string; last_affected?: string; limit?: string }[];
    }[];
    versions?: string[];
    ecosystem_specific?: { severity?: string };
  }[];
}

export interface Vulnerability {
  id: string;
  aliases: string[];
  severity: SeverityName;
  package: string;
  ecosystem: string;
  installedVersion: string;
  fixedVersion: string | undefined;
  summary: string;
  location: string;
}

/** Loads every `.json` and `.yaml` OSV record below a folder. */
export function loadOsv(dir: string): OsvRecord[] {
  const records: OsvRecord[] = [];
  const walk = (path: string) => {
    for (const entry of readdirSync(path)) {
      if (entry.startsWith(".")) continue; // an update's unfinished download or staging folder
      const file = join(path, entry);
      if (statSync(file).isDirectory()) walk(file);
      else if (/\.(json|ya?ml)$/.test(entry)) {
        const text = readFileSync(file, "utf8");
        try {
          const record = (entry.endsWith(".json") ? JSON.parse(text) : parseYaml(text)) as OsvRecord;
          if (record?.id && !record.withdrawn) records.push(record);
        } catch {
          throw new ImagedietError("not a valid OSV record", { file });
        }
      }
    }
  };
  try {
    walk(dir);
  } catch (error) {
    if (error instanceof ImagedietError) throw error;
    throw new ImagedietError("cannot read the vulnerability database folder", { file: dir });
  }
  return records;
}

/** OSV's ecosystem for an installed package: `Debian:12`, `Alpine:v3.20`, `PyPI`, `npm`. */
export function osvEcosystem(pkg: InstalledPackage, distro: Distro | undefined): string | undefined {
  if (pkg.ecosystem === "pypi") return "PyPI";
  if (pkg.ecosystem === "npm") return "npm";
  if (pkg.ecosystem === "golang") return "Go";
  if (pkg.ecosystem === "cargo") return "crates.io";
  if (!distro?.versionId) return undefined;
  if (pkg.ecosystem === "deb")
    return distro.id === "ubuntu" ? `Ubuntu:${distro.versionId}` : `Debian:${distro.versionId.split(".")[0]}`;
  return `Alpine:v${distro.versionId.split(".").slice(0, 2).join(".")}`;
}

/** Whether `version` is in an OSV range's events (introduced / fixed / last_affected). */
export function inRange(
  version: string,
  events: { introduced?: string; fixed?: string; last_affected?: string }[],
  compare: (a: string, b: string) => number,
): boolean {
  let affected = false;
  const sorted = [...events].sort((a, b) => {
    const va = a.introduced ?? a.fixed ?? a.last_affected ?? "0";
    const vb = b.introduced ?? b.fixed ?? b.last_affected ?? "0";
    return va === "0" ? -1 : vb === "0" ? 1 : compare(va, vb);
  });
  for (const event of sorted) {
    if (event.introduced !== undefined && (event.introduced === "0" || compare(version, event.introduced) >= 0))
      affected = true;
    if (event.fixed !== undefined && compare(version, event.fixed) >= 0) affected = false;
    if (event.last_affected !== undefined && compare(version, event.last_affected) > 0) affected = false;
  }
  return affected;
}

function severityOf(record: OsvRecord, affectedSeverity: string | undefined): SeverityName {
  const named = (affectedSeverity ?? record.database_specific?.severity)?.toLowerCase();
  if (named === "critical" || named === "high" || named === "low") return named;
  if (named === "moderate" || named === "medium") return "medium";
  const vector = record.severity?.find((s) => s.type.startsWith("CVSS_V3"))?.score;
  const score = vector ? cvss3BaseScore(vector) : undefined;
  return score === undefined ? "unknown" : ratingOf(score);
}

/** Matches installed packages against OSV records; OS packages by their source package, as advisories are. */
/**
 * A record's ecosystem as `osvEcosystem` names an installed package's: Ubuntu's records say
 * `Ubuntu:22.04:LTS` for the release an image's os-release calls 22.04 (Ubuntu Pro's stay apart).
 */
export function recordEcosystem(ecosystem: string): string {
  return ecosystem.startsWith("Ubuntu:") ? ecosystem.replace(/:LTS$/, "") : ecosystem;
}

export function matchOsv(
  packages: InstalledPackage[],
  distro: Distro | undefined,
  records: OsvRecord[],
): Vulnerability[] {
  const index = new Map<string, { record: OsvRecord; affected: NonNullable<OsvRecord["affected"]>[number] }[]>();
  for (const record of records) {
    for (const affected of record.affected ?? []) {
      if (!affected.package) continue;
      const key = `${recordEcosystem(affected.package.ecosystem)}/${affected.package.name.toLowerCase()}`;
      index.set(key, [...(index.get(key) ?? []), { record, affected }]);
    }
  }
  const found = new Map<string, Vulnerability>();
  for (const pkg of packages) {
    const ecosystem = osvEcosystem(pkg, distro);
    if (!ecosystem) continue;
    const isOs = pkg.ecosystem === "deb" || pkg.ecosystem === "apk";
    const name = isOs
      ? (pkg.source?.name ?? pkg.name)
      : pkg.ecosystem === "pypi"
        ? pkg.name.toLowerCase().replace(/[-_.]+/g, "-")
        : pkg.name;
    const version = isOs ? (pkg.source?.version ?? pkg.version) : pkg.version;
    const compare = compareFor(ecosystem);
    for (const { record, affected } of index.get(`${ecosystem}/${name.toLowerCase()}`) ?? []) {
      const listed = affected.versions?.includes(version) ?? false;
      const ranged = (affected.ranges ?? []).some((r) => r.type !== "GIT" && inRange(version, r.events, compare));
      if (!listed && !ranged) continue;
      const fixes = (affected.ranges ?? [])
        .flatMap((r) => r.events.map((e) => e.fixed))
        .filter((f): f is string => Boolean(f) && compare(f as string, version) > 0);
      const key = `${record.id}/${pkg.ecosystem}/${pkg.name}`;
      found.set(key, {
        id: record.id,
        aliases: [...(record.aliases ?? []), ...(record.upstream ?? [])],
        severity: severityOf(record, affected.ecosystem_specific?.severity),
        package: pkg.name,
        ecosystem,
        installedVersion: pkg.version,
        fixedVersion: fixes.sort(compare)[0],
        summary: record.summary ?? "",
        location: pkg.location,
      });
    }
  }
  return [...found.values()].sort((a, b) => a.package.localeCompare(b.package) || a.id.localeCompare(b.id));
}
