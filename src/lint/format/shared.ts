import type { Finding } from "../types.js";

/** Findings of one Dockerfile, with the text for code frames. */
export interface FileResult {
  file: string;
  text: string;
  findings: Finding[];
}

export interface RuleInfo {
  id: string;
  aliases: string[];
  title: string;
  severity: string;
  fixable: boolean;
  helpUri: string;
}

export const DOCS_BASE = "https://github.com/imagediet/imagediet/blob/main/docs/rules/";

export function helpUri(ruleId: string): string {
  return `${DOCS_BASE}${encodeURIComponent(ruleId)}.md`;
}
