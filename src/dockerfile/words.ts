import { isGoSpace, isSplitSpace } from "./text.js";

/** A word cut out of a logical line: `start`/`end` are logical indices of the word as written. */
export interface RawWord {
  text: string;
  start: number;
  end: number;
}

/** A flag word with quotes and escapes removed, and for each kept character its logical index. */
export interface CookedWord {
  text: string;
  indices: number[];
  start: number;
  end: number;
}

/** Splits on BuildKit's `[\t\v\f\r ]+` (quotes are not honoured), as for FROM, EXPOSE and COPY's list form. */
export function splitWhitespace(text: string, base: number): RawWord[] {
  const words: RawWord[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || isSplitSpace(text[i])) {
      words.push({ text: text.slice(start, i), start: base + start, end: base + i });
      while (i + 1 < text.length && isSplitSpace(text[i + 1])) i++;
      start = i + 1;
    }
  }
  return words;
}

/**
 * BuildKit's `parseWords`: splits on white space outside quotes, keeping quotes and escapes in the words
 * (they are removed later, by the expander). Used for ENV, LABEL and ARG.
 */
export function parseWords(text: string, base: number, escapeChar: string): RawWord[] {
  const words: RawWord[] = [];
  let phase: "spaces" | "word" | "quote" = "spaces";
  let quote = "";
  let blankOK = false;
  let word = "";
  let start = 0;
  const push = (end: number) => {
    if (blankOK || word.length > 0) words.push({ text: word, start: base + start, end: base + end });
  };
  for (let pos = 0; pos <= text.length; pos++) {
    const ch = text[pos];
    if (phase === "spaces") {
      if (pos === text.length) break;
      if (isGoSpace(ch)) continue;
      phase = "word";
      start = pos;
    }
    if (pos === text.length) {
      push(pos);
      break;
    }
    if (phase === "word") {
      if (isGoSpace(ch)) {
        phase = "spaces";
        push(pos);
        word = "";
        blankOK = false;
        continue;
      }
      if (ch === "'" || ch === '"') {
        quote = ch;
        blankOK = true;
        phase = "quote";
      }
      if (ch === escapeChar) {
        if (pos + 1 === text.length) continue;
        word += ch;
        pos++;
        word += text[pos];
        continue;
      }
      word += ch;
      continue;
    }
    // Inside quotes.
    if (ch === quote) phase = "word";
    if (ch === escapeChar && quote !== "'") {
      if (pos + 1 === text.length) {
        phase = "word";
        continue;
      }
      word += ch;
      pos++;
      word += text[pos];
      continue;
    }
    word += ch;
  }
  return words;
}

/**
 * BuildKit's `extractBuilderFlags`: the leading `--words`, quotes and escapes removed; a bare `--`
 * ends them. Returns the flags and where the remaining arguments start.
 */
export function extractFlags(text: string, escapeChar: string): { flags: CookedWord[]; rest: number } {
  const flags: CookedWord[] = [];
  let phase: "spaces" | "word" | "quote" = "spaces";
  let quote = "";
  let blankOK = false;
  let word = "";
  let indices: number[] = [];
  let start = 0;
  const push = (end: number) => {
    if (blankOK || word.length > 0) flags.push({ text: word, indices, start, end });
    word = "";
    indices = [];
    blankOK = false;
  };
  for (let pos = 0; pos <= text.length; pos++) {
    const ch = text[pos];
    if (phase === "spaces") {
      if (pos === text.length) break;
      if (isGoSpace(ch)) continue;
      if (ch !== "-" || text[pos + 1] !== "-") return { flags, rest: pos };
      phase = "word";
      start = pos;
    }
    if (pos === text.length) {
      if (word !== "--") push(pos);
      break;
    }
    if (phase === "word") {
      if (isGoSpace(ch)) {
        phase = "spaces";
        if (word === "--") return { flags, rest: pos };
        push(pos);
        continue;
      }
      if (ch === "'" || ch === '"') {
        quote = ch;
        blankOK = true;
        phase = "quote";
        continue;
      }
      if (ch === escapeChar) {
        if (pos + 1 === text.length) continue;
        pos++;
      }
      word += text[pos];
      indices.push(pos);
      continue;
    }
    if (ch === quote) {
      phase = "word";
      continue;
    }
    if (ch === escapeChar) {
      if (pos + 1 === text.length) {
        phase = "word";
        continue;
      }
      pos++;
    }
    word += text[pos];
    indices.push(pos);
  }
  return { flags, rest: text.length };
}
