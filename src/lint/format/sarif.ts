import type { Log, ReportingDescriptor, Result } from "sarif";
import type { FileResult, RuleInfo } from "./shared.js";

const LEVEL = { error: "error", warning: "warning", info: "note", style: "note" } as const;

/** SARIF 2.1.0 for GitHub code scanning: one run, rule metadata with help links, exact regions. */
export function formatSarif(results: FileResult[], rules: Map<string, RuleInfo>, version: string): string {
  const used = [...new Set(results.flatMap((r) => r.findings.map((f) => f.rule)))].sort();
  const descriptors: ReportingDescriptor[] = used.map((id) => {
    const info = rules.get(id);
    return {
      id,
      name: id,
      shortDescription: { text: info?.title ?? id },
      helpUri: info?.helpUri,
      defaultConfiguration: { level: LEVEL[(info?.severity as keyof typeof LEVEL) ?? "warning"] ?? "warning" },
      properties: { aliases: info?.aliases ?? [], fixable: info?.fixable ?? false },
    };
  });
  const sarifResults: Result[] = results.flatMap((result) =>
    result.findings.map((f) => ({
      ruleId: f.rule,
      ruleIndex: used.indexOf(f.rule),
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: result.file.replace(/\\/g, "/") },
            region: {
              startLine: f.range.start.line,
              startColumn: f.range.start.column,
              endLine: f.range.end.line,
              endColumn: f.range.end.column,
            },
          },
        },
      ],
    })),
  );
  const log: Log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "imagediet",
            version,
            informationUri: "https://github.com/imagediet/imagediet",
            rules: descriptors,
          },
        },
        results: sarifResults,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
