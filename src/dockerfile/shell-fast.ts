import type { ShellCommand, ShellRedirect, ShellWord } from "./model.js";
import type { LogicalLine } from "./text.js";
import { assignmentOf, unwrap } from "./unwrap.js";

/**
 * A reader for the simple shell most RUN lines are: commands with words, quotes, `$VAR` expansions
 * and redirects, joined by `&&`, `||`, `;`, `|` or newlines. It gives exactly the model the
 * tree-sitter walk gives (a test compares the two over the corpus) at a fraction of the cost, and
 * returns undefined for anything else — subshells, `$(…)`, control flow, heredocs, comments — which
 * then goes to tree-sitter.
 */
export interface FastCommand {
  command: ShellCommand;
  /** Index in `words` of a word that is one quoted string, for `sh -c '…'`. */
  quotedWords: Set<number>;
  wordSpans: { start: number; end: number }[];
}

const KEYWORDS = new Set([
  "if",
  "then",
  "else",
  "elif",
  "fi",
  "for",
  "while",
  "until",
  "do",
  "done",
  "case",
  "esac",
  "function",
  "select",
  "time",
  "coproc",
  "!",
  "[",
  "[[",
  "{",
  "}",
  "declare",
  "local",
  "export",
  "readonly",
  "typeset",
  "unset",
  "test",
]);

const NAME_START = /[A-Za-z_]/;
const SPECIAL = /[0-9@*#?$!-]/;

/** Thrown to leave a script to tree-sitter; one shared instance, since a stack trace would cost more than the read. */
const BAIL = { bail: true };
class Bail {
  constructor() {
    // biome-ignore lint/correctness/noConstructorReturn: the shared instance is the point
    return BAIL;
  }
}

interface Token {
  kind: "word" | "op" | "redirect" | "newline";
  start: number;
  end: number;
  /** For words: the static value. For operators: the operator. */
  value: string;
  dynamic: boolean;
  /** The whole word is one quoted string. */
  quoted: boolean;
  descriptor?: number;
  operator?: string;
  target?: Token;
}

export function fastCommands(line: LogicalLine, context: string[]): FastCommand[] | undefined {
  try {
    return new Reader(line, context).read();
  } catch (error) {
    if (error === BAIL) return undefined;
    throw error;
  }
}

class Reader {
  private pos = 0;
  private readonly text: string;

  constructor(
    private readonly line: LogicalLine,
    private readonly context: string[],
  ) {
    this.text = line.text;
  }

  read(): FastCommand[] {
    const tokens = this.tokens();
    const commands: FastCommand[] = [];
    let current: Token[] = [];
    let endedByNewline = false;
    const flush = (next: ShellCommand["next"], byNewline: boolean) => {
      if (current.length > 0) {
        commands.push(this.command(current, next));
        endedByNewline = byNewline;
      } else if (next !== undefined && !byNewline) {
        throw new Bail();
      }
      current = [];
    };
    for (const token of tokens) {
      if (token.kind === "op") flush(token.value as ShellCommand["next"], false);
      else if (token.kind === "newline") flush(";", true);
      else current.push(token);
    }
    flush(undefined, false);
    // Lines follow each other like `;`, but a last line has nothing after it (an explicit `;` stays).
    const last = commands[commands.length - 1];
    if (last && endedByNewline && current.length === 0 && last.command.next === ";") last.command.next = undefined;
    return commands;
  }

  private command(tokens: Token[], next: ShellCommand["next"]): FastCommand {
    let index = 0;
    while (
      index < tokens.length &&
      tokens[index].kind === "word" &&
      isAssignment(this.text.slice(tokens[index].start, tokens[index].end))
    )
      index++;
    const words = tokens.slice(index).filter((t) => t.kind === "word");
    const redirects = tokens.filter((t) => t.kind === "redirect");
    if (words.length === 0) throw new Bail();
    // Words after a redirect, or assignments alone, read differently in the grammar: leave them to it.
    const firstRedirect = tokens.findIndex((t) => t.kind === "redirect");
    if (firstRedirect !== -1 && tokens.slice(firstRedirect).some((t) => t.kind === "word")) throw new Bail();
    if (index > 0 && tokens[0].kind !== "word") throw new Bail();
    const nameToken = words[0];
    const name = nameToken.value;
    if (KEYWORDS.has(name) || nameToken.dynamic || name.includes("=")) throw new Bail();
    const toWord = (t: Token): ShellWord => ({
      value: t.dynamic ? this.text.slice(t.start, t.end) : t.value,
      raw: this.text.slice(t.start, t.end),
      range: this.line.range(t.start, t.end),
      dynamic: t.dynamic,
    });
    const all = words.map(toWord);
    const { first, wrappers, assignments } = unwrap(all);
    const inner = words.slice(first);
    const start = first > 0 ? inner[0].start : tokens[0].start;
    const end = words[words.length - 1].end;
    const shellRedirects: ShellRedirect[] = redirects.map((r) => ({
      operator: r.operator ?? "",
      target: r.target ? (r.target.dynamic ? this.text.slice(r.target.start, r.target.end) : r.target.value) : "",
      descriptor: r.descriptor,
      range: this.line.range(r.start, r.end),
    }));
    const quotedWords = new Set<number>();
    inner.slice(1).forEach((w, i) => {
      if (w.quoted) quotedWords.add(i);
    });
    return {
      command: {
        name: { value: all[first].value, range: all[first].range },
        args: all.slice(first + 1),
        flags: [],
        redirects: shellRedirects,
        next,
        context: this.context,
        wrappers,
        assignments: [...tokens.slice(0, index).map((t) => assignmentOf(toWord(t))), ...assignments],
        range: this.line.range(start, end),
        text: this.text.slice(start, end),
      },
      quotedWords,
      wordSpans: inner.slice(1).map((w) => ({ start: w.start, end: w.end })),
    };
  }

  private tokens(): Token[] {
    const text = this.text;
    const tokens: Token[] = [];
    while (this.pos < text.length) {
      const ch = text[this.pos];
      if (ch === " " || ch === "\t") {
        this.pos++;
        continue;
      }
      if (ch === "\n") {
        tokens.push({
          kind: "newline",
          start: this.pos,
          end: this.pos + 1,
          value: "\n",
          dynamic: false,
          quoted: false,
        });
        this.pos++;
        continue;
      }
      const op = this.operator();
      if (op) {
        tokens.push(op);
        continue;
      }
      const redirect = this.redirect();
      if (redirect) {
        tokens.push(redirect);
        continue;
      }
      tokens.push(this.word());
    }
    return tokens;
  }

  private operator(): Token | undefined {
    const text = this.text;
    const two = text.slice(this.pos, this.pos + 2);
    const start = this.pos;
    if (two === "&&" || two === "||") {
      this.pos += 2;
      return { kind: "op", start, end: this.pos, value: two, dynamic: false, quoted: false };
    }
    if (two === ";;" || two === "|&") throw new Bail();
    const ch = text[this.pos];
    if (ch === ";" || ch === "|") {
      this.pos++;
      return { kind: "op", start, end: this.pos, value: ch, dynamic: false, quoted: false };
    }
    if (ch === "&" && text[this.pos + 1] !== ">") throw new Bail();
    return undefined;
  }

  private redirect(): Token | undefined {
    const text = this.text;
    const start = this.pos;
    const match = /^(\d*)(&>>|&>|>>|>&|<&|>\||>|<)/.exec(text.slice(this.pos, this.pos + 6));
    if (!match) return undefined;
    if (
      text.startsWith("<<", this.pos + match[1].length) ||
      text.startsWith("<(", this.pos) ||
      text.startsWith(">(", this.pos)
    )
      throw new Bail();
    this.pos += match[0].length;
    while (text[this.pos] === " " || text[this.pos] === "\t") this.pos++;
    if (this.pos >= text.length || /[\s;&|<>]/.test(text[this.pos])) throw new Bail();
    const target = this.word();
    // `>&1`, `2>&1`: the grammar reads the target as a number.
    return {
      kind: "redirect",
      start,
      end: target.end,
      value: "",
      dynamic: false,
      quoted: false,
      descriptor: match[1] === "" ? undefined : Number(match[1]),
      operator: match[2],
      target,
    };
  }

  private word(): Token {
    const text = this.text;
    const start = this.pos;
    let value = "";
    let dynamic = false;
    let parts = 0;
    let quotedPart = false;
    if (text[this.pos] === "#") throw new Bail();
    while (this.pos < text.length) {
      const ch = text[this.pos];
      if (/[\s;&|<>]/.test(ch)) break;
      parts++;
      if ("(){}[]`".includes(ch)) throw new Bail();
      if (ch === "\\") {
        const next = text[this.pos + 1];
        if (next === undefined || next === "\n") throw new Bail();
        value += next;
        this.pos += 2;
        continue;
      }
      if (ch === "'") {
        const close = text.indexOf("'", this.pos + 1);
        if (close === -1) throw new Bail();
        value += text.slice(this.pos + 1, close);
        quotedPart = parts === 1;
        this.pos = close + 1;
        continue;
      }
      if (ch === '"') {
        const { inner, end, hasDollar } = this.doubleQuoted();
        value += inner;
        if (hasDollar) dynamic = true;
        quotedPart = parts === 1;
        this.pos = end;
        continue;
      }
      if (ch === "$") {
        this.dollar();
        dynamic = true;
        continue;
      }
      if (ch === "~" && this.pos === start) throw new Bail();
      if ((ch === "*" || ch === "?") && parts === 1 && this.pos === start) throw new Bail();
      value += ch;
      this.pos++;
    }
    if (this.pos === start) throw new Bail();
    return { kind: "word", start, end: this.pos, value, dynamic, quoted: quotedPart && parts === 1 };
  }

  private doubleQuoted(): { inner: string; end: number; hasDollar: boolean } {
    const text = this.text;
    let i = this.pos + 1;
    let inner = "";
    let hasDollar = false;
    while (i < text.length) {
      const ch = text[i];
      if (ch === '"') return { inner, end: i + 1, hasDollar };
      if (ch === "`") throw new Bail();
      if (ch === "\\") {
        const next = text[i + 1];
        if (next === undefined) throw new Bail();
        inner += /[$`"\\\n]/.test(next) ? next : ch + next;
        i += 2;
        continue;
      }
      if (ch === "$") {
        const next = text[i + 1];
        if (next === "(" || next === undefined) throw new Bail();
        if (next === "{" || NAME_START.test(next) || SPECIAL.test(next)) hasDollar = true;
        else throw new Bail();
      }
      inner += ch;
      i++;
    }
    throw new Bail();
  }

  /** `$NAME`, `${NAME…}`, `$1`, `$@`: consumed as written; anything else is left to the grammar. */
  private dollar(): void {
    const text = this.text;
    const next = text[this.pos + 1];
    if (next === "{") {
      const close = text.indexOf("}", this.pos + 2);
      const body = close === -1 ? "" : text.slice(this.pos + 2, close);
      if (close === -1 || /[{}$`'"\s()]/.test(body) || !/^[A-Za-z_][A-Za-z0-9_]*/.test(body)) throw new Bail();
      this.pos = close + 1;
      return;
    }
    if (next !== undefined && NAME_START.test(next)) {
      this.pos += 2;
      while (this.pos < text.length && /[A-Za-z0-9_]/.test(text[this.pos])) this.pos++;
      return;
    }
    throw new Bail();
  }
}

function isAssignment(word: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*=/.test(word);
}
