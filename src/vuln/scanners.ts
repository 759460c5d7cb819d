import type { SeverityName } from "./cvss.js";
import type { Vulnerability } from "./osv.js";

const severity = (text: string | undefined): SeverityName => {
  const s = (text ?? "").toLowerCase();
  if (s === "critical" || s === "high" || s === "low") return s;
  if (s === "medium" || s === "moderate") return "medium";
  return s === "negligible" ? "low" : "unknown";
};

interface TrivyReport {
  SchemaVersion?: number;
  Results?: {
    Target?: string;
    Type?: string;
    Vulnerabilities?: {
      VulnerabilityID: string;
      PkgName: string;
      InstalledVersion: string;
      FixedVersion?: string;
      Severity?: string;
      Title?: string;
      PkgPath?: string;
    }[];
  }[];
}

interface GrypeReport {
  matches?: {
    vulnerability: {
      id: string;
      severity?: string;
      namespace?: string;
      fix?: { versions?: string[] };
      description?: string;
    };
    relatedVulnerabilities?: { id: string }[];
    artifact: { name: string; version: string; type?: string; locations?: { path?: string }[] };
  }[];
}

/** Reads trivy's JSON (`trivy image --format json`). */
export function fromTrivy(report: TrivyReport): Vulnerability[] {
  return (report.Results ?? []).flatMap((result) =>
    (result.Vulnerabilities ?? []).map((v) => ({
      id: v.VulnerabilityID,
      aliases: [],
      severity: severity(v.Severity),
      package: v.PkgName,
      ecosystem: result.Type ?? "",
      installedVersion: v.InstalledVersion,
      fixedVersion: v.FixedVersion || undefined,
      summary: v.Title ?? "",
      location: v.PkgPath ?? result.Target ?? "",
    })),
  );
}

/** Reads grype's JSON (`grype -o json`). */
export function fromGrype(report: GrypeReport): Vulnerability[] {
  return (report.matches ?? []).map((m) => ({
    id: m.vulnerability.id,
    aliases: (m.relatedVulnerabilities ?? []).map((r) => r.id).filter((id) => id !== m.vulnerability.id),
    severity: severity(m.vulnerability.severity),
    package: m.artifact.name,
    ecosystem: m.vulnerability.namespace ?? m.artifact.type ?? "",
    installedVersion: m.artifact.version,
    fixedVersion: m.vulnerability.fix?.versions?.[0],
    summary: m.vulnerability.description ?? "",
    location: m.artifact.locations?.[0]?.path ?? "",
  }));
}

/** Tells trivy's report from grype's by their top-level keys. */
export function fromScannerJson(
  data: unknown,
): { scanner: "trivy" | "grype"; vulnerabilities: Vulnerability[] } | undefined {
  if (data && typeof data === "object" && "SchemaVersion" in data)
    return { scanner: "trivy", vulnerabilities: fromTrivy(data as TrivyReport) };
  if (data && typeof data === "object" && "matches" in data)
    return { scanner: "grype", vulnerabilities: fromGrype(data as GrypeReport) };
  return undefined;
}

export function countBySeverity(vulnerabilities: Vulnerability[]): Record<SeverityName, number> {
  const counts: Record<SeverityName, number> = { critical: 0, high: 0, medium: 0, low: 0, unknown: 0 };
  for (const v of vulnerabilities) counts[v.severity]++;
  return counts;
}
