import type { FileResult, RuleInfo } from "./shared.js";

/** One object per finding, positions 1-based, end exclusive as in the source ranges. */
export function formatJson(results: FileResult[], rules: Map<string, RuleInfo>): string {
  const findings = results.flatMap((result) =>
    result.findings.map((finding) => ({
      file: result.file,
      line: finding.range.start.line,
      column: finding.range.start.column,
      endLine: finding.range.end.line,
      endColumn: finding.range.end.column,
      rule: finding.rule,
      aliases: rules.get(finding.rule)?.aliases ?? [],
      severity: finding.severity,
      message: finding.message,
      fixable: (finding.fix?.length ?? 0) > 0,
      docs: rules.get(finding.rule)?.helpUri,
    })),
  );
  return `${JSON.stringify(findings, null, 2)}\n`;
}
