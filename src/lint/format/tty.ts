import pc from "picocolors";
import type { Finding, Severity } from "../types.js";
import type { FileResult } from "./shared.js";

type Colors = ReturnType<typeof pc.createColors>;

const paint = (colors: Colors, severity: Severity, text: string) =>
  severity === "error" ? colors.red(text) : severity === "warning" ? colors.yellow(text) : colors.cyan(text);

/** A code frame: the lines of the finding with a caret line under the exact range. */
function codeFrame(text: string, finding: Finding, colors: Colors): string {
  const lines = text.split(/\r?\n/);
  const { start, end } = finding.range;
  const last = Math.min(end.line, start.line + 2);
  const width = String(last).length;
  const out: string[] = [];
  for (let line = start.line; line <= last; line++) {
    const content = (lines[line - 1] ?? "").replace(/\t/g, " ");
    out.push(`${colors.dim(`${String(line).padStart(width)} |`)} ${content}`);
    const from = line === start.line ? start.column : 1 + (content.length - content.trimStart().length);
    const to = line === end.line ? end.column : content.length + 1;
    if (to > from)
      out.push(
        `${" ".repeat(width)} ${colors.dim("|")} ${" ".repeat(from - 1)}${paint(colors, finding.severity, "^".repeat(to - from))}`,
      );
  }
  return out.join("\n");
}

export function formatTty(results: FileResult[], options: { color: boolean }): string {
  const colors = pc.createColors(options.color);
  const blocks: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, style: 0 };
  let fixable = 0;
  for (const result of results) {
    for (const finding of result.findings) {
      counts[finding.severity]++;
      if (finding.fix?.length) fixable++;
      const where = colors.bold(`${result.file}:${finding.range.start.line}:${finding.range.start.column}`);
      blocks.push(
        `${where} ${paint(colors, finding.severity, finding.severity)} ${colors.dim(finding.rule)} ${finding.message}\n${codeFrame(result.text, finding, colors)}`,
      );
    }
  }
  const total = counts.error + counts.warning + counts.info + counts.style;
  const files = results.length === 1 ? "1 file" : `${results.length} files`;
  if (total === 0) return `${colors.green("✔")} no problems in ${files}\n`;
  const parts = (["error", "warning", "info", "style"] as Severity[])
    .filter((s) => counts[s] > 0)
    .map((s) => `${counts[s]} ${s}${counts[s] === 1 || s === "info" || s === "style" ? "" : "s"}`);
  const summary = `${colors.red("✖")} ${total} problem${total === 1 ? "" : "s"} (${parts.join(", ")}) in ${files}${fixable ? `; ${fixable} fixable with --fix` : ""}`;
  return `${blocks.join("\n\n")}\n\n${summary}\n`;
}
