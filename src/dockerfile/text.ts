import type { Position, Range } from "./model.js";

/** Go's `unicode.IsSpace`, which BuildKit uses to trim and split (JS `\s` differs on U+0085 and U+FEFF). */
export function isGoSpace(ch: string): boolean {
  switch (ch) {
    case " ":
    case "\t":
    case "\n":
    case "\v":
    case "\f":
    case "\r":
    case "\u0085":
    case "\u00a0":
    case "\u1680":
    case "\u2028":
    case "\u2029":
    case "\u202f":
    case "\u205f":
    case "\u3000":
      return true;
    default:
      return ch >= "\u2000" && ch <= "\u200a";
  }
}

/** BuildKit's `[\t\v\f\r ]`, the separator for keywords and whitespace-delimited arguments. */
export function isSplitSpace(ch: string): boolean {
  return ch === " " || ch === "\t" || ch === "\v" || ch === "\f" || ch === "\r";
}

export function trimGoSpace(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isGoSpace(text[start])) start++;
  while (end > start && isGoSpace(text[end - 1])) end--;
  return text.slice(start, end);
}

/** Offsets of physical line starts, for turning offsets into positions. */
export function computeLineStarts(text: string): number[] {
  const starts = [0];
  let at = text.indexOf("\n");
  while (at !== -1) {
    starts.push(at + 1);
    at = text.indexOf("\n", at + 1);
  }
  return starts;
}

export class SourceText {
  readonly lineStarts: number[];

  constructor(readonly text: string) {
    this.lineStarts = computeLineStarts(text);
  }

  position(offset: number): Position {
    const starts = this.lineStarts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - starts[low] + 1, offset };
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }

  /** The range of whole physical lines `first..last` (1-based), without the last line's terminator. */
  lineRange(first: number, last: number): Range {
    const start = this.lineStarts[first - 1] ?? this.text.length;
    const nextStart = this.lineStarts[last] ?? this.text.length + 1;
    let end = Math.min(nextStart - 1, this.text.length);
    while (end > start && (this.text[end - 1] === "\r" || this.text[end - 1] === "\n")) end--;
    return this.range(start, Math.max(start, end));
  }
}

/** One piece of a logical line copied from a physical line. */
export interface Segment {
  logical: number;
  physical: number;
  length: number;
}

/**
 * An instruction's logical line (continuations joined) with the map back to the original text,
 * so every token found in it gets its exact physical range.
 */
export class LogicalLine {
  text = "";
  readonly segments: Segment[] = [];

  constructor(readonly source: SourceText) {}

  append(physicalStart: number, piece: string): void {
    if (piece.length === 0) return;
    this.segments.push({ logical: this.text.length, physical: physicalStart, length: piece.length });
    this.text += piece;
  }

  /** Physical offset of the logical character at `index`. */
  offset(index: number): number {
    const segments = this.segments;
    if (segments.length === 0) return 0;
    let low = 0;
    let high = segments.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (segments[mid].logical <= index) low = mid;
      else high = mid - 1;
    }
    const segment = segments[low];
    return segment.physical + Math.min(index - segment.logical, segment.length);
  }

  /** Physical range of the logical span `[start, end)`. */
  range(start: number, end: number): Range {
    const physicalStart = this.offset(start);
    const physicalEnd = end > start ? this.offset(end - 1) + 1 : physicalStart;
    return this.source.range(physicalStart, physicalEnd);
  }
}

/** A new logical line holding `[start, end)` of `line`, with its own source map. */
export function sliceLogical(line: LogicalLine, start: number, end: number): LogicalLine {
  const slice = new LogicalLine(line.source);
  for (const segment of line.segments) {
    const from = Math.max(start, segment.logical);
    const to = Math.min(end, segment.logical + segment.length);
    if (from < to) slice.append(segment.physical + (from - segment.logical), line.text.slice(from, to));
  }
  return slice;
}
