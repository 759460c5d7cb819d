/**
 * How a command line reads: its name, its flags and the words that are neither flags nor flag
 * values. Knowledge reads a command by this shape alone; the shell model's `ShellCommand`
 * (dockerfile/model.ts) has it, so the parser can read knowledge's tables without a cycle.
 */
export interface CommandWord {
  value: string;
  dynamic: boolean;
}

export interface CommandLine<W extends CommandWord = CommandWord> {
  name?: { value: string };
  args: W[];
  flags: { name: string; value?: string; word: W }[];
}

export function commandName(command: CommandLine): string {
  return (command.name?.value ?? "").replace(/^.*\//, "");
}

export function isCommand(command: CommandLine, ...names: string[]): boolean {
  return names.includes(commandName(command));
}

export function hasFlag(command: CommandLine, ...names: string[]): boolean {
  return command.flags.some((flag) => names.includes(flag.name));
}

export function flagValue(command: CommandLine, ...names: string[]): string | undefined {
  return command.flags.find((flag) => names.includes(flag.name))?.value;
}

/** Computed once per command: every rule asks. */
const positionalCache = new WeakMap<CommandLine, CommandWord[]>();

/** Arguments that are neither flags nor flag values. */
export function positionalArgs<W extends CommandWord>(command: CommandLine<W>): W[] {
  let words = positionalCache.get(command) as W[] | undefined;
  if (words === undefined) {
    words = computePositionalArgs(command);
    positionalCache.set(command, words);
  }
  return words;
}

function computePositionalArgs<W extends CommandWord>(command: CommandLine<W>): W[] {
  const flagWords = new Set(command.flags.map((flag) => flag.word));
  const valueWords = new Set<W>();
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
export function subcommand(command: CommandLine): string | undefined {
  return positionalArgs(command)[0]?.value;
}

/** The argument word for a subcommand (`install` in `apt-get -y install x`), for inserting flags after it. */
export function subcommandWord<W extends CommandWord>(command: CommandLine<W>): W | undefined {
  return positionalArgs(command)[0];
}

/** `apt-get install …`, `apk add …`, `pip install …`: the command with one of these subcommands. */
export function isSubcommand(command: CommandLine, names: string[], subcommands: string[]): boolean {
  if (!names.includes(commandName(command))) return false;
  const sub = subcommand(command);
  return sub !== undefined && subcommands.includes(sub);
}

/** The packages a package-manager command names: positional args after the subcommand. */
export function packageArgs<W extends CommandWord>(command: CommandLine<W>): W[] {
  return positionalArgs(command).slice(1);
}
