/**
 * Commands that run another command: `sudo -E apt-get install …` runs apt-get. The shell model
 * reads past them, so every rule and the optimizer see the command that runs. A new wrapper is a
 * new row.
 */
export interface CommandWrapper {
  /** Options that take the next word as their value (`-u USER`, `--user USER`). */
  valueOptions: readonly string[];
  /** Words after the options that belong to the wrapper: timeout's duration, gosu's user. */
  operands?: number;
  /** Where the user the command runs as is named: an option, or the operand at this index. */
  user?: { options?: readonly string[]; operand?: number };
  /** `VAR=value` words before the command set its environment (env, sudo). */
  assignments?: boolean;
}

export const COMMAND_WRAPPERS: Readonly<Record<string, CommandWrapper>> = {
  sudo: {
    valueOptions: [
      ...["u", "user", "g", "group", "C", "close-from", "D", "chdir", "p", "prompt"],
      ...["r", "role", "t", "type", "T", "command-timeout", "U", "other-user", "host"],
    ],
    user: { options: ["u", "user"] },
    assignments: true,
  },
  doas: { valueOptions: ["u", "C"], user: { options: ["u"] } },
  env: { valueOptions: ["u", "unset", "C", "chdir", "S", "split-string"], assignments: true },
  nice: { valueOptions: ["n", "adjustment"] },
  nohup: { valueOptions: [] },
  time: { valueOptions: ["f", "format", "o", "output"] },
  timeout: { valueOptions: ["s", "signal", "k", "kill-after"], operands: 1 },
  stdbuf: { valueOptions: ["i", "input", "o", "output", "e", "error"] },
  gosu: { valueOptions: [], operands: 1, user: { operand: 0 } },
  "su-exec": { valueOptions: [], operands: 1, user: { operand: 0 } },
  chroot: { valueOptions: ["userspec", "groups"], operands: 1 },
  xargs: {
    valueOptions: [
      ...["a", "arg-file", "d", "delimiter", "E", "eof", "I", "L", "max-lines", "n", "max-args"],
      ...["P", "max-procs", "s", "max-chars", "process-slot-var"],
    ],
  },
  exec: { valueOptions: ["a"] },
  tini: { valueOptions: ["p", "e"] },
  "dumb-init": { valueOptions: ["r", "rewrite"] },
};

/**
 * Commands that take a whole script as the word after `-c` (`sh -c '…'`, `bash -ec '…'`,
 * `su app -c '…'`, `runuser -l app -c '…'`): the script is read as shell, in the context `NAME -c`.
 */
export const SCRIPT_RUNNERS: ReadonlySet<string> = new Set([
  ...["sh", "bash", "ash", "dash", "zsh", "ksh", "busybox"],
  ...["su", "runuser"],
]);
