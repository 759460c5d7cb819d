import {
  type AppReport,
  checksHold,
  formatBytes,
  formatSeconds,
  type ImageMeasurement,
  percent,
  type Report,
} from "./model.js";

const SEVERITIES = ["critical", "high", "medium", "low", "unknown"] as const;
const COLORS = {
  original: "#9aa5b1",
  optimized: "#2f9e44",
  critical: "#c92a2a",
  high: "#e8590c",
  medium: "#f59f00",
  low: "#1c7ed6",
  unknown: "#868e96",
};

const esc = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Horizontal bars: original and optimized size, to one scale. */
function sizeChart(app: AppReport): string {
  const max = Math.max(app.original.sizeBytes, 1);
  const row = (label: "original" | "optimized", m: ImageMeasurement, y: number) => {
    const width = Math.max(2, (m.sizeBytes / max) * 460);
    return `<g data-bar="${label}" data-bytes="${m.sizeBytes}"><text x="0" y="${y + 15}" class="label">${label}</text><rect x="90" y="${y}" width="${width.toFixed(1)}" height="22" fill="${COLORS[label]}"/><text x="${(96 + width).toFixed(1)}" y="${y + 16}" class="value">${formatBytes(m.sizeBytes)}</text></g>`;
  };
  return `<svg class="chart" data-chart="size" viewBox="0 0 660 70" role="img" aria-label="image size before and after">${row("original", app.original, 4)}${row("optimized", app.optimized, 38)}</svg>`;
}

/** Each image as a stack of its layers, heights to one scale, cached layers marked. */
function layerChart(app: AppReport): string {
  const max = Math.max(app.original.sizeBytes, app.optimized.sizeBytes, 1);
  const column = (label: "original" | "optimized", m: ImageMeasurement, x: number) => {
    let y = 300;
    const blocks = m.layers
      .map((layer, i) => {
        const height = Math.max(1, (layer.sizeBytes / max) * 280);
        y -= height;
        const title = `${layer.createdBy} — ${formatBytes(layer.sizeBytes)}${layer.cached ? " (cached)" : ""}`;
        return `<rect data-layer="${i}" data-bytes="${layer.sizeBytes}" x="${x}" y="${y.toFixed(1)}" width="120" height="${height.toFixed(1)}" fill="${COLORS[label]}" fill-opacity="${0.55 + 0.45 * ((i % 2) as number)}" stroke="#fff" stroke-width="0.5"${layer.cached ? ' stroke-dasharray="3 2"' : ""}><title>${esc(title)}</title></rect>`;
      })
      .join("");
    return `<g data-stack="${label}" data-layers="${m.layers.length}">${blocks}<text x="${x + 60}" y="318" text-anchor="middle" class="label">${label} (${m.layers.length} layers)</text></g>`;
  };
  return `<svg class="chart" data-chart="layers" viewBox="0 0 360 325" role="img" aria-label="layer stacks">${column("original", app.original, 30)}${column("optimized", app.optimized, 210)}</svg>`;
}

/** CVEs per severity, original and optimized side by side. */
function cveChart(app: AppReport): string {
  const o = app.original.cves;
  const n = app.optimized.cves;
  if (!o || !n) return '<p class="muted" data-chart="cves-missing">No vulnerability scan in this report.</p>';
  const max = Math.max(1, ...SEVERITIES.flatMap((s) => [o[s], n[s]]));
  const groups = SEVERITIES.map((s, i) => {
    const x = 20 + i * 120;
    const bar = (count: number, dx: number, which: string) => {
      const h = (count / max) * 150;
      return `<rect data-cve="${which}-${s}" data-count="${count}" x="${x + dx}" y="${(170 - h).toFixed(1)}" width="40" height="${h.toFixed(1)}" fill="${which === "original" ? COLORS.original : COLORS[s]}"/><text x="${x + dx + 20}" y="${(165 - h).toFixed(1)}" text-anchor="middle" class="value">${count}</text>`;
    };
    return `<g>${bar(o[s], 0, "original")}${bar(n[s], 45, "optimized")}<text x="${x + 42}" y="188" text-anchor="middle" class="label">${s}</text></g>`;
  }).join("");
  return `<svg class="chart" data-chart="cves" viewBox="0 0 640 195" role="img" aria-label="CVEs by severity">${groups}</svg>`;
}

function appSection(app: AppReport): string {
  const rows = app.checks
    .map(
      (c) =>
        `<tr><td>${esc(c.name)}</td><td class="${c.original}">${c.original}</td><td class="${c.optimized}">${c.optimized}</td></tr>`,
    )
    .join("");
  const techniques = app.techniques
    .map((t) => `<li><b>${esc(t.title)}</b> — ${esc(t.why)}${t.saving ? ` <i>${esc(t.saving)}</i>` : ""}</li>`)
    .join("");
  return `<section data-app="${esc(app.app)}">
<h2>${esc(app.app)} <span class="badge ${checksHold(app) ? "pass" : "fail"}">${checksHold(app) ? "checks hold" : "a check fails"}</span></h2>
<p class="headline"><b data-reduction="${app.reduction}">${percent(app.reduction)}</b> smaller: ${formatBytes(app.original.sizeBytes)} → ${formatBytes(app.optimized.sizeBytes)}; cold build ${formatSeconds(app.original.coldBuildSeconds)} → ${formatSeconds(app.optimized.coldBuildSeconds)}, warm rebuild ${formatSeconds(app.original.warmBuildSeconds)} → ${formatSeconds(app.optimized.warmBuildSeconds)}.</p>
<div class="grid"><figure><figcaption>Image size</figcaption>${sizeChart(app)}</figure><figure><figcaption>Layers</figcaption>${layerChart(app)}</figure><figure><figcaption>CVEs by severity</figcaption>${cveChart(app)}</figure></div>
<table><thead><tr><th>check</th><th>original</th><th>optimized</th></tr></thead><tbody>${rows}</tbody></table>
${techniques ? `<h3>Techniques applied</h3><ol>${techniques}</ol>` : ""}
</section>`;
}

/** One self-contained HTML file: inline CSS and SVG, no scripts, no network requests. */
export function renderHtml(report: Report): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>imagediet report</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1100px;color:#1f2933;padding:0 16px}
h1{font-size:22px}h2{font-size:18px;margin-top:32px;border-bottom:1px solid #e4e7eb;padding-bottom:4px}
.grid{display:grid;grid-template-columns:1.2fr 0.8fr;gap:16px;align-items:start}.grid figure:last-child{grid-column:1/3}
figure{margin:0;background:#f8f9fa;border-radius:6px;padding:8px}figcaption{font-weight:600;margin-bottom:4px}
.chart{width:100%;height:auto}.label{font-size:12px;fill:#52606d}.value{font-size:12px;fill:#1f2933}
table{border-collapse:collapse;margin-top:12px}td,th{border:1px solid #e4e7eb;padding:4px 10px;text-align:left}
td.pass{color:#2f9e44}td.fail{color:#c92a2a;font-weight:600}td.skip{color:#868e96}
.badge{font-size:12px;padding:2px 8px;border-radius:10px;vertical-align:middle}.badge.pass{background:#d3f9d8}.badge.fail{background:#ffe3e3}
.muted{color:#868e96}
</style></head><body>
<h1>imagediet comparison report</h1>
<p class="muted">Generated ${esc(report.generatedAt)} by imagediet ${esc(report.tool.version)} — ${report.apps.length} app${report.apps.length === 1 ? "" : "s"}.</p>
${report.apps.map(appSection).join("\n")}
</body></html>
`;
}
