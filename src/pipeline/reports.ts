import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { renderHtml } from "../report/html.js";
import { renderMarkdown } from "../report/markdown.js";
import { type AppReport, REPORT_VERSION, type Report } from "../report/model.js";
import { VERSION } from "../version.js";

export function newReport(apps: AppReport[]): Report {
  return {
    reportVersion: REPORT_VERSION,
    generatedAt: new Date().toISOString(),
    tool: { name: "imagediet", version: VERSION },
    apps,
  };
}

/** Writes NAME.json, NAME.md and NAME.html into the folder; returns the JSON text. */
export function writeReports(report: Report, dir: string, name: string): string {
  mkdirSync(dir, { recursive: true });
  const json = `${JSON.stringify(report, null, 2)}\n`;
  writeFileSync(join(dir, `${name}.json`), json);
  writeFileSync(join(dir, `${name}.md`), renderMarkdown(report));
  writeFileSync(join(dir, `${name}.html`), renderHtml(report));
  return json;
}
