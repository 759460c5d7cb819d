import type { Dockerfile, Range } from "./model.js";

/** A replacement of the text in `range` (offsets into the original) by `text`. */
export interface TextEdit {
  range: Pick<Range, "start" | "end">;
  text: string;
}

/**
 * The Dockerfile as text. The model keeps the original, so an unedited file prints back byte for
 * byte; changes are made with `applyEdits`, which leaves everything outside the edited ranges alone.
 */
export function print(dockerfile: Dockerfile): string {
  return dockerfile.text;
}

/** Applies non-overlapping edits; overlapping ones are rejected rather than guessed at. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort(
    (a, b) => a.range.start.offset - b.range.start.offset || a.range.end.offset - b.range.end.offset,
  );
  let out = "";
  let at = 0;
  for (const edit of sorted) {
    const start = edit.range.start.offset;
    const end = edit.range.end.offset;
    if (start < at) throw new Error(`overlapping edits at offset ${start}`);
    out += text.slice(at, start) + edit.text;
    at = end;
  }
  return out + text.slice(at);
}
