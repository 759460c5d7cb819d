import {
  type AppReport,
  checksHold,
  formatBytes,
  formatSeconds,
  percent,
  pullSeconds,
  type Report,
  totalCves,
} from "./model.js";

/** " (median of N)" when the builds were repeated. */
const runs = (image: { coldBuildRuns?: number[] }) =>
  image.coldBuildRuns && image.coldBuildRuns.length > 1 ? ` (median of ${image.coldBuildRuns.length})` : "";

const SEVERITIES = ["critical", "high", "medium", "low", "unknown"] as const;

function appSection(app: AppReport): string {
  const o = app.original;
  const n = app.optimized;
  const lines = [
    `## ${app.app}`,
    "",
    `${checksHold(app) ? "✓ the optimized image passes every check the original passed" : "✗ the optimized image fails a check the original passed"}; ${percent(app.reduction)} smaller.`,
    "",
    "| | original | optimized | change |",
    "|---|---:|---:|---:|",
    `| image | \`${o.image}\` | \`${n.image}\` | |`,
    `| size (uncompressed) | ${formatBytes(o.sizeBytes)} | ${formatBytes(n.sizeBytes)} | −${percent(app.reduction)} |`,
    `| size (compressed, as pushed) | ${formatBytes(o.compressedSizeBytes)} | ${formatBytes(n.compressedSizeBytes)} | −${percent(1 - n.compressedSizeBytes / Math.max(1, o.compressedSizeBytes))} |`,
    `| layers | ${o.layers.length} | ${n.layers.length} | |`,
    `| user | ${o.user || "root"} | ${n.user || "root"} | |`,
    `| cold build${runs(o)} | ${formatSeconds(o.coldBuildSeconds)} | ${formatSeconds(n.coldBuildSeconds)} | |`,
    `| warm rebuild (one-line source change)${runs(o)} | ${formatSeconds(o.warmBuildSeconds)} | ${formatSeconds(n.warmBuildSeconds)} | |`,
    `| pull at 100 Mbit/s | ${formatSeconds(pullSeconds(o.compressedSizeBytes, 100))} | ${formatSeconds(pullSeconds(n.compressedSizeBytes, 100))} | |`,
    `| pull at 1 Gbit/s | ${formatSeconds(pullSeconds(o.compressedSizeBytes, 1000))} | ${formatSeconds(pullSeconds(n.compressedSizeBytes, 1000))} | |`,
  ];
  if (o.efficiency !== undefined && n.efficiency !== undefined) {
    lines.push(`| layer efficiency (dive) | ${percent(o.efficiency)} | ${percent(n.efficiency)} | |`);
    lines.push(`| wasted bytes | ${formatBytes(o.wastedBytes ?? 0)} | ${formatBytes(n.wastedBytes ?? 0)} | |`);
  }
  if (o.cves && n.cves) {
    lines.push(
      "",
      "### CVEs by severity",
      "",
      `| | ${SEVERITIES.join(" | ")} | total |`,
      `|---|${SEVERITIES.map(() => "---:").join("|")}|---:|`,
    );
    for (const [label, m] of [
      ["original", o],
      ["optimized", n],
    ] as const) {
      lines.push(`| ${label} | ${SEVERITIES.map((s) => m.cves?.[s] ?? 0).join(" | ")} | ${totalCves(m.cves)} |`);
    }
  }
  lines.push("", "### Checks", "", "| check | original | optimized |", "|---|---|---|");
  for (const check of app.checks) lines.push(`| ${check.name} | ${mark(check.original)} | ${mark(check.optimized)} |`);
  if (app.techniques.length > 0) {
    lines.push("", "### Techniques applied", "");
    for (const [i, t] of app.techniques.entries()) {
      lines.push(`${i + 1}. **${t.title}** — ${t.why}${t.saving ? ` Expected saving: ${t.saving}.` : ""}`);
    }
  }
  if (app.iterations.length > 0) {
    lines.push("", "### Added by the fix loop", "");
    for (const it of app.iterations) lines.push(`- \`${it.added}\`: ${it.why}`);
  }
  if (app.notes?.length) lines.push("", ...app.notes.map((note) => `> ${note}`));
  return lines.join("\n");
}

const mark = (status: string) => (status === "pass" ? "✓ pass" : status === "fail" ? "✗ fail" : "– skip");

/** The report as Markdown: a summary table over all apps, then one section per app. */
export function renderMarkdown(report: Report): string {
  const summary = [
    "# imagediet comparison report",
    "",
    `Generated ${report.generatedAt} by imagediet ${report.tool.version}.`,
    "",
    "| app | original | optimized | reduction | cold build | warm rebuild | checks |",
    "|---|---:|---:|---:|---:|---:|---|",
    ...report.apps.map(
      (a) =>
        `| ${a.app} | ${formatBytes(a.original.sizeBytes)} | ${formatBytes(a.optimized.sizeBytes)} | ${percent(a.reduction)} | ${formatSeconds(a.original.coldBuildSeconds)} → ${formatSeconds(a.optimized.coldBuildSeconds)} | ${formatSeconds(a.original.warmBuildSeconds)} → ${formatSeconds(a.optimized.warmBuildSeconds)} | ${checksHold(a) ? "✓" : "✗"} ${a.checks.filter((c) => c.optimized === "pass").length}/${a.checks.length} |`,
    ),
  ];
  return `${[...summary, "", ...report.apps.map(appSection)].join("\n")}\n`;
}
