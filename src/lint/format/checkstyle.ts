import type { FileResult } from "./shared.js";

const xml = (text: string) =>
  text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");

/** Checkstyle XML, which Jenkins and many CI dashboards read. */
export function formatCheckstyle(results: FileResult[]): string {
  const severity = { error: "error", warning: "warning", info: "info", style: "info" } as const;
  const files = results.map((result) => {
    const errors = result.findings.map(
      (f) =>
        `    <error line="${f.range.start.line}" column="${f.range.start.column}" severity="${severity[f.severity]}" message="${xml(f.message)}" source="imagediet.${xml(f.rule)}"/>`,
    );
    return [`  <file name="${xml(result.file)}">`, ...errors, "  </file>"].join("\n");
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<checkstyle version="4.3">\n${files.join("\n")}\n</checkstyle>\n`;
}
