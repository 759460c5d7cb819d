import { ImagedietError } from "../errors.js";
import { isGoSpace } from "./text.js";

/** Looks a variable up; `undefined` means unset (which differs from set-but-empty for `${V-x}` and `${V?}`). */
export type Environment = (name: string) => string | undefined;

export interface LexOptions {
  escape?: string;
  /** Keep quote characters in the result (BuildKit's RawQuotes). */
  rawQuotes?: boolean;
  /** Keep escape characters in the result (BuildKit's RawEscapes). */
  rawEscapes?: boolean;
  /** Leave `$UNSET` as written instead of expanding it to "" (BuildKit's SkipUnsetEnv). */
  skipUnsetEnv?: boolean;
}

/** A word found by `processWords`, with where it stands in the input. */
export interface LexedWord {
  value: string;
  start: number;
  end: number;
  /** True when any quote character was used as quoting in the word. */
  quoted: boolean;
}

export class ExpandError extends ImagedietError {}

const SPECIAL_PARAMETERS = "@*#?-$!0";

export function envFromMap(map: ReadonlyMap<string, string> | Record<string, string>): Environment {
  if (map instanceof Map) return (name) => map.get(name);
  const record = map as Record<string, string>;
  return (name) => (Object.hasOwn(record, name) ? record[name] : undefined);
}

/** Expands one word the way BuildKit does for ENV, LABEL, COPY, WORKDIR, USER, … (`ProcessWord`). */
export function expandWord(input: string, env: Environment, options: LexOptions = {}): string {
  return new WordLexer(input, env, options).word();
}

/** Splits and expands the way BuildKit does for EXPOSE and heredoc detection (`ProcessWords`). */
export function expandWords(input: string, env: Environment, options: LexOptions = {}): LexedWord[] {
  return new WordLexer(input, env, options).words();
}

/** The names of the variables a word refers to, e.g. `${BASE:-x}:$TAG` → BASE, TAG. */
export function referencedVariables(input: string, options: LexOptions = {}): string[] {
  const names: string[] = [];
  const env: Environment = (name) => {
    names.push(name);
    return undefined;
  };
  try {
    new WordLexer(input, env, { ...options, skipUnsetEnv: false }).word();
  } catch {
    // A word that does not expand refers to what was found before the error.
  }
  return names;
}

class WordLexer {
  private pos = 0;
  private readonly escape: string;

  constructor(
    private readonly input: string,
    private readonly env: Environment,
    private readonly options: LexOptions,
  ) {
    this.escape = options.escape ?? "\\";
  }

  word(): string {
    const out = this.readUntil(undefined, false);
    return out.text;
  }

  words(): LexedWord[] {
    const result: LexedWord[] = [];
    let current = "";
    let started = false;
    let start = 0;
    let quoted = false;
    const finish = (end: number) => {
      if (started) result.push({ value: current, start, end, quoted });
      current = "";
      started = false;
      quoted = false;
    };
    const input = this.input;
    while (this.pos < input.length) {
      const ch = input[this.pos];
      if (isGoSpace(ch)) {
        finish(this.pos);
        this.pos++;
        continue;
      }
      if (!started) {
        started = true;
        start = this.pos;
      }
      if (ch === "<" && input[this.pos + 1] === "<" && input[this.pos + 2] !== "<") {
        // A heredoc operator keeps the blanks after it in the same word: `<<  EOF` is one word.
        let end = this.pos + 2;
        if (input[end] === "-") end++;
        while (end < input.length && (input[end] === " " || input[end] === "\t")) end++;
        current += input.slice(this.pos, end);
        this.pos = end;
        continue;
      }
      if (ch === "$") {
        const value = this.readDollar();
        if (value.literal) {
          current += value.text;
          continue;
        }
        // An unquoted expansion splits on white space.
        for (const piece of value.text) {
          if (isGoSpace(piece)) {
            finish(this.pos);
          } else {
            if (!started) {
              started = true;
              start = this.pos;
            }
            current += piece;
          }
        }
        continue;
      }
      const piece = this.readOne(false);
      if (piece.quoted) quoted = true;
      current += piece.text;
    }
    finish(this.pos);
    return result;
  }

  /** Reads a run of text up to `stop` (or the end), expanding as it goes. */
  private readUntil(stop: string | undefined, insideBraces: boolean): { text: string; stopped: boolean } {
    let text = "";
    const input = this.input;
    while (this.pos < input.length) {
      const ch = input[this.pos];
      if (stop !== undefined && ch === stop) return { text, stopped: true };
      if (ch === "$") {
        text += this.readDollar().text;
        continue;
      }
      text += this.readOne(insideBraces).text;
    }
    return { text, stopped: false };
  }

  /** Reads one character, a quoted string, or an escape pair. */
  private readOne(insideBraces: boolean): { text: string; quoted: boolean } {
    const input = this.input;
    const ch = input[this.pos];
    if (ch === this.escape) {
      this.pos++;
      if (this.pos >= input.length) return { text: this.options.rawEscapes ? ch : "", quoted: false };
      const next = this.readCodePoint();
      return { text: this.options.rawEscapes ? ch + next : next, quoted: false };
    }
    if (ch === "'" && !insideBraces) return { text: this.readSingleQuoted(), quoted: true };
    if (ch === '"' && !insideBraces) return { text: this.readDoubleQuoted(), quoted: true };
    return { text: this.readCodePoint(), quoted: false };
  }

  private readCodePoint(): string {
    const code = this.input.codePointAt(this.pos) ?? 0;
    const text = String.fromCodePoint(code);
    this.pos += text.length;
    return text;
  }

  private readSingleQuoted(): string {
    const input = this.input;
    const close = input.indexOf("'", this.pos + 1);
    if (close === -1) throw new ExpandError("unexpected end of statement while looking for matching single-quote");
    const body = input.slice(this.pos + 1, close);
    this.pos = close + 1;
    return this.options.rawQuotes ? `'${body}'` : body;
  }

  private readDoubleQuoted(): string {
    const input = this.input;
    this.pos++;
    let text = this.options.rawQuotes ? '"' : "";
    while (this.pos < input.length) {
      const ch = input[this.pos];
      if (ch === '"') {
        this.pos++;
        return this.options.rawQuotes ? `${text}"` : text;
      }
      if (ch === "$") {
        text += this.readDollar().text;
        continue;
      }
      if (ch === this.escape) {
        const next = input[this.pos + 1];
        if (next === undefined) break;
        if (next === '"' || next === "$" || next === this.escape) {
          text += this.options.rawEscapes ? ch + next : next;
          this.pos += 2;
          continue;
        }
      }
      text += this.readCodePoint();
    }
    throw new ExpandError("unexpected end of statement while looking for matching double-quote");
  }

  /** Reads `$NAME`, `${…}` or a literal `$`; `literal` tells a plain `$` from an expansion. */
  private readDollar(): { text: string; literal: boolean } {
    const input = this.input;
    const start = this.pos;
    this.pos++;
    const ch = input[this.pos];
    if (ch === "{") {
      this.pos++;
      return { text: this.readBraced(start), literal: false };
    }
    if (ch !== undefined && /[0-9]/.test(ch)) {
      while (this.pos < input.length && /[0-9]/.test(input[this.pos])) this.pos++;
      return {
        text: this.lookup(input.slice(start + 1, this.pos), input.slice(start, this.pos)) ?? "",
        literal: false,
      };
    }
    if (ch !== undefined && SPECIAL_PARAMETERS.includes(ch)) {
      this.pos++;
      return { text: this.lookup(ch, input.slice(start, this.pos)) ?? "", literal: false };
    }
    const name = this.readName();
    if (name === "") return { text: "$", literal: true };
    return { text: this.lookup(name, input.slice(start, this.pos)) ?? "", literal: false };
  }

  private readName(): string {
    const input = this.input;
    const start = this.pos;
    while (this.pos < input.length && /[\p{L}\p{N}_]/u.test(input[this.pos])) this.pos++;
    return input.slice(start, this.pos);
  }

  /** The value of a variable, or its original text under skipUnsetEnv; undefined when unset. */
  private lookup(name: string, original: string): string | undefined {
    const value = this.env(name);
    if (value === undefined && this.options.skipUnsetEnv) return original;
    return value;
  }

  private readBraced(start: number): string {
    const input = this.input;
    let name: string;
    const first = input[this.pos];
    if (first !== undefined && /[0-9]/.test(first)) {
      const begin = this.pos;
      while (this.pos < input.length && /[0-9]/.test(input[this.pos])) this.pos++;
      name = input.slice(begin, this.pos);
    } else if (first !== undefined && SPECIAL_PARAMETERS.includes(first)) {
      name = first;
      this.pos++;
    } else {
      name = this.readName();
    }
    if (name === "") throw new ExpandError("bad substitution");
    const op = input[this.pos];
    if (op === undefined) throw new ExpandError("missing '}'");
    if (op === "}") {
      this.pos++;
      return this.lookup(name, input.slice(start, this.pos)) ?? "";
    }
    const value = this.env(name);
    if (op === ":") {
      const kind = input[this.pos + 1];
      if (kind !== "-" && kind !== "+" && kind !== "?")
        throw new ExpandError(`unsupported modifier (${kind ?? ""}) in substitution`);
      this.pos += 2;
      const word = this.readBracedWord();
      return this.applyModifier(name, value, kind, word, true, start);
    }
    if (op === "-" || op === "+" || op === "?") {
      this.pos++;
      const word = this.readBracedWord();
      return this.applyModifier(name, value, op, word, false, start);
    }
    if (op === "#" || op === "%") {
      const longest = input[this.pos + 1] === op;
      this.pos += longest ? 2 : 1;
      const pattern = this.readBracedWord();
      return removeAffix(value ?? "", pattern, op === "#" ? "prefix" : "suffix", longest);
    }
    if (op === "/") {
      const all = input[this.pos + 1] === "/";
      this.pos += all ? 2 : 1;
      const pattern = this.readUntilRaw("/");
      let replacement = "";
      if (input[this.pos] === "/") {
        this.pos++;
        replacement = this.readBracedWord();
      } else {
        this.expectClose();
      }
      return replacePattern(value ?? "", pattern, replacement, all);
    }
    throw new ExpandError("bad substitution");
  }

  private applyModifier(
    name: string,
    value: string | undefined,
    kind: string,
    word: string,
    colon: boolean,
    start: number,
  ): string {
    const isSet = value !== undefined && (!colon || value !== "");
    if (kind === "-") return isSet ? (value as string) : word;
    if (kind === "+") return isSet ? word : "";
    if (isSet) return value as string;
    if (this.options.skipUnsetEnv && value === undefined) return this.input.slice(start, this.pos);
    throw new ExpandError(word === "" ? `${name}: is not allowed to be unset` : `${name}: ${word}`);
  }

  /** Reads the word of `${N:-word}` up to the closing brace, expanding nested `${…}`. */
  private readBracedWord(): string {
    const result = this.readUntil("}", true);
    if (!result.stopped) throw new ExpandError("missing '}'");
    this.pos++;
    return result.text;
  }

  private readUntilRaw(stop: string): string {
    const input = this.input;
    let text = "";
    while (this.pos < input.length && input[this.pos] !== stop && input[this.pos] !== "}") {
      if (input[this.pos] === this.escape && this.pos + 1 < input.length) {
        text += input.slice(this.pos, this.pos + 2);
        this.pos += 2;
        continue;
      }
      text += input[this.pos++];
    }
    if (this.pos >= input.length) throw new ExpandError("missing '}'");
    return text;
  }

  private expectClose(): void {
    if (this.input[this.pos] !== "}") throw new ExpandError("missing '}'");
    this.pos++;
  }
}

/** Turns a shell glob (`*`, `?`, `\` escapes; `[` literal as BuildKit has it) into a RegExp source. */
function globToRegExp(pattern: string, greedy: boolean): string {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "\\" && i + 1 < pattern.length) {
      source += escapeRegExp(pattern[++i]);
    } else if (ch === "*") {
      source += greedy ? "[\\s\\S]*" : "[\\s\\S]*?";
    } else if (ch === "?") {
      source += "[\\s\\S]";
    } else {
      source += escapeRegExp(ch);
    }
  }
  return source;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

function removeAffix(value: string, pattern: string, side: "prefix" | "suffix", longest: boolean): string {
  if (side === "prefix") {
    const match = new RegExp(`^${globToRegExp(pattern, longest)}`).exec(value);
    return match ? value.slice(match[0].length) : value;
  }
  // Shortest suffix: try the latest start first; longest: the earliest.
  const body = globToRegExp(pattern, true);
  const matcher = new RegExp(`^${body}$`);
  if (longest) {
    for (let i = 0; i <= value.length; i++) if (matcher.test(value.slice(i))) return value.slice(0, i);
  } else {
    for (let i = value.length; i >= 0; i--) if (matcher.test(value.slice(i))) return value.slice(0, i);
  }
  return value;
}

function replacePattern(value: string, pattern: string, replacement: string, all: boolean): string {
  if (pattern === "") return value;
  const matcher = new RegExp(globToRegExp(pattern, true), all ? "g" : "");
  return value.replace(matcher, () => replacement);
}
