/**
 * The shell model of a script: simple commands with words, flags, redirects and nesting. Simple
 * scripts take the fast reader; everything else goes through tree-sitter-bash.
 */
import { SCRIPT_RUNNERS } from "../knowledge/wrappers.js";
import type { ShellCommand, ShellScript } from "./model.js";
import { fastCommands } from "./shell-fast.js";
import { parseFlags } from "./shell-flags.js";
import { readSyntaxTree } from "./shell-grammar.js";
import { Walker } from "./shell-tree.js";
import { type LogicalLine, sliceLogical } from "./text.js";

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
  const { root, hasError } = readSyntaxTree(line.text);
  const walker = new Walker(line, (command, spanOf, inner) => nestedScript(line, command, spanOf, inner));
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
