import type { Range, ShellAssignment, ShellCommand, ShellRedirect, ShellScript, ShellWord } from "./model.js";
import { parseFlags } from "./shell-flags.js";
import type { SyntaxNode } from "./shell-grammar.js";
import type { LogicalLine } from "./text.js";
import { assignmentFromText, unwrap } from "./unwrap.js";

/** Nodes that nest commands, by the name the shell model gives the nesting. */
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

/** The script of `sh -c '…'` inside a command, given where each argument word sits in the line. */
export type NestedScriptReader = (
  command: ShellCommand,
  spanOf: (argIndex: number) => { start: number; end: number; quoted: boolean },
  context: string[],
) => ShellScript | undefined;

/** Walks a bash syntax tree into the commands of the shell model, with ranges in the Dockerfile. */
export class Walker {
  readonly commands: ShellCommand[] = [];
  private readonly text: string;

  constructor(
    private readonly line: LogicalLine,
    private readonly nestedScript: NestedScriptReader,
  ) {
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
    const script = this.nestedScript(
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
