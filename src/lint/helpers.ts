import type {
  CopyInstruction,
  Dockerfile,
  Instruction,
  Range,
  RunInstruction,
  ShellCommand,
  Stage,
} from "../dockerfile/model.js";
import { isCommand, positionalArgs } from "../knowledge/commands.js";

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

/** Instructions of a stage that come before `instruction`. */
export function before(stage: Stage, instruction: Instruction): Instruction[] {
  const index = stage.instructions.indexOf(instruction);
  return index === -1 ? stage.instructions : stage.instructions.slice(0, index);
}

/** Per stage: where the first ENV setting each name starts, and which instructions are its own (not ONBUILD triggers). */
const stageEnvIndex = memo((stage: Stage) => {
  const firstEnv = new Map<string, number>();
  for (const instruction of stage.instructions) {
    if (instruction.keyword !== "ENV") continue;
    for (const pair of instruction.pairs) {
      if (!firstEnv.has(pair.key.value)) firstEnv.set(pair.key.value, instruction.range.start.offset);
    }
  }
  return { firstEnv, own: new Set<Instruction>(stage.instructions) };
});

/**
 * True when a stage sets an ENV before the RUN (e.g. PIP_NO_CACHE_DIR), directly or through its parent;
 * an ONBUILD RUN runs after the whole stage, so every ENV of its stage counts.
 */
export function stageHasEnv(stages: Stage[], stage: Stage, run: RunInstruction, name: string): boolean {
  for (
    let current: Stage | undefined = stage;
    current;
    current = current.parentStage === undefined ? undefined : stages[current.parentStage]
  ) {
    const { firstEnv, own } = stageEnvIndex(current);
    const first = firstEnv.get(name);
    if (first === undefined) continue;
    if (current !== stage || !own.has(run) || first < run.range.start.offset) return true;
  }
  return false;
}
