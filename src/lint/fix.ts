import type { Dockerfile } from "../dockerfile/model.js";
import { applyEdits, type TextEdit } from "../dockerfile/print.js";
import type { Finding } from "./types.js";

export const MAX_FIX_PASSES = 10;

/** Picks the fixes whose edits do not overlap, in file order; the rest wait for the next pass. */
export function nonOverlapping(findings: Finding[]): TextEdit[] {
  const edits: TextEdit[] = [];
  let reachedOffset = -1;
  const fixes = findings.filter((f) => f.fix && f.fix.length > 0).sort((a, b) => firstOffset(a) - firstOffset(b));
  for (const finding of fixes) {
    const ownEdits = [...(finding.fix ?? [])].sort((a, b) => a.range.start.offset - b.range.start.offset);
    if (ownEdits[0].range.start.offset <= reachedOffset) continue;
    edits.push(...ownEdits);
    reachedOffset = Math.max(...ownEdits.map((e) => e.range.end.offset));
  }
  return edits;
}

const firstOffset = (finding: Finding) => Math.min(...(finding.fix ?? []).map((e) => e.range.start.offset));

/**
 * Applies safe fixes until nothing changes (at most MAX_FIX_PASSES passes), re-parsing and re-linting
 * between passes so that each fix sees the file as the previous one left it.
 */
export function fixText(
  text: string,
  relint: (text: string) => { dockerfile: Dockerfile; findings: Finding[] },
): { text: string; passes: number; applied: number } {
  let applied = 0;
  for (let pass = 1; pass <= MAX_FIX_PASSES; pass++) {
    const { findings } = relint(text);
    const edits = nonOverlapping(findings);
    if (edits.length === 0) return { text, passes: pass - 1, applied };
    text = applyEdits(text, edits);
    applied += edits.length;
  }
  return { text, passes: MAX_FIX_PASSES, applied };
}
