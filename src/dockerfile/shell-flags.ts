import { optionsTakingValues } from "../knowledge/command-options.js";
import type { ShellFlag, ShellWord } from "./model.js";

/** Splits `-abc`, `--x=y` and `--x y` (for options known to take a value) into flags. */
export function parseFlags(commandName: string, args: ShellWord[]): ShellFlag[] {
  const flags: ShellFlag[] = [];
  const valued = optionsTakingValues(commandName);
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
