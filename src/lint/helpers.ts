import type {
  CopyInstruction,
  Dockerfile,
  Instruction,
  Range,
  RunInstruction,
  ShellCommand,
  ShellWord,
  Stage,
} from "../dockerfile/model.js";

/** Every instruction with ONBUILD triggers unwrapped, so RUN rules also read `ONBUILD RUN …`. */
export function* instructionsWithTriggers(instructions: readonly Instruction[]): Generator<Instruction> {
  for (const instruction of instructions) {
    yield instruction;
    if (instruction.keyword === "ONBUILD" && instruction.trigger) yield instruction.trigger;
  }
}

/** Per-file results every rule asks for, computed once per Dockerfile (or stage, or command). */
export function memo<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const cache = new WeakMap<K, V>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = compute(key);
      cache.set(key, value);
    }
    return value;
  };
}

export const allInstructions = memo((dockerfile: Dockerfile): Instruction[] => [
  ...instructionsWithTriggers(dockerfile.instructions),
]);

export const runs = memo((dockerfile: Dockerfile): RunInstruction[] =>
  allInstructions(dockerfile).filter((i): i is RunInstruction => i.keyword === "RUN"),
);

/** The shell commands of a RUN that rules can trust: POSIX shell, no syntax errors. */
export function commandsOf(run: RunInstruction): ShellCommand[] {
  const shell = run.shell;
  if (!shell || shell.hasError || !shell.isPosix) return [];
  return shell.commands;
}

/** Each RUN with its trusted commands. */
export const runCommands = memo((dockerfile: Dockerfile): [RunInstruction, ShellCommand[]][] =>
  runs(dockerfile)
    .map((run): [RunInstruction, ShellCommand[]] => [run, commandsOf(run)])
    .filter(([, commands]) => commands.length > 0),
);

export function commandName(command: ShellCommand): string {
  return (command.name?.value ?? "").replace(/^.*\//, "");
}

export function isCommand(command: ShellCommand, ...names: string[]): boolean {
  return names.includes(commandName(command));
}

export function hasFlag(command: ShellCommand, ...names: string[]): boolean {
  return command.flags.some((flag) => names.includes(flag.name));
}

export function flagValue(command: ShellCommand, ...names: string[]): string | undefined {
  return command.flags.find((flag) => names.includes(flag.name))?.value;
}

/** Arguments that are neither flags nor flag values. */
export const positionalArgs = memo((command: ShellCommand): ShellWord[] => computePositionalArgs(command));

function computePositionalArgs(command: ShellCommand): ShellWord[] {
  const flagWords = new Set(command.flags.map((flag) => flag.word));
  const valueWords = new Set<ShellWord>();
  const args = command.args;
  for (const flag of command.flags) {
    if (flag.value === undefined) continue;
    const index = args.indexOf(flag.word);
    // A value given as the next word (`--virtual .deps`, `-t x`) rather than attached (`--x=y`, `-tx`).
    const attached = flag.word.value.includes("=") || (!flag.word.value.startsWith("--") && flag.word.value.length > 2);
    if (!attached && args[index + 1]) valueWords.add(args[index + 1]);
  }
  let afterDoubleDash = false;
  return args.filter((word) => {
    if (word.value === "--" && !afterDoubleDash) {
      afterDoubleDash = true;
      return false;
    }
    if (afterDoubleDash) return true;
    return (
      !flagWords.has(word) &&
      !valueWords.has(word) &&
      !(word.value.startsWith("-") && !word.dynamic && word.value !== "-")
    );
  });
}

/** The first positional argument: `install` in `apt-get -y install x`. */
export function subcommand(command: ShellCommand): string | undefined {
  return positionalArgs(command)[0]?.value;
}

/** `apt-get install …`, `apk add …`, `pip install …`: the command with one of these subcommands. */
export function isSubcommand(command: ShellCommand, names: string[], subcommands: string[]): boolean {
  if (!names.includes(commandName(command))) return false;
  const sub = subcommand(command);
  return sub !== undefined && subcommands.includes(sub);
}

/** The packages a package-manager command names: positional args after the subcommand. */
export function packageArgs(command: ShellCommand): ShellWord[] {
  return positionalArgs(command).slice(1);
}

/** True when the RUN has a cache or tmpfs mount on `path` (or a folder containing it). */
export function hasCacheMount(run: RunInstruction, ...paths: string[]): boolean {
  return run.mounts.some((mount) => {
    if (mount.type !== "cache" && mount.type !== "tmpfs") return false;
    const target = (mount.target ?? "").replace(/\/+$/, "");
    return paths.some((path) => path === target || path.startsWith(`${target}/`));
  });
}

/** Whether a `rm` (or similar) in the same RUN deletes `path` (or a parent, or a glob covering it). */
export function removesPath(commands: ShellCommand[], path: string): boolean {
  return commands.some((command) => {
    if (!isCommand(command, "rm")) return false;
    return positionalArgs(command).some((word) => pathCovers(word.value, path));
  });
}

/** `/var/lib/apt/lists/*` covers `/var/lib/apt/lists`; `/root/.cache` covers `/root/.cache/pip`. */
export function pathCovers(pattern: string, path: string): boolean {
  const clean = pattern.replace(/\/\*+$/, "").replace(/\/+$/, "");
  const target = path.replace(/\/+$/, "");
  if (clean === target || target.startsWith(`${clean}/`)) return true;
  if (clean.includes("*")) {
    const source = `^${clean.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*")}(/.*)?$`;
    return new RegExp(source).test(target);
  }
  return false;
}

export function stageOf(dockerfile: Dockerfile, instruction: Instruction): Stage | undefined {
  return dockerfile.stages[instruction.stageIndex];
}

export function finalStage(dockerfile: Dockerfile): Stage | undefined {
  return dockerfile.stages[dockerfile.stages.length - 1];
}

/** Stages whose files reach the final image: the final stage and the stages it is built `FROM`. */
export const finalStageChain = memo((dockerfile: Dockerfile): Stage[] => computeFinalStageChain(dockerfile));

function computeFinalStageChain(dockerfile: Dockerfile): Stage[] {
  const chain: Stage[] = [];
  let stage = finalStage(dockerfile);
  while (stage) {
    chain.unshift(stage);
    stage = stage.parentStage === undefined ? undefined : dockerfile.stages[stage.parentStage];
  }
  return chain;
}

export const copies = memo((dockerfile: Dockerfile): CopyInstruction[] =>
  allInstructions(dockerfile).filter((i): i is CopyInstruction => i.keyword === "COPY" || i.keyword === "ADD"),
);

/** A zero-width range at the end of `range`, for inserting text after it. */
export function endOf(range: Range): Range {
  return { start: range.end, end: range.end };
}

/** The range of a whole physical line (with its newline), for deleting an instruction. */
export function lineSpan(dockerfile: Dockerfile, first: number, last: number): Range {
  const starts = dockerfile.lineStarts;
  const startOffset = starts[first - 1] ?? dockerfile.text.length;
  const endOffset = starts[last] ?? dockerfile.text.length;
  const at = (offset: number, line: number) => ({ line, column: offset - (starts[line - 1] ?? 0) + 1, offset });
  return { start: at(startOffset, first), end: at(endOffset, Math.min(last + 1, starts.length)) };
}

/** An edit inserting `text` right after `range`. */
export function insertAfter(range: Range, text: string): { range: Range; text: string } {
  return { range: endOf(range), text };
}

/** The argument word for a subcommand (`install` in `apt-get -y install x`), for inserting flags after it. */
export function subcommandWord(command: ShellCommand): ShellWord | undefined {
  return positionalArgs(command)[0];
}

/** Instructions of a stage that come before `instruction`. */
export function before(stage: Stage, instruction: Instruction): Instruction[] {
  const index = stage.instructions.indexOf(instruction);
  return index === -1 ? stage.instructions : stage.instructions.slice(0, index);
}
