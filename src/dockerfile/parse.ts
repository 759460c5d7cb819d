import { ImagedietError } from "../errors.js";
import { goQuote } from "./dump.js";
import { ExpandError, expandWords } from "./expand.js";
import { buildInstruction, type RawInstruction } from "./instructions.js";
import { scanJsonArray } from "./json.js";
import type {
  Diagnostic,
  Directive,
  Dockerfile,
  EscapeChar,
  Flag,
  Heredoc,
  Instruction,
  Range,
  Token,
} from "./model.js";
import { buildStages } from "./stages.js";
import { isGoSpace, isSplitSpace, LogicalLine, SourceText, trimGoSpace } from "./text.js";
import { type CookedWord, extractFlags, parseWords, splitWhitespace } from "./words.js";

export interface ParseOptions {
  /** The file name used in diagnostics. */
  file?: string;
}

/** The longest physical line BuildKit reads (its scanner's buffer). */
export const MAX_LINE_BYTES = 65535;

const DIRECTIVE = /^#[ \t]*([a-zA-Z][a-zA-Z0-9]*)[ \t]*=[ \t]*(.+?)[ \t]*$/;
const HEREDOC_WORD = /^(\d*)<<(-?)\s*([^<]*)$/;
const HEREDOC_KEYWORDS = new Set(["add", "copy", "run"]);

/**
 * Parses a Dockerfile exactly as BuildKit reads it, keeping the source range of every token.
 * Errors BuildKit would report are collected in `diagnostics` (severity "error"); use
 * `parseStrict` to have the first one thrown.
 */
export function parse(text: string, options: ParseOptions = {}): Dockerfile {
  return new Parser(text, options.file ?? "Dockerfile").run();
}

/** Like `parse`, but throws the first error as an `ImagedietError` naming file, line and column. */
export function parseStrict(text: string, options: ParseOptions = {}): Dockerfile {
  const dockerfile = parse(text, options);
  const error = dockerfile.diagnostics.find((d) => d.severity === "error");
  if (error) {
    throw new ImagedietError(error.message, {
      file: dockerfile.file,
      line: error.range.start.line,
      column: error.range.start.column,
    });
  }
  return dockerfile;
}

interface PhysicalLine {
  /** Offset of the first character. */
  start: number;
  /** The line without its terminator (all trailing \r and \n removed, as BuildKit's trimNewline). */
  content: string;
  /** The line as read, terminator included. */
  full: string;
  number: number;
}

class Parser {
  private readonly source: SourceText;
  private readonly diagnostics: Diagnostic[] = [];
  private readonly directives: Directive[] = [];
  private escape: EscapeChar = "\\";
  private directivesDone = false;
  private lineNumber = 0;
  private offset = 0;
  private readonly bom: boolean;

  constructor(
    private readonly text: string,
    private readonly file: string,
  ) {
    this.source = new SourceText(text);
    this.bom = text.startsWith("\ufeff");
    if (this.bom) this.offset = 1;
  }

  run(): Dockerfile {
    const instructions: Instruction[] = [];
    let comments: string[] = [];
    let fatal = false;
    this.detectShebangDirectives();
    for (let line = this.nextLine(); line && !fatal; line = this.nextLine()) {
      const leading = countLeadingSpace(line.content);
      const trimmed = line.content.slice(leading);
      if (this.tooLong(line)) {
        fatal = true;
        break;
      }
      if (trimmed.startsWith("#")) {
        if (this.readDirective(line, leading)) continue;
        const comment = trimGoSpace(trimmed.slice(1));
        comments = comment === "" ? [] : [...comments, comment];
        continue;
      }
      this.directivesDone = true;
      const logical = new LogicalLine(this.source);
      const first = this.cutContinuation(trimmed);
      logical.append(line.start + leading, first.text);
      if (!first.continues && first.text === "") continue;
      const startLine = line.number;
      let endLine = line.number;
      let continues = first.continues;
      let emptyContinuation = false;
      while (continues) {
        const next = this.nextLine();
        if (!next) break;
        if (this.tooLong(next)) {
          fatal = true;
          break;
        }
        endLine = next.number;
        const nextLeading = countLeadingSpace(next.content);
        if (next.content[nextLeading] === "#") continue;
        if (nextLeading === next.content.length) {
          emptyContinuation = true;
          continue;
        }
        const piece = this.cutContinuation(next.content);
        logical.append(next.start, piece.text);
        continues = piece.continues;
      }
      if (fatal) break;
      if (emptyContinuation) {
        this.diagnostics.push({
          severity: "warning",
          code: "NoEmptyContinuation",
          message: `Empty continuation line found in: ${logical.text}`,
          range: this.source.lineRange(endLine, endLine),
        });
      }
      const raw = this.readInstruction(logical, comments, startLine);
      comments = [];
      if (!raw) continue;
      const lastLine = this.readHeredocs(raw, logical);
      if (lastLine === undefined) {
        fatal = true;
        break;
      }
      raw.endLine = Math.max(endLine, lastLine);
      raw.range = {
        start: raw.keywordToken.range.start,
        end: this.source.lineRange(raw.endLine, raw.endLine).end,
      };
      instructions.push(buildInstruction(raw, this.diagnostics));
    }
    if (instructions.length === 0 && !fatal) {
      this.error("file with no instructions", this.source.range(0, 0));
    }
    const dockerfile: Dockerfile = {
      file: this.file,
      text: this.text,
      escape: this.escape,
      directives: this.directives,
      instructions,
      stages: [],
      globalArgs: [],
      diagnostics: this.diagnostics,
      bom: this.bom,
      lineStarts: this.source.lineStarts,
    };
    buildStages(dockerfile);
    return dockerfile;
  }

  private nextLine(): PhysicalLine | undefined {
    const text = this.text;
    if (this.offset >= text.length) return undefined;
    const start = this.offset;
    const newline = text.indexOf("\n", start);
    const end = newline === -1 ? text.length : newline + 1;
    this.offset = end;
    this.lineNumber++;
    const full = text.slice(start, end);
    let contentEnd = full.length;
    while (contentEnd > 0 && (full[contentEnd - 1] === "\n" || full[contentEnd - 1] === "\r")) contentEnd--;
    return { start, content: full.slice(0, contentEnd), full, number: this.lineNumber };
  }

  private tooLong(line: PhysicalLine): boolean {
    // Cheap pre-check on UTF-16 length before counting UTF-8 bytes.
    if (line.full.length * 3 <= MAX_LINE_BYTES) return false;
    if (Buffer.byteLength(line.full) <= MAX_LINE_BYTES + 1) return false;
    this.error(
      `dockerfile line greater than max allowed size of ${MAX_LINE_BYTES}`,
      this.source.range(line.start, line.start),
    );
    return true;
  }

  /** Handles a comment line while directives are still allowed; true when it was a directive. */
  private readDirective(line: PhysicalLine, leading: number): boolean {
    if (this.directivesDone) return false;
    const match = DIRECTIVE.exec(line.content.slice(leading));
    if (!match) {
      this.directivesDone = true;
      return false;
    }
    const name = match[1].toLowerCase();
    if (name !== "syntax" && name !== "escape" && name !== "check") {
      this.directivesDone = true;
      return false;
    }
    const value = match[2];
    const valueStart = line.start + leading + line.content.slice(leading).lastIndexOf(value, match[0].length);
    const range = this.source.range(line.start + leading, line.start + line.content.length);
    const valueRange = this.source.range(valueStart, valueStart + value.length);
    if (this.directives.some((d) => d.name === name)) {
      this.error(`only one ${name} parser directive can be used`, range);
      return true;
    }
    this.directives.push({ name, value, range, valueRange });
    if (name === "escape") {
      if (value !== "`" && value !== "\\") {
        this.error(`invalid escape token '${value}' does not match \` or \\`, valueRange);
      } else {
        this.escape = value;
      }
    }
    return true;
  }

  /** `syntax` and `check` are still found after a `#!` first line, which ends escape detection. */
  private detectShebangDirectives(): void {
    const body = this.bom ? this.text.slice(1) : this.text;
    if (!body.startsWith("#!")) return;
    let offset = (this.bom ? 1 : 0) + body.indexOf("\n") + 1;
    if (offset === 0) return;
    const seen = new Set<string>();
    while (offset < this.text.length) {
      const newline = this.text.indexOf("\n", offset);
      const end = newline === -1 ? this.text.length : newline;
      const content = this.text.slice(offset, end).replace(/[\r\n]+$/, "");
      const leading = countLeadingSpace(content);
      const match = DIRECTIVE.exec(content.slice(leading));
      const name = match?.[1].toLowerCase();
      if (!match || (name !== "syntax" && name !== "check") || seen.has(name)) return;
      seen.add(name);
      const valueStart = offset + leading + content.slice(leading).lastIndexOf(match[2], match[0].length);
      this.directives.push({
        name,
        value: match[2],
        range: this.source.range(offset + leading, offset + content.length),
        valueRange: this.source.range(valueStart, valueStart + match[2].length),
      });
      offset = end + 1;
    }
  }

  /** BuildKit's continuation rule: the escape character last on the line, not itself escaped. */
  private cutContinuation(line: string): { text: string; continues: boolean } {
    let end = line.length;
    while (end > 0 && (line[end - 1] === " " || line[end - 1] === "\t")) end--;
    if (end === 0 || line[end - 1] !== this.escape) return { text: line, continues: false };
    if (end === 1) return { text: "", continues: true };
    if (line[end - 2] === this.escape) return { text: line, continues: false };
    return { text: line.slice(0, end - 1), continues: true };
  }

  private readInstruction(logical: LogicalLine, comments: string[], startLine: number): RawInstruction | undefined {
    const text = logical.text;
    let begin = 0;
    let finish = text.length;
    while (begin < finish && isGoSpace(text[begin])) begin++;
    while (finish > begin && isGoSpace(text[finish - 1])) finish--;
    if (begin === finish) return undefined;
    let keywordEnd = begin;
    while (keywordEnd < finish && !isSplitSpace(text[keywordEnd])) keywordEnd++;
    const keyword = text.slice(begin, keywordEnd);
    const keywordToken: Token = { value: keyword, range: logical.range(begin, keywordEnd) };
    return this.readArguments(logical, keyword, keywordEnd, finish, {
      keywordToken,
      comments,
      startLine,
      original: text,
    });
  }

  /** Parses what follows a keyword: flags, then the per-instruction argument shape. */
  private readArguments(
    logical: LogicalLine,
    keyword: string,
    from: number,
    to: number,
    about: { keywordToken: Token; comments: string[]; startLine: number; original: string },
  ): RawInstruction {
    const text = logical.text;
    let restStart = from;
    while (restStart < to && isSplitSpace(text[restStart])) restStart++;
    const extracted = extractFlags(text.slice(restStart, to), this.escape);
    const flags = extracted.flags.map((word) => this.toFlag(logical, word, restStart));
    let argsStart = restStart + extracted.rest;
    while (argsStart < to && isGoSpace(text[argsStart])) argsStart++;
    const lower = keyword.toLowerCase();
    const result: RawInstruction = {
      keyword: lower,
      keywordToken: about.keywordToken,
      flags,
      args: [],
      json: false,
      heredocs: [],
      comments: about.comments,
      startLine: about.startLine,
      endLine: about.startLine,
      original: about.original,
      range: about.keywordToken.range,
      argsRange: logical.range(argsStart, to),
      argsText: text.slice(argsStart, to),
      argsStart,
      logical,
      trigger: undefined,
    };
    const rest = text.slice(argsStart, to);
    const token = (start: number, end: number, value = text.slice(start, end)): Token => ({
      value,
      range: logical.range(start, end),
    });
    switch (lower) {
      case "run":
      case "cmd":
      case "entrypoint":
      case "shell":
        if (rest === "") return result;
        if (!this.readJson(logical, rest, argsStart, result)) result.args = [token(argsStart, to)];
        return result;
      case "add":
      case "copy":
      case "volume":
        if (!this.readJson(logical, rest, argsStart, result)) {
          result.args = rest === "" ? [] : splitWhitespace(rest, argsStart).map((w) => token(w.start, w.end));
        }
        return result;
      case "from":
      case "expose":
        result.args = rest === "" ? [] : splitWhitespace(rest, argsStart).map((w) => token(w.start, w.end));
        return result;
      case "user":
      case "workdir":
      case "maintainer":
      case "stopsignal":
        result.args = rest === "" ? [] : [token(argsStart, to)];
        return result;
      case "env":
      case "label":
        return this.readNameValues(logical, lower, rest, argsStart, to, result);
      case "arg":
        result.args = parseWords(rest, argsStart, this.escape).map((w) => token(w.start, w.end, w.text));
        return result;
      case "healthcheck":
        return this.readHealthcheck(logical, rest, argsStart, to, result);
      case "onbuild": {
        if (rest === "") return result;
        const keywordEnd = scanTo(text, argsStart, to, isSplitSpace);
        result.trigger = this.readArguments(logical, text.slice(argsStart, keywordEnd), keywordEnd, to, {
          keywordToken: token(argsStart, keywordEnd),
          comments: [],
          startLine: about.startLine,
          original: text.slice(argsStart, to),
        });
        return result;
      }
      default:
        result.args = [{ value: "", range: logical.range(argsStart, argsStart) }];
        return result;
    }
  }

  private readJson(
    logical: LogicalLine,
    rest: string,
    base: number,
    result: { args: Token[]; json: boolean },
  ): boolean {
    const json = scanJsonArray(rest, isGoSpace);
    if (json.kind === "not-json") return false;
    if (json.kind === "not-strings") {
      this.error(
        "when using JSON array syntax, arrays must be comprised of strings only",
        logical.range(base, base + rest.length),
      );
      result.args = [];
      result.json = true;
      return true;
    }
    result.json = true;
    result.args = json.elements.map((e) => ({ value: e.value, range: logical.range(base + e.start, base + e.end) }));
    return true;
  }

  private readNameValues<T extends { args: Token[] }>(
    logical: LogicalLine,
    keyword: string,
    rest: string,
    base: number,
    to: number,
    result: T,
  ): T {
    const words = parseWords(rest, base, this.escape);
    if (words.length === 0) return result;
    const text = logical.text;
    const token = (start: number, end: number, value = text.slice(start, end)): Token => ({
      value,
      range: logical.range(start, end),
    });
    if (!words[0].text.includes("=")) {
      const keyEnd = scanTo(text, base, to, isSplitSpace);
      const valueStart = scanTo(text, keyEnd, to, (ch) => !isSplitSpace(ch));
      if (keyEnd >= to) {
        this.error(`${keyword.toUpperCase()} must have two arguments`, logical.range(base, to));
        return result;
      }
      result.args = [token(base, keyEnd), token(valueStart, to), token(to, to, "")];
      return result;
    }
    for (const word of words) {
      const equals = word.text.indexOf("=");
      if (equals === -1) {
        this.error(
          `Syntax error - can't find = in ${goQuote(word.text)}. Must be of the form: name=value`,
          logical.range(word.start, word.end),
        );
        return result;
      }
      const at = word.start + equals;
      result.args.push(token(word.start, at, word.text.slice(0, equals)));
      result.args.push(token(at + 1, word.end, word.text.slice(equals + 1)));
      result.args.push(token(at, at + 1, "="));
    }
    return result;
  }

  private readHealthcheck<T extends { args: Token[]; json: boolean }>(
    logical: LogicalLine,
    rest: string,
    base: number,
    to: number,
    result: T,
  ): T {
    if (rest === "") return result;
    const text = logical.text;
    const typeEnd = scanTo(text, base, to, isGoSpace);
    const commandStart = scanTo(text, typeEnd, to, (ch) => !isGoSpace(ch));
    const typeToken: Token = { value: text.slice(base, typeEnd), range: logical.range(base, typeEnd) };
    const command = text.slice(commandStart, to);
    const holder = { args: [] as Token[], json: false };
    if (command !== "" && !this.readJson(logical, command, commandStart, holder)) {
      holder.args = [{ value: command, range: logical.range(commandStart, to) }];
    }
    result.args = [typeToken, ...holder.args];
    result.json = holder.json;
    return result;
  }

  private toFlag(logical: LogicalLine, word: CookedWord, base: number): Flag {
    const range = logical.range(base + word.start, base + word.end);
    const body = word.text.slice(2);
    const equals = body.indexOf("=");
    const name = equals === -1 ? body : body.slice(0, equals);
    const value = equals === -1 ? undefined : body.slice(equals + 1);
    const at = (i: number) => base + (word.indices[i] ?? word.end - base - 1);
    const nameRange = logical.range(at(0), at(1 + name.length) + 1);
    let valueRange: Range | undefined;
    if (value !== undefined) {
      const first = 3 + name.length;
      valueRange =
        value === ""
          ? logical.range(at(first - 1) + 1, at(first - 1) + 1)
          : logical.range(at(first), at(first + value.length - 1) + 1);
    }
    return { name, value, raw: word.text, range, nameRange, valueRange };
  }

  /** Reads the bodies of the heredocs the instruction names; returns the last line read, or undefined on EOF. */
  private readHeredocs(raw: RawInstruction, logical: LogicalLine): number | undefined {
    const target = raw.keyword === "onbuild" ? raw.trigger : raw;
    if (!target || !HEREDOC_KEYWORDS.has(target.keyword) || target.json) return this.lineNumber;
    if (!logical.text.includes("<<")) return this.lineNumber;
    let words: ReturnType<typeof expandWords>;
    try {
      words = expandWords(logical.text, () => undefined, { rawQuotes: true, rawEscapes: true, skipUnsetEnv: true });
    } catch (error) {
      if (!(error instanceof ExpandError)) throw error;
      this.error(error.message, raw.keywordToken.range);
      return undefined;
    }
    for (const word of words) {
      const heredoc = this.heredocFromWord(word.value, logical, word.start, word.end);
      if (heredoc === null) return undefined;
      if (!heredoc) continue;
      if (!this.readHeredocBody(heredoc)) return undefined;
      target.heredocs.push(heredoc);
    }
    if (target !== raw) raw.heredocs.push(...target.heredocs);
    return this.lineNumber;
  }

  /** A heredoc from one lexed word; undefined when the word is not one, null on an error. */
  private heredocFromWord(word: string, logical: LogicalLine, start: number, end: number): Heredoc | undefined | null {
    const match = HEREDOC_WORD.exec(word);
    if (!match) return undefined;
    const rest = match[3];
    let quoted: ReturnType<typeof expandWords>;
    try {
      quoted = expandWords(rest, () => undefined, { skipUnsetEnv: true });
    } catch (error) {
      if (!(error instanceof ExpandError)) throw error;
      this.error(`invalid heredoc ${word}: ${error.message}`, logical.range(start, end));
      return null;
    }
    if (quoted.length !== 1) return undefined;
    const range = logical.range(start, end);
    return {
      name: quoted[0].value,
      content: "",
      fileDescriptor: match[1] === "" ? 0 : Number(match[1]),
      expand: !quoted[0].quoted,
      chomp: match[2] === "-",
      range,
      contentRange: range,
      terminatorRange: range,
    };
  }

  private readHeredocBody(heredoc: Heredoc): boolean {
    const bodyStart = this.offset;
    for (let line = this.nextLine(); line; line = this.nextLine()) {
      let candidate = line.content;
      if (heredoc.chomp) candidate = candidate.replace(/^\t+/, "");
      if (candidate === heredoc.name) {
        heredoc.contentRange = this.source.range(bodyStart, line.start);
        heredoc.terminatorRange = this.source.range(line.start, line.start + line.content.length);
        return true;
      }
      heredoc.content += line.full;
    }
    this.error("unterminated heredoc", heredoc.range);
    return false;
  }

  private error(message: string, range: Range): void {
    this.diagnostics.push({ severity: "error", code: "parse-error", message, range });
  }
}

function countLeadingSpace(text: string): number {
  let i = 0;
  while (i < text.length && isGoSpace(text[i])) i++;
  return i;
}

function scanTo(text: string, from: number, to: number, stop: (ch: string) => boolean): number {
  let i = from;
  while (i < to && !stop(text[i])) i++;
  return i;
}
