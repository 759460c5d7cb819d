import type { Instruction, RunInstruction, ShellCommand, ShellWord, Stage } from "../../dockerfile/model.js";
import { commandName, hasFlag, isSubcommand, memo, positionalArgs } from "../helpers.js";

export const APT = ["apt-get", "apt"];

export function isAptInstall(command: ShellCommand): boolean {
  return isSubcommand(command, APT, ["install"]);
}

/** `-y`, `--yes`, `--assume-yes`, or `-qq` (which implies yes). */
export function aptAssumesYes(command: ShellCommand): boolean {
  if (hasFlag(command, "y", "yes", "assume-yes")) return true;
  return command.flags.filter((f) => f.name === "q").length >= 2;
}

export function isApkAdd(command: ShellCommand): boolean {
  return isSubcommand(command, ["apk"], ["add"]);
}

const PIP = /^pip(\d+(\.\d+)?)?$/;
const PYTHON = /^python(\d+(\.\d+)?)?$/;

/** The `install` word of `pip install …` or `python -m pip install …`, or undefined. */
export function pipInstallWord(command: ShellCommand): ShellWord | undefined {
  const name = commandName(command);
  if (PIP.test(name)) {
    const first = positionalArgs(command)[0];
    return first?.value === "install" ? first : undefined;
  }
  if (PYTHON.test(name)) {
    const args = command.args.map((a) => a.value);
    const m = args.indexOf("-m");
    if (m !== -1 && PIP.test(args[m + 1] ?? "") && args[m + 2] === "install") return command.args[m + 2];
  }
  return undefined;
}

/** Packages named by `pip install`: what follows `install`, less flags and flag values. */
export function pipPackages(command: ShellCommand): ShellWord[] {
  const word = pipInstallWord(command);
  if (!word) return [];
  const index = command.args.indexOf(word);
  const rest = command.args.slice(index + 1);
  const out: ShellWord[] = [];
  for (let i = 0; i < rest.length; i++) {
    const value = rest[i].value;
    if (
      /^-(r|c|e|i|f|t)$|^--(requirement|constraint|editable|index-url|extra-index-url|find-links|target|prefix|root)$/.test(
        value,
      )
    ) {
      i++;
      continue;
    }
    if (value.startsWith("-")) continue;
    out.push(rest[i]);
  }
  return out;
}

export function isNpmInstall(command: ShellCommand): boolean {
  return isSubcommand(command, ["npm"], ["install", "i", "add", "ci", "isntall", "in"]);
}

export function isYarnInstall(command: ShellCommand): boolean {
  if (commandName(command) !== "yarn") return false;
  const sub = positionalArgs(command)[0]?.value;
  return sub === undefined || sub === "install" || sub === "add";
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
