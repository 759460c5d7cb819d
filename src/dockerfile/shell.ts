import { fileURLToPath } from "node:url";
import { Language, Parser, type Tree, type TreeCursor } from "web-tree-sitter";
import { SCRIPT_RUNNERS } from "../knowledge/wrappers.js";
import type { RawInstruction } from "./instructions.js";
import type {
  Instruction,
  Range,
  ShellAssignment,
  ShellCommand,
  ShellFlag,
  ShellRedirect,
  ShellScript,
  ShellWord,
} from "./model.js";
import { fastCommands } from "./shell-fast.js";
import { LogicalLine } from "./text.js";
import { assignmentFromText, unwrap } from "./unwrap.js";

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

/** Long and short options that take the next word as their value, per command, for `--x y` forms. */
const VALUE_OPTIONS: Record<string, Set<string>> = {
  apk: new Set(["t", "virtual", "X", "repository", "p", "root", "arch", "repositories-file", "keys-dir", "cache-dir"]),
  "apt-get": new Set(["o", "option", "c", "config-file", "t", "target-release"]),
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

/** A node of the bash syntax tree, copied out of the WASM tree in one cursor pass (each access to a
 * web-tree-sitter node crosses into WASM; the copy makes the walk plain JS). */
interface SyntaxNode {
  type: string;
  named: boolean;
  field: string | null;
  start: number;
  end: number;
  children: SyntaxNode[];
  parent: SyntaxNode | undefined;
}

/** Nodes whose insides the walker never reads (a string's are read only when it holds `$(` or a backtick). */
const OPAQUE = new Set([
  "word",
  "raw_string",
  "number",
  "comment",
  "heredoc_body",
  "heredoc_start",
  "heredoc_end",
  "simple_expansion",
  "expansion",
  "arithmetic_expansion",
  "ansi_c_string",
  "test_command",
  "variable_assignment",
]);

function isOpaque(node: SyntaxNode, text: string): boolean {
  if (OPAQUE.has(node.type)) return true;
  if (node.type !== "string") return false;
  const body = text.slice(node.start, node.end);
  return !body.includes("$(") && !body.includes("`");
}

function copyTree(tree: Tree, text: string): SyntaxNode {
  const cursor = tree.walk();
  try {
    const root: SyntaxNode = {
      type: cursor.nodeType,
      named: true,
      field: null,
      start: cursor.startIndex,
      end: cursor.endIndex,
      children: [],
      parent: undefined,
    };
    let current = root;
    for (;;) {
      if (!isOpaque(current, text) && cursor.gotoFirstChild()) {
        current = appendChild(current, cursor);
        continue;
      }
      for (;;) {
        if (cursor.gotoNextSibling()) {
          current = appendChild(current.parent as SyntaxNode, cursor);
          break;
        }
        if (!cursor.gotoParent()) return root;
        current = current.parent as SyntaxNode;
      }
    }
  } finally {
    cursor.delete();
  }
}

/** Only these parents' field names are read by the walker; skipping the rest saves WASM calls. */
const FIELD_PARENTS = new Set(["command", "file_redirect", "redirected_statement", "herestring_redirect"]);

function appendChild(parent: SyntaxNode, cursor: TreeCursor): SyntaxNode {
  const node: SyntaxNode = {
    type: cursor.nodeType,
    named: cursor.nodeIsNamed,
    field: FIELD_PARENTS.has(parent.type) ? cursor.currentFieldName : null,
    start: cursor.startIndex,
    end: cursor.endIndex,
    children: [],
    parent,
  };
  parent.children.push(node);
  return node;
}

/** Parses shell text whose characters map back to the Dockerfile through `line`. */
export function parseScript(line: LogicalLine, context: string[] = []): ShellScript {
  const fast = fastCommands(line, context);
  if (!fast) return parseScriptWithTreeSitter(line, context);
  const commands: ShellCommand[] = [];
  for (const { command, quotedWords, wordSpans } of fast) {
    command.flags = parseFlags(command.name?.value ?? "", command.args);
    commands.push(command);
    const script = nestedScript(line, command, (i) => ({ ...wordSpans[i], quoted: quotedWords.has(i) }), context);
    if (script) commands.push(...script.commands);
  }
  return finishScript(line, commands, context, false);
}

/** The tree-sitter reading of a script: every construct, error-tolerant. */
export function parseScriptWithTreeSitter(line: LogicalLine, context: string[] = []): ShellScript {
  const active = parser;
  if (!active) throw new Error("shell parser not loaded: await loadShellParser() first");
  const tree = active.parse(line.text);
  if (!tree) throw new Error("tree-sitter returned no tree");
  let root: SyntaxNode;
  let hasError: boolean;
  try {
    hasError = tree.rootNode.hasError;
    root = copyTree(tree, line.text);
  } finally {
    tree.delete();
  }
  const walker = new Walker(line);
  walker.walk(root, context);
  return finishScript(line, walker.commands, context, hasError);
}

function finishScript(line: LogicalLine, commands: ShellCommand[], context: string[], hasError: boolean): ShellScript {
  const setOptions = commands
    .filter((c) => c.context.length === context.length && c.name?.value === "set")
    .flatMap((c) => c.flags.map((f) => (f.name === "o" && f.value ? f.value : f.name)));
  return { source: line.text, commands, setOptions, hasError, isPosix: true };
}

/** The script of `sh -c '…'` or `su app -c '…'` (a static word after -c), parsed with ranges in the Dockerfile. */
function nestedScript(
  line: LogicalLine,
  command: ShellCommand,
  spanOf: (argIndex: number) => { start: number; end: number; quoted: boolean },
  context: string[],
): ShellScript | undefined {
  const name = command.name?.value.replace(/^.*\//, "");
  if (!name || !SCRIPT_RUNNERS.has(name)) return undefined;
  const index = command.args.findIndex((a) => /^-[a-z]*c[a-z]*$/.test(a.value) || a.value === "--command");
  if (index === -1 || !command.args[index + 1] || command.args[index + 1].dynamic) return undefined;
  const span = spanOf(index + 1);
  const start = span.start + (span.quoted ? 1 : 0);
  const end = span.end - (span.quoted ? 1 : 0);
  if (line.text.slice(start, end) !== command.args[index + 1].value) return undefined;
  const script = parseScript(sliceLogical(line, start, end), [...context, `${name} -c`]);
  // What runs the shell runs its script too: `sudo sh -c '…'` runs each command as root.
  if (command.wrappers.length > 0) {
    for (const inner of script.commands) inner.wrappers = [...command.wrappers, ...inner.wrappers];
  }
  return script;
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

const named = (node: SyntaxNode) => node.children.filter((c) => c.named);
const field = (node: SyntaxNode, name: string) => node.children.find((c) => c.field === name);

class Walker {
  readonly commands: ShellCommand[] = [];
  private readonly text: string;

  constructor(private readonly line: LogicalLine) {
    this.text = line.text;
  }

  private textOf(node: SyntaxNode): string {
    return this.text.slice(node.start, node.end);
  }

  private range(node: SyntaxNode): Range {
    return this.line.range(node.start, node.end);
  }

  walk(node: SyntaxNode, context: string[]): void {
    if (node.type === "command") {
      this.command(node, context);
      return;
    }
    const inner = CONTEXT_NAMES[node.type] ? [...context, CONTEXT_NAMES[node.type]] : context;
    for (const child of node.children) if (child.named) this.walk(child, inner);
    if (node.type === "redirected_statement") this.attachRedirects(node);
  }

  private command(node: SyntaxNode, context: string[]): void {
    const nameNode = field(node, "name");
    const argNodes = node.children.filter((c) => c.field === "argument");
    const wordNodes = nameNode ? [nameNode, ...argNodes] : argNodes;
    const words = wordNodes.map((n) => this.word(n));
    const { first, wrappers, assignments } = nameNode ? unwrap(words) : { first: -1, wrappers: [], assignments: [] };
    const name = nameNode ? words[first] : undefined;
    const args = words.slice(first + 1);
    const redirects: ShellRedirect[] = [];
    for (const child of node.children) {
      if (child.type === "file_redirect" || child.type === "herestring_redirect") redirects.push(this.redirect(child));
    }
    const start = first > 0 ? wordNodes[first].start : node.start;
    const command: ShellCommand = {
      name: name ? { value: name.value, range: name.range } : undefined,
      args,
      flags: parseFlags(name?.value ?? "", args),
      redirects,
      next: followingOperator(node),
      context,
      wrappers,
      assignments: [...this.prefixAssignments(node), ...assignments],
      range: this.line.range(start, node.end),
      text: this.text.slice(start, node.end),
    };
    this.commands.push(command);
    // Commands inside `$(…)` arguments, and the script of `sh -c '…'`.
    argNodes.forEach((argument, i) => {
      if (words[i + (nameNode ? 1 : 0)].dynamic) this.walkSubstitutions(argument, context);
    });
    this.nestedShell(command, wordNodes.slice(first + 1), context);
  }

  /** `A=1 B="2" cmd`: the assignments before the command's name. */
  private prefixAssignments(node: SyntaxNode): ShellAssignment[] {
    return node.children
      .filter((child) => child.type === "variable_assignment")
      .map((child) => assignmentFromText(this.textOf(child), this.range(child)));
  }

  private walkSubstitutions(node: SyntaxNode, context: string[]): void {
    if (node.type === "command_substitution" || node.type === "process_substitution") {
      this.walk(node, context);
      return;
    }
    for (const child of node.children) this.walkSubstitutions(child, context);
  }

  private nestedShell(command: ShellCommand, argNodes: SyntaxNode[], context: string[]): void {
    const script = nestedScript(
      this.line,
      command,
      (i) => ({
        start: argNodes[i].start,
        end: argNodes[i].end,
        quoted: argNodes[i].type === "raw_string" || argNodes[i].type === "string",
      }),
      context,
    );
    if (script) this.commands.push(...script.commands);
  }

  private word(node: SyntaxNode): ShellWord {
    const raw = this.textOf(node);
    const dynamic = hasDynamicPart(node, this.text);
    return { value: dynamic ? raw : this.staticValue(node), raw, range: this.range(node), dynamic };
  }

  /** The value of a word whose quoting is static: quotes removed, backslash escapes resolved. */
  private staticValue(node: SyntaxNode): string {
    const text = this.textOf(node);
    switch (node.type) {
      case "raw_string":
        return text.slice(1, -1);
      case "ansi_c_string":
        return text.slice(2, -1);
      case "string":
        return text.slice(1, -1).replace(/\\([$`"\\\n])/g, "$1");
      case "concatenation": {
        let value = "";
        for (const child of node.children) if (child.named) value += this.staticValue(child);
        return value;
      }
      case "command_name": {
        const inner = named(node)[0];
        return inner ? this.staticValue(inner) : text;
      }
      default:
        return text.includes("\\") ? text.replace(/\\(.)/g, "$1") : text;
    }
  }

  private redirect(node: SyntaxNode): ShellRedirect {
    const descriptor = field(node, "descriptor");
    const destination = field(node, "destination");
    let operator = "";
    for (const child of node.children) if (!child.named) operator += child.type;
    return {
      operator,
      target: destination
        ? hasDynamicPart(destination, this.text)
          ? this.textOf(destination)
          : this.staticValue(destination)
        : "",
      descriptor: descriptor ? Number(this.textOf(descriptor)) : undefined,
      range: this.range(node),
    };
  }

  /** Redirects written after a list or pipeline belong to its last command. */
  private attachRedirects(node: SyntaxNode): void {
    const body = field(node, "body");
    if (!body) return;
    const end = this.line.offset(Math.max(body.start, body.end - 1)) + 1;
    const owner = [...this.commands].reverse().find((c) => c.range.end.offset <= end);
    if (!owner) return;
    for (const child of node.children) {
      if (child.field === "redirect" && child.type !== "heredoc_redirect") owner.redirects.push(this.redirect(child));
    }
  }
}

function hasDynamicPart(node: SyntaxNode, text: string): boolean {
  if (DYNAMIC_TYPES.has(node.type)) return true;
  if (node.type === "string") return /[$`]/.test(text.slice(node.start, node.end));
  for (const child of node.children) if (child.named && hasDynamicPart(child, text)) return true;
  return false;
}

function nextSibling(node: SyntaxNode): SyntaxNode | undefined {
  const siblings = node.parent?.children;
  if (!siblings) return undefined;
  return siblings[siblings.indexOf(node) + 1];
}

/** The operator between this command and the next one in the same list, pipeline or script. */
function followingOperator(node: SyntaxNode): ShellCommand["next"] {
  for (let current: SyntaxNode | undefined = node; current; current = current.parent) {
    const heredocOperator = operatorInsideHeredoc(current);
    if (heredocOperator) return heredocOperator;
    let sibling = nextSibling(current);
    while (sibling && (sibling.type === "comment" || REDIRECT_TYPES.has(sibling.type))) sibling = nextSibling(sibling);
    if (sibling && !sibling.named && OPERATORS.has(sibling.type)) {
      return (sibling.type === "|&" ? "|" : sibling.type === ";;" ? ";" : sibling.type) as ShellCommand["next"];
    }
    // Statements on separate lines (heredoc scripts) follow each other like `;`.
    if (sibling?.named) return ";";
    const parent = current.parent;
    if (!parent || parent.type === "program" || CONTEXT_NAMES[parent.type]) return undefined;
  }
  return undefined;
}

/** The grammar puts `cmd <<EOF && next` inside the heredoc redirect: find the operator there. */
function operatorInsideHeredoc(node: SyntaxNode): ShellCommand["next"] {
  const parent = node.parent;
  if (parent?.type !== "redirected_statement" || field(parent, "body") !== node) return undefined;
  for (const redirect of parent.children) {
    if (redirect.type !== "heredoc_redirect") continue;
    for (const child of redirect.children) {
      if (!child.named && OPERATORS.has(child.type)) return child.type as ShellCommand["next"];
    }
  }
  return undefined;
}

/** Splits `-abc`, `--x=y` and `--x y` (for options known to take a value) into flags. */
export function parseFlags(commandName: string, args: ShellWord[]): ShellFlag[] {
  const flags: ShellFlag[] = [];
  // pip3, pip3.11 and apt take the options of pip and apt-get.
  const base = commandName
    .replace(/^.*\//, "")
    .replace(/^pip[\d.]*$/, "pip")
    .replace(/^apt$/, "apt-get");
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
