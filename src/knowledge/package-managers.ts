import { type CommandLine, type CommandWord, commandName, hasFlag, isSubcommand, positionalArgs } from "./commands.js";

export const APT = ["apt-get", "apt"];

export function isAptInstall(command: CommandLine): boolean {
  return isSubcommand(command, APT, ["install"]);
}

/** `-y`, `--yes`, `--assume-yes`, or `-qq` (which implies yes). */
export function aptAssumesYes(command: CommandLine): boolean {
  if (hasFlag(command, "y", "yes", "assume-yes")) return true;
  return command.flags.filter((f) => f.name === "q").length >= 2;
}

export function isApkAdd(command: CommandLine): boolean {
  return isSubcommand(command, ["apk"], ["add"]);
}

const PIP = /^pip(\d+(\.\d+)?)?$/;
const PYTHON = /^python(\d+(\.\d+)?)?$/;

/** The `install` word of `pip install …` or `python -m pip install …`, or undefined. */
export function pipInstallWord<W extends CommandWord>(command: CommandLine<W>): W | undefined {
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
export function pipPackages<W extends CommandWord>(command: CommandLine<W>): W[] {
  const word = pipInstallWord(command);
  if (!word) return [];
  const index = command.args.indexOf(word);
  const rest = command.args.slice(index + 1);
  const out: W[] = [];
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

export function isNpmInstall(command: CommandLine): boolean {
  return isSubcommand(command, ["npm"], ["install", "i", "add", "ci", "isntall", "in"]);
}

export function isYarnInstall(command: CommandLine): boolean {
  if (commandName(command) !== "yarn") return false;
  const sub = positionalArgs(command)[0]?.value;
  return sub === undefined || sub === "install" || sub === "add";
}
