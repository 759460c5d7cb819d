import pc from "picocolors";
import { type AppReport, formatBytes, formatSeconds, percent, pullSeconds, type Report } from "./model.js";

function appSummary(app: AppReport, colors: ReturnType<typeof pc.createColors>): string {
  const o = app.original;
  const n = app.optimized;
  const lines = [
    colors.bold(app.app),
    `  size     ${formatBytes(o.sizeBytes).padStart(9)} → ${formatBytes(n.sizeBytes).padStart(9)}  ${colors.green(`−${percent(app.reduction)}`)}`,
    `  pushed   ${formatBytes(o.compressedSizeBytes).padStart(9)} → ${formatBytes(n.compressedSizeBytes).padStart(9)}`,
    `  layers   ${String(o.layers.length).padStart(9)} → ${String(n.layers.length).padStart(9)}  (${n.layers.filter((l) => l.cached).length} cached on rebuild)`,
    `  build    ${formatSeconds(o.coldBuildSeconds).padStart(9)} → ${formatSeconds(n.coldBuildSeconds).padStart(9)}  cold${o.coldBuildRuns && o.coldBuildRuns.length > 1 ? `, median of ${o.coldBuildRuns.length}` : ""}`,
    `           ${formatSeconds(o.warmBuildSeconds).padStart(9)} → ${formatSeconds(n.warmBuildSeconds).padStart(9)}  warm (one-line change)`,
    `  pull     ${formatSeconds(pullSeconds(o.compressedSizeBytes, 100)).padStart(9)} → ${formatSeconds(pullSeconds(n.compressedSizeBytes, 100)).padStart(9)}  at 100 Mbit/s`,
  ];
  for (const check of app.checks) {
    const mark = (s: string) => (s === "pass" ? colors.green("✓") : s === "fail" ? colors.red("✗") : colors.dim("–"));
    lines.push(`  ${mark(check.original)} ${mark(check.optimized)} ${check.name}`);
  }
  return lines.join("\n");
}

/** The console summary: sizes with the reduction, layers, build and pull times, ✓/✗ per check. */
export function renderConsole(report: Report, options: { color: boolean }): string {
  const colors = pc.createColors(options.color);
  return `${report.apps.map((a) => appSummary(a, colors)).join("\n\n")}\n`;
}
