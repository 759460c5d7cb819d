import type { CopyInstruction, Token } from "../dockerfile/model.js";

export const ARCHIVE = /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|tzst|tar\.lz|tar\.lzma|gz|bz2|xz)$/i;
export const URL = /^[a-z][a-z0-9+.-]*:\/\//i;

/** Sources of a COPY/ADD read from the build context (not `--from`, not URLs, not heredocs). */
export function contextSources(copy: CopyInstruction): Token[] {
  if (copy.from) return [];
  const heredocStarts = new Set(copy.heredocs.map((h) => h.range.start.offset));
  return copy.sources.filter(
    (s) => !URL.test(s.value) && !s.value.startsWith("<<") && !heredocStarts.has(s.range.start.offset),
  );
}
