/** A string element of a JSON array with its span in the scanned text (the span includes the quotes). */
export interface JsonString {
  value: string;
  start: number;
  end: number;
}

export type JsonArrayResult =
  | { kind: "array"; elements: JsonString[]; start: number }
  | { kind: "not-json" }
  | { kind: "not-strings" };

/**
 * Reads `text` as BuildKit does for exec form: it must be, after leading white space, one JSON array.
 * Invalid JSON is `not-json` (BuildKit silently falls back to shell form); valid JSON with a non-string
 * element is `not-strings` (a hard error).
 */
export function scanJsonArray(text: string, isSpace: (ch: string) => boolean): JsonArrayResult {
  let start = 0;
  while (start < text.length && isSpace(text[start])) start++;
  if (text[start] !== "[") return { kind: "not-json" };
  const scanner = new JsonScanner(text, start);
  try {
    const elements = scanner.topArray();
    scanner.skipSpace();
    if (scanner.pos !== text.length) return { kind: "not-json" };
    if (elements === undefined) return { kind: "not-strings" };
    return { kind: "array", elements, start };
  } catch {
    return { kind: "not-json" };
  }
}

class SyntaxFailure extends Error {}

class JsonScanner {
  constructor(
    readonly text: string,
    public pos: number,
  ) {}

  skipSpace(): void {
    const text = this.text;
    while (this.pos < text.length) {
      const ch = text[this.pos];
      if (ch !== " " && ch !== "\t" && ch !== "\n" && ch !== "\r") break;
      this.pos++;
    }
  }

  /** The top-level array's string elements, or undefined when one element is not a string. */
  topArray(): JsonString[] | undefined {
    this.pos++;
    const elements: JsonString[] = [];
    let allStrings = true;
    this.skipSpace();
    if (this.text[this.pos] === "]") {
      this.pos++;
      return elements;
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] === '"') {
        const start = this.pos;
        const value = this.string();
        elements.push({ value, start, end: this.pos });
      } else {
        this.value();
        allStrings = false;
      }
      this.skipSpace();
      const ch = this.text[this.pos++];
      if (ch === "]") return allStrings ? elements : undefined;
      if (ch !== ",") throw new SyntaxFailure();
    }
  }

  private value(): void {
    this.skipSpace();
    const ch = this.text[this.pos];
    if (ch === '"') this.string();
    else if (ch === "[") this.array();
    else if (ch === "{") this.object();
    else if (ch === "t") this.literal("true");
    else if (ch === "f") this.literal("false");
    else if (ch === "n") this.literal("null");
    else this.number();
  }

  private array(): void {
    this.pos++;
    this.skipSpace();
    if (this.text[this.pos] === "]") {
      this.pos++;
      return;
    }
    for (;;) {
      this.value();
      this.skipSpace();
      const ch = this.text[this.pos++];
      if (ch === "]") return;
      if (ch !== ",") throw new SyntaxFailure();
    }
  }

  private object(): void {
    this.pos++;
    this.skipSpace();
    if (this.text[this.pos] === "}") {
      this.pos++;
      return;
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] !== '"') throw new SyntaxFailure();
      this.string();
      this.skipSpace();
      if (this.text[this.pos++] !== ":") throw new SyntaxFailure();
      this.value();
      this.skipSpace();
      const ch = this.text[this.pos++];
      if (ch === "}") return;
      if (ch !== ",") throw new SyntaxFailure();
    }
  }

  private literal(word: string): void {
    if (!this.text.startsWith(word, this.pos)) throw new SyntaxFailure();
    this.pos += word.length;
  }

  private number(): void {
    const match = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(this.text.slice(this.pos, this.pos + 400));
    if (!match || match[0] === "" || match[0] === "-") throw new SyntaxFailure();
    this.pos += match[0].length;
  }

  /** Decodes a string as Go's encoding/json does (lone surrogates become U+FFFD). */
  private string(): string {
    const text = this.text;
    this.pos++;
    let value = "";
    for (;;) {
      if (this.pos >= text.length) throw new SyntaxFailure();
      const ch = text[this.pos++];
      if (ch === '"') return value;
      if (ch < " ") throw new SyntaxFailure();
      if (ch !== "\\") {
        value += ch;
        continue;
      }
      const escaped = text[this.pos++];
      switch (escaped) {
        case '"':
        case "\\":
        case "/":
          value += escaped;
          break;
        case "b":
          value += "\b";
          break;
        case "f":
          value += "\f";
          break;
        case "n":
          value += "\n";
          break;
        case "r":
          value += "\r";
          break;
        case "t":
          value += "\t";
          break;
        case "u":
          value += this.unicodeEscape();
          break;
        default:
          throw new SyntaxFailure();
      }
    }
  }

  private unicodeEscape(): string {
    const code = this.hex4();
    if (code >= 0xd800 && code < 0xdc00) {
      if (this.text.startsWith("\\u", this.pos)) {
        const save = this.pos;
        this.pos += 2;
        const low = this.hex4();
        if (low >= 0xdc00 && low < 0xe000) return String.fromCharCode(code, low);
        this.pos = save;
      }
      return "\ufffd";
    }
    if (code >= 0xdc00 && code < 0xe000) return "\ufffd";
    return String.fromCharCode(code);
  }

  private hex4(): number {
    const digits = this.text.slice(this.pos, this.pos + 4);
    if (!/^[0-9a-fA-F]{4}$/.test(digits)) throw new SyntaxFailure();
    this.pos += 4;
    return Number.parseInt(digits, 16);
  }
}
