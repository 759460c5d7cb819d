import type { FileResult } from "./shared.js";

const LEVEL = { error: "error", warning: "warning", info: "notice", style: "notice" } as const;

/** GitHub Actions workflow commands: one `::warning file=…,line=…::message` per finding. */
export function formatGithub(results: FileResult[]): string {
  const escapeData = (text: string) => text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
  const escapeProperty = (text: string) => escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
  const lines = results.flatMap((result) =>
    result.findings.map((f) => {
      const props = [
        `file=${escapeProperty(result.file)}`,
        `line=${f.range.start.line}`,
        `col=${f.range.start.column}`,
        `endLine=${f.range.end.line}`,
        `endColumn=${f.range.end.column}`,
        `title=${escapeProperty(f.rule)}`,
      ];
      return `::${LEVEL[f.severity]} ${props.join(",")}::${escapeData(`${f.rule}: ${f.message}`)}`;
    }),
  );
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}
