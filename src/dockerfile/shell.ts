import { fileURLToPath } from "node:url";
import { Language, type Node, Parser } from "web-tree-sitter";
import type { RawInstruction } from "./instructions.js";
import type { Instruction, Range, ShellCommand, ShellFlag, ShellRedirect, ShellScript, ShellWord } from "./model.js";
import { LogicalLine } from "./text.js";

const GRAMMAR = fileURLToPath(new URL("../../vendor/tree-sitter-bash/tree-sitter-bash.wasm", import.meta.url));

let parser: Parser | undefined;
let loading: Promise<void> | undefined;

/**
 * Loads the bash grammar once. `parse()` builds the RUN shell model only after this resolved;
 * the CLI and the library entry point await it before parsing.
 */
export function loadShellParser(): Promise<void> {
  loading ??= (async () => {
    await Parser.init();
    const language = await Language.load(GRAMMAR);
    const instance = new Parser();
    instance.setLanguage(language);
    parser = instance;
  })();
  return loading;
}

export function isShellParserLoaded(): boolean {
  return parser !== undefined;
}

const POSIX_SHELLS = new Set(["sh", "bash", "ash", "dash", "zsh", "ksh", "busybox"]);

/** Long and short options that take the next word as their value, per command, for `--x y` forms. */
const VALUE_OPTIONS: Record<string, Set<string>> = {
  apk: new Set(["t", "virtual", "X", "repository", "p", "root", "arch", "repositories-file", "keys-dir", "cache-dir"]),
  "apt-get": new Set(["o", "option", "c", "config-file", "t", "target-release"]),
  apt: new Set(["o", "option", "c", "config-file", "t", "target-release"]),
  pip: new Set([
    "r",
    "requirement",
    "c",
    "constraint",
    "i",
    "index-url",
    "extra-index-url",
    "f",
    "find-links",
    "t",
    "target",
    "e",
    "editable",
    "w",
    "wheel-dir",
    "prefix",
    "root",
    "cache-dir",
  ]),
  pip3: new Set([
    "r",
    "requirement",
    "c",
    "constraint",
    "i",
    "index-url",
    "extra-index-url",
    "f",
    "find-links",
    "t",
    "target",
    "e",
    "editable",
    "w",
    "wheel-dir",
    "prefix",
    "root",
    "cache-dir",
  ]),
  npm: new Set(["prefix", "omit", "only", "registry", "cache", "w", "workspace", "include"]),
  yarn: new Set(["cwd", "cache-folder", "modules-folder", "registry"]),
  pnpm: new Set(["C", "dir", "filter", "F", "store-dir"]),
  useradd: new Set([
    "u",
    "uid",
    "g",
    "gid",
    "G",
    "groups",
    "s",
    "shell",
    "d",
    "home-dir",
    "c",
    "comment",
    "k",
    "skel",
    "K",
    "key",
    "b",
    "base-dir",
  ]),
  adduser: new Set(["u", "uid", "g", "G", "ingroup", "s", "shell", "h", "home", "gecos", "gid", "D"]),
  addgroup: new Set(["g", "gid"]),
  groupadd: new Set(["g", "gid", "K", "key"]),
  curl: new Set([
    "o",
    "output",
    "H",
    "header",
    "d",
    "data",
    "u",
    "user",
    "X",
    "request",
    "A",
    "user-agent",
    "retry",
    "m",
    "max-time",
    "connect-timeout",
    "e",
    "referer",
  ]),
  wget: new Set([
    "O",
    "output-document",
    "P",
    "directory-prefix",
    "q",
    "header",
    "U",
    "user-agent",
    "T",
    "timeout",
    "t",
    "tries",
  ]),
  go: new Set(["o", "ldflags", "gcflags", "tags", "mod", "p", "modfile", "C"]),
  cargo: new Set([
    "target",
    "p",
    "package",
    "bin",
    "features",
    "F",
    "j",
    "jobs",
    "manifest-path",
    "target-dir",
    "root",
    "path",
  ]),
  tar: new Set(["C", "directory", "f", "file", "strip-components", "exclude", "transform"]),
  chown: new Set(["reference"]),
  chmod: new Set(["reference"]),
  git: new Set(["C", "c", "b", "branch", "depth", "origin", "o"]),
  make: new Set(["C", "f", "j", "o", "W"]),
  gcc: new Set(["o", "I", "L", "l", "D", "x", "include"]),
  cc: new Set(["o", "I", "L", "l", "D", "x", "include"]),
  "g++": new Set(["o", "I", "L", "l", "D", "x", "include"]),
  mvn: new Set(["f", "file", "s", "settings", "pl", "projects", "P", "D"]),
  gradle: new Set(["p", "project-dir", "x", "exclude-task", "g", "gradle-user-home"]),
  sh: new Set(["c", "o"]),
  bash: new Set(["c", "o"]),
  set: new Set(["o"]),
};

/** The shell model of a RUN, CMD or ENTRYPOINT, or undefined for exec form or before the grammar is loaded. */
export function parseShellForInstruction(instruction: Instruction, raw: RawInstruction): ShellScript | undefined {
  if (!parser) return undefined;
  if (instruction.keyword !== "RUN" && instruction.keyword !== "CMD" && instruction.keyword !== "ENTRYPOINT")
    return undefined;
  if (raw.json || !instruction.command) return undefined;
  const line = sliceLogical(raw.logical, raw.argsStart, raw.argsStart + raw.argsText.length);
  if (raw.heredocs.length === 0) return parseScript(line);
  const [first] = raw.heredocs;
  const onlyHeredoc =
    raw.heredocs.length === 1 &&
    raw.argsText.trim() ===
      raw.logical.text.slice(
        logicalIndex(raw.logical, first.range.start.offset),
        logicalIndex(raw.logical, first.range.end.offset - 1) + 1,
      );
  if (onlyHeredoc) {
    // `RUN <<EOF`: the body is the script; a `#!` body runs under another interpreter.
    const body = new LogicalLine(raw.logical.source);
    body.append(first.contentRange.start.offset, chompIfNeeded(first.content, first.chomp));
    const script = parseScript(body);
    if (first.content.startsWith("#!") && !/^#!\s*\/(usr\/)?bin\/(env\s+)?(ba|da|a)?sh\b/.test(first.content)) {
      script.isPosix = false;
    }
    return script;
  }
  // `RUN cat <<EOF > f`: BuildKit hands the shell the line followed by the bodies and terminators.
  const whole = sliceLogical(raw.logical, raw.argsStart, raw.argsStart + raw.argsText.length);
  for (const heredoc of raw.heredocs) {
    whole.append(heredoc.contentRange.start.offset - 1, "\n");
    whole.append(heredoc.contentRange.start.offset, heredoc.content);
    whole.append(heredoc.terminatorRange.start.offset, heredoc.name);
  }
  const script = parseScript(whole);
  if (!script.hasError) return script;
  // The grammar misreads some heredoc lines (`cat <<'EOF'; echo`): read the line with the heredoc words blanked.
  const blanked = sliceLogical(raw.logical, raw.argsStart, raw.argsStart + raw.argsText.length);
  let text = blanked.text;
  for (const heredoc of raw.heredocs) {
    const start = logicalIndex(raw.logical, heredoc.range.start.offset) - raw.argsStart;
    const end = logicalIndex(raw.logical, heredoc.range.end.offset - 1) + 1 - raw.argsStart;
    if (start >= 0 && end <= text.length) text = text.slice(0, start) + " ".repeat(end - start) + text.slice(end);
  }
  blanked.text = text;
  return parseScript(blanked);
}

function chompIfNeeded(content: string, chomp: boolean): string {
  return chomp ? content.replace(/^\t+/gm, "") : content;
}

function logicalIndex(line: LogicalLine, physical: number): number {
  for (const segment of line.segments) {
    if (physical >= segment.physical && physical < segment.physical + segment.length) {
      return segment.logical + (physical - segment.physical);
    }
  }
  return line.text.length;
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

/** Parses shell text whose characters map back to the Dockerfile through `line`. */
export function parseScript(line: LogicalLine, context: string[] = []): ShellScript {
  const active = parser;
  if (!active) throw new Error("shell parser not loaded: await loadShellParser() first");
  const tree = active.parse(line.text);
  if (!tree) throw new Error("tree-sitter returned no tree");
  try {
    const walker = new Walker(line);
    walker.walk(tree.rootNode, context);
    const setOptions = walker.commands
      .filter((c) => c.context.length === context.length && c.name?.value === "set")
      .flatMap((c) => c.flags.map((f) => (f.name === "o" && f.value ? f.value : f.name)));
    return {
      source: line.text,
      commands: walker.commands,
      setOptions,
      hasError: tree.rootNode.hasError,
      isPosix: true,
    };
  } finally {
    tree.delete();
  }
}

const CONTEXT_NAMES: Record<string, string> = {
  subshell: "subshell",
  if_statement: "if",
  for_statement: "for",
  c_style_for_statement: "for",
  while_statement: "while",
  case_statement: "case",
  compound_statement: "{}",
  command_substitution: "$()",
  process_substitution: "<()",
  function_definition: "function",
};

const REDIRECT_TYPES = new Set([
  "file_redirect",
  "heredoc_redirect",
  "herestring_redirect",
  "heredoc_body",
  "heredoc_start",
  "heredoc_end",
]);
const OPERATORS = new Set(["&&", "||", ";", "|", "&", "|&", ";;"]);
const DYNAMIC_TYPES = new Set([
  "simple_expansion",
  "expansion",
  "command_substitution",
  "arithmetic_expansion",
  "process_substitution",
]);

class Walker {
  readonly commands: ShellCommand[] = [];

  constructor(private readonly line: LogicalLine) {}

  private range(node: Node): Range {
    return this.line.range(node.startIndex, node.endIndex);
  }

  walk(node: Node, context: string[]): void {
    if (node.type === "command") {
      this.command(node, context);
      return;
    }
    const inner = CONTEXT_NAMES[node.type] ? [...context, CONTEXT_NAMES[node.type]] : context;
    for (const child of node.namedChildren) if (child) this.walk(child, inner);
    if (node.type === "redirected_statement") this.attachRedirects(node);
  }

  private command(node: Node, context: string[]): void {
    const nameNode = node.childForFieldName("name");
    const argNodes = node.childrenForFieldName("argument").filter((n): n is Node => n !== null);
    const name = nameNode ? this.word(nameNode) : undefined;
    const args = argNodes.map((n) => this.word(n));
    const redirects: ShellRedirect[] = [];
    for (const child of node.namedChildren) {
      if (child && (child.type === "file_redirect" || child.type === "herestring_redirect"))
        redirects.push(this.redirect(child));
    }
    const command: ShellCommand = {
      name: name ? { value: name.value, range: name.range } : undefined,
      args,
      flags: parseFlags(name?.value ?? "", args),
      redirects,
      next: followingOperator(node),
      context,
      range: this.range(node),
      text: node.text,
    };
    this.commands.push(command);
    // Commands inside `$(…)` arguments, and the script of `sh -c '…'`.
    for (const argument of argNodes) {
      for (const child of argument.descendantsOfType(["command_substitution", "process_substitution"])) {
        if (child) this.walk(child, context);
      }
    }
    this.nestedShell(command, argNodes, context);
  }

  private nestedShell(command: ShellCommand, argNodes: Node[], context: string[]): void {
    const name = command.name?.value.replace(/^.*\//, "");
    if (!name || !POSIX_SHELLS.has(name)) return;
    const index = command.args.findIndex((a) => /^-[a-z]*c[a-z]*$/.test(a.value));
    const scriptNode = index === -1 ? undefined : argNodes[index + 1];
    if (!scriptNode || command.args[index + 1].dynamic) return;
    const nested = new LogicalLine(this.line.source);
    const quoted = scriptNode.type === "raw_string" || scriptNode.type === "string";
    const start = scriptNode.startIndex + (quoted ? 1 : 0);
    const end = scriptNode.endIndex - (quoted ? 1 : 0);
    const value = command.args[index + 1].value;
    if (this.line.text.slice(start, end) !== value) return;
    const slice = sliceLogical(this.line, start, end);
    for (const segment of slice.segments)
      nested.append(segment.physical, slice.text.slice(segment.logical, segment.logical + segment.length));
    const script = parseScript(nested, [...context, `${name} -c`]);
    this.commands.push(...script.commands);
  }

  private word(node: Node): ShellWord {
    const raw = node.text;
    const dynamic = hasDynamicPart(node);
    return { value: dynamic ? raw : staticValue(node), raw, range: this.range(node), dynamic };
  }

  private redirect(node: Node): ShellRedirect {
    const descriptor = node.childForFieldName("descriptor");
    const destination = node.childForFieldName("destination");
    let operator = "";
    for (const child of node.children) {
      if (child && !child.isNamed) operator += child.type;
    }
    return {
      operator,
      target: destination ? (hasDynamicPart(destination) ? destination.text : staticValue(destination)) : "",
      descriptor: descriptor ? Number(descriptor.text) : undefined,
      range: this.range(node),
    };
  }

  /** Redirects written after a list or pipeline belong to its last command. */
  private attachRedirects(node: Node): void {
    const body = node.childForFieldName("body");
    if (!body) return;
    const end = this.line.range(body.endIndex, body.endIndex).end.offset;
    const owner = [...this.commands].reverse().find((c) => c.range.end.offset <= end);
    if (!owner) return;
    for (const child of node.childrenForFieldName("redirect")) {
      if (child && child.type !== "heredoc_redirect") owner.redirects.push(this.redirect(child));
    }
  }
}

function hasDynamicPart(node: Node): boolean {
  if (DYNAMIC_TYPES.has(node.type)) return true;
  for (const child of node.namedChildren) if (child && hasDynamicPart(child)) return true;
  return false;
}

/** The value of a word whose quoting is static: quotes removed, backslash escapes resolved. */
function staticValue(node: Node): string {
  switch (node.type) {
    case "raw_string":
      return node.text.slice(1, -1);
    case "ansi_c_string":
      return node.text.slice(2, -1);
    case "string":
      return node.text.slice(1, -1).replace(/\\([$`"\\\n])/g, "$1");
    case "concatenation": {
      let value = "";
      for (const child of node.namedChildren) if (child) value += staticValue(child);
      return value;
    }
    case "command_name": {
      const inner = node.namedChildren[0];
      return inner ? staticValue(inner) : node.text;
    }
    default:
      return node.text.replace(/\\(.)/g, "$1");
  }
}

/** The operator between this command and the next one in the same list, pipeline or script. */
function followingOperator(node: Node): ShellCommand["next"] {
  for (let current: Node | null = node; current; current = current.parent) {
    const heredocOperator = operatorInsideHeredoc(current);
    if (heredocOperator) return heredocOperator;
    let sibling = current.nextSibling;
    while (sibling && (sibling.type === "comment" || REDIRECT_TYPES.has(sibling.type))) sibling = sibling.nextSibling;
    if (sibling && !sibling.isNamed && OPERATORS.has(sibling.type)) {
      return (sibling.type === "|&" ? "|" : sibling.type === ";;" ? ";" : sibling.type) as ShellCommand["next"];
    }
    // Statements on separate lines (heredoc scripts) follow each other like `;`.
    if (sibling?.isNamed) return ";";
    const parent = current.parent;
    if (!parent || parent.type === "program" || CONTEXT_NAMES[parent.type]) return undefined;
  }
  return undefined;
}

/** The grammar puts `cmd <<EOF && next` inside the heredoc redirect: find the operator there. */
function operatorInsideHeredoc(node: Node): ShellCommand["next"] {
  const parent = node.parent;
  if (parent?.type !== "redirected_statement" || parent.childForFieldName("body")?.id !== node.id) return undefined;
  for (const redirect of parent.namedChildren) {
    if (redirect?.type !== "heredoc_redirect") continue;
    for (const child of redirect.children) {
      if (child && !child.isNamed && OPERATORS.has(child.type)) return child.type as ShellCommand["next"];
    }
  }
  return undefined;
}

/** Splits `-abc`, `--x=y` and `--x y` (for options known to take a value) into flags. */
export function parseFlags(commandName: string, args: ShellWord[]): ShellFlag[] {
  const flags: ShellFlag[] = [];
  const base = commandName.replace(/^.*\//, "");
  const valued = VALUE_OPTIONS[base] ?? new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    const text = word.value;
    if (word.dynamic || !text.startsWith("-") || text === "-") continue;
    if (text === "--") break;
    if (text.startsWith("--")) {
      const equals = text.indexOf("=");
      const name = equals === -1 ? text.slice(2) : text.slice(2, equals);
      let value = equals === -1 ? undefined : text.slice(equals + 1);
      if (value === undefined && valued.has(name) && args[i + 1]) value = args[++i].value;
      flags.push({ name, value, word });
      continue;
    }
    const letters = text.slice(1);
    for (let j = 0; j < letters.length; j++) {
      const letter = letters[j];
      if (valued.has(letter)) {
        const attached = letters.slice(j + 1);
        const value = attached !== "" ? attached : args[i + 1] ? args[++i].value : undefined;
        flags.push({ name: letter, value, word });
        break;
      }
      flags.push({ name: letter, value: undefined, word });
    }
  }
  return flags;
}
