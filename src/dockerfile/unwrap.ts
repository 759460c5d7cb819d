import { COMMAND_WRAPPERS, type CommandWrapper } from "../knowledge/wrappers.js";
import type { ShellAssignment, ShellWord, ShellWrapper } from "./model.js";

/** What reading past a command's wrappers found: where the command that runs starts, and what wraps it. */
export interface Unwrapped {
  /** Index in the words of the name of the command that runs. */
  first: number;
  wrappers: ShellWrapper[];
  /** Assignments the wrappers make (`env A=b`, `sudo A=b`). */
  assignments: ShellAssignment[];
}

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/** Reads past `sudo -E`, `env A=b`, `timeout 10`, `gosu app`, … in a command's words (name first). */
export function unwrap(words: readonly ShellWord[]): Unwrapped {
  const result: Unwrapped = { first: 0, wrappers: [], assignments: [] };
  for (;;) {
    const word = words[result.first];
    const spec = word && !word.dynamic ? COMMAND_WRAPPERS[baseName(word.value)] : undefined;
    const read = spec && readWrapper(words, result.first, spec);
    if (!read) return result;
    result.wrappers.push(read.wrapper);
    result.assignments.push(...read.assignments);
    result.first = read.next;
  }
}

function baseName(name: string): string {
  return name.replace(/^.*\//, "");
}

interface WrapperRead {
  wrapper: ShellWrapper;
  assignments: ShellAssignment[];
  next: number;
}

/** One wrapper at `at`: its options, assignments and operands; undefined when it runs no command. */
function readWrapper(words: readonly ShellWord[], at: number, spec: CommandWrapper): WrapperRead | undefined {
  const assignments: ShellAssignment[] = [];
  let user: string | undefined;
  let i = at + 1;
  while (i < words.length) {
    const word = words[i];
    if (spec.assignments && ASSIGNMENT.test(word.value)) {
      assignments.push(assignmentOf(word));
      i++;
      continue;
    }
    if (word.value === "--") {
      i++;
      break;
    }
    if (!word.value.startsWith("-")) break;
    const option = readOption(word.value, spec.valueOptions);
    const value = option.valueInNext ? words[i + 1]?.value : option.value;
    if (spec.user?.options?.includes(option.name)) user = value;
    i += option.valueInNext ? 2 : 1;
  }
  const operands = spec.operands ?? 0;
  if (spec.user?.operand !== undefined) user = words[i + spec.user.operand]?.value;
  const next = i + operands;
  // A name only known at run time (`sudo $FLAGS cmd`, `exec "$@"`): what runs cannot be told.
  if (next >= words.length || words[next].dynamic) return undefined;
  const own = words.slice(at, next);
  return {
    wrapper: {
      name: baseName(words[at].value),
      words: own,
      range: { start: own[0].range.start, end: own[own.length - 1].range.end },
      user,
    },
    assignments,
    next,
  };
}

/**
 * The option a word holds, for the purpose of skipping it: the last letter of a cluster decides
 * whether the next word is its value (`-Eu app`), unless the value is attached (`-uapp`, `--user=app`).
 */
function readOption(text: string, valued: readonly string[]): { name: string; value?: string; valueInNext: boolean } {
  if (text === "-") return { name: "", valueInNext: false };
  if (text.startsWith("--")) {
    const equals = text.indexOf("=");
    if (equals !== -1) return { name: text.slice(2, equals), value: text.slice(equals + 1), valueInNext: false };
    const name = text.slice(2);
    return { name, valueInNext: valued.includes(name) };
  }
  for (let j = 1; j < text.length; j++) {
    if (!valued.includes(text[j])) continue;
    const attached = text.slice(j + 1);
    return { name: text[j], value: attached || undefined, valueInNext: attached === "" };
  }
  return { name: text.slice(1), valueInNext: false };
}

/** `NAME=value` as an assignment; the word's value is already unquoted where the quoting is static. */
export function assignmentOf(word: ShellWord): ShellAssignment {
  const equals = word.value.indexOf("=");
  return {
    name: word.value.slice(0, equals),
    value: word.value.slice(equals + 1),
    dynamic: word.dynamic,
    range: word.range,
  };
}

/** `NAME=value` as written (`A="b c"`): the value unquoted when its quoting is static. */
export function assignmentFromText(raw: string, range: ShellAssignment["range"]): ShellAssignment {
  const equals = raw.indexOf("=");
  const written = raw.slice(equals + 1);
  const dynamic = /[$`]/.test(written);
  return { name: raw.slice(0, equals), value: dynamic ? written : unquote(written), dynamic, range };
}

/** Removes static shell quoting: '…', "…" and backslash escapes. */
function unquote(text: string): string {
  let value = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'") {
      const close = text.indexOf("'", i + 1);
      value += text.slice(i + 1, close === -1 ? text.length : close);
      i = close === -1 ? text.length : close;
    } else if (ch === '"') {
      let j = i + 1;
      for (; j < text.length && text[j] !== '"'; j++) {
        if (text[j] === "\\" && /[$`"\\\n]/.test(text[j + 1] ?? "")) j++;
        value += text[j];
      }
      i = j;
    } else if (ch === "\\") {
      value += text[++i] ?? "";
    } else {
      value += ch;
    }
  }
  return value;
}
