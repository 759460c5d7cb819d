/** A place in the original text: 1-based line and column (UTF-16 units, as JS strings), 0-based offset. */
export interface Position {
  line: number;
  column: number;
  offset: number;
}

/** A half-open span of the original text. */
export interface Range {
  start: Position;
  end: Position;
}

/** A piece of the Dockerfile with its decoded value and where it stands. */
export interface Token {
  value: string;
  range: Range;
}

export type EscapeChar = "\\" | "`";

export interface Directive {
  name: "syntax" | "escape" | "check";
  value: string;
  range: Range;
  valueRange: Range;
}

export interface Heredoc {
  name: string;
  /** The body as written, line endings kept, not chomped. */
  content: string;
  fileDescriptor: number;
  expand: boolean;
  chomp: boolean;
  /** The `<<EOF` word in the instruction line. */
  range: Range;
  /** The body lines. */
  contentRange: Range;
  /** The terminator line. */
  terminatorRange: Range;
}

/** A `--name=value` flag as written; `value` is undefined for a bare `--name`. */
export interface Flag {
  name: string;
  value: string | undefined;
  /** The flag word with quotes and escapes removed, as BuildKit stores it (`--mount=type=cache`). */
  raw: string;
  range: Range;
  nameRange: Range;
  valueRange: Range | undefined;
}

export interface KeyValue {
  key: Token;
  value: Token;
  /** `=` for `KEY=value`, `""` for the legacy `KEY value` form. */
  separator: "=" | "";
  range: Range;
}

export interface ArgDefinition {
  name: Token;
  defaultValue: Token | undefined;
  range: Range;
}

export type MountType = "bind" | "cache" | "tmpfs" | "secret" | "ssh";

export interface MountOption {
  key: string;
  value: string | undefined;
  range: Range;
  valueRange: Range | undefined;
}

export interface Mount {
  type: MountType;
  from?: string;
  source?: string;
  target?: string;
  readonly?: boolean;
  id?: string;
  sharing?: "shared" | "private" | "locked";
  required?: boolean;
  size?: number;
  mode?: number;
  uid?: number;
  gid?: number;
  env?: string;
  options: MountOption[];
  range: Range;
}

/** One simple command inside a RUN's shell, e.g. `apt-get install -y curl`. */
export interface ShellCommand {
  name: Token | undefined;
  /** Every word after the name, flags included, unquoted where the quoting is static. */
  args: ShellWord[];
  /** `-y`, `-abc` split into `a b c`, `--x=y`, `--x` — as they were written. */
  flags: ShellFlag[];
  redirects: ShellRedirect[];
  /** The operator that joins this command to the next one: `&&`, `||`, `;`, `|`, `&`, or none at the end. */
  next: "&&" | "||" | ";" | "|" | "&" | undefined;
  /** Nesting: what the command sits inside, outermost first (`subshell`, `if`, `for`, `$()`, `sh -c`, …). */
  context: string[];
  /**
   * The commands this one runs behind, outermost first: in `sudo -E gosu app make`, the command is
   * `make` and its wrappers are `sudo -E` and `gosu app`. Commands in `sh -c '…'` carry the
   * wrappers of their `sh`.
   */
  wrappers: ShellWrapper[];
  /** `VAR=value` set for this command alone: `PIP_NO_CACHE_DIR=1 pip …`, `env A=b …`, `sudo A=b …`. */
  assignments: ShellAssignment[];
  /** From the command's name (past any wrapper) to its last word. */
  range: Range;
  /** The command's text as the shell sees it, from the same place. */
  text: string;
}

/** A command that runs another one: `sudo -u app`, `env -i`, `timeout 30`, `xargs -r`. */
export interface ShellWrapper {
  /** The wrapper's name as a command name (`sudo`, `gosu`), without a path. */
  name: string;
  /** Its words: the name, options, option values and operands. */
  words: ShellWord[];
  range: Range;
  /** The user the wrapped command runs as, when the wrapper names one (`sudo -u app`, `gosu app`). */
  user: string | undefined;
}

export interface ShellAssignment {
  name: string;
  /** The value with static quoting removed; a value with expansions keeps its text. */
  value: string;
  dynamic: boolean;
  range: Range;
}

export interface ShellWord {
  /** The word with static quoting removed; words with expansions keep their `$…` text. */
  value: string;
  /** The word exactly as written. */
  raw: string;
  range: Range;
  /** True when the word contains `$`, backticks or globs whose value is only known at run time. */
  dynamic: boolean;
}

export interface ShellFlag {
  name: string;
  value: string | undefined;
  word: ShellWord;
}

export interface ShellRedirect {
  operator: string;
  target: string;
  descriptor: number | undefined;
  range: Range;
}

export interface ShellScript {
  /** The shell text that was parsed (the logical line, or a heredoc body). */
  source: string;
  commands: ShellCommand[];
  /** Options turned on by `set -e`, `set -o pipefail`, … at the top level. */
  setOptions: string[];
  /** True when the shell parser found a syntax error: rules must not trust this model. */
  hasError: boolean;
  /** False for scripts run by another interpreter (`#!/usr/bin/env python3` heredocs) or a non-POSIX SHELL. */
  isPosix: boolean;
}

interface InstructionCommon {
  /** The keyword as written. */
  keywordToken: Token;
  /** The whole instruction, heredoc bodies included. */
  range: Range;
  /** The logical line after continuation joining, as BuildKit's `Original`. */
  original: string;
  flags: Flag[];
  /** The arguments after the flags, as BuildKit's AST has them. */
  args: Token[];
  /** True when the arguments were a JSON (exec form) array. */
  json: boolean;
  heredocs: Heredoc[];
  /** Comment lines directly above the instruction, `#` removed. */
  comments: string[];
  startLine: number;
  endLine: number;
  /** Index of the stage the instruction belongs to; -1 before the first FROM. */
  stageIndex: number;
}

export interface FromInstruction extends InstructionCommon {
  keyword: "FROM";
  image: Token | undefined;
  stageName: Token | undefined;
  asKeyword: Token | undefined;
  platform: Flag | undefined;
}

export interface RunInstruction extends InstructionCommon {
  keyword: "RUN";
  mounts: Mount[];
  network: "default" | "none" | "host" | undefined;
  security: "sandbox" | "insecure" | undefined;
  /** Shell form: the command text (logical) with its range. */
  command: Token | undefined;
  /** Exec form: the argv. */
  exec: Token[] | undefined;
  shell: ShellScript | undefined;
}

export interface CopyInstruction extends InstructionCommon {
  keyword: "COPY" | "ADD";
  sources: Token[];
  destination: Token | undefined;
  from: Flag | undefined;
  chown: Flag | undefined;
  chmod: Flag | undefined;
  link: boolean;
  parents: boolean;
  exclude: Flag[];
  checksum: Flag | undefined;
  keepGitDir: boolean | undefined;
  unpack: boolean | undefined;
}

export interface CommandInstruction extends InstructionCommon {
  keyword: "CMD" | "ENTRYPOINT";
  command: Token | undefined;
  exec: Token[] | undefined;
  shell: ShellScript | undefined;
}

export interface ShellFormInstruction extends InstructionCommon {
  keyword: "SHELL";
  exec: Token[];
}

export interface HealthcheckInstruction extends InstructionCommon {
  keyword: "HEALTHCHECK";
  type: Token | undefined;
  command: Token | undefined;
  exec: Token[] | undefined;
  interval: Flag | undefined;
  timeout: Flag | undefined;
  startPeriod: Flag | undefined;
  startInterval: Flag | undefined;
  retries: Flag | undefined;
}

export interface KeyValueInstruction extends InstructionCommon {
  keyword: "ENV" | "LABEL";
  pairs: KeyValue[];
  legacy: boolean;
}

export interface ArgInstruction extends InstructionCommon {
  keyword: "ARG";
  definitions: ArgDefinition[];
}

export interface ListInstruction extends InstructionCommon {
  keyword: "EXPOSE" | "VOLUME";
  values: Token[];
}

export interface SingleValueInstruction extends InstructionCommon {
  keyword: "WORKDIR" | "USER" | "MAINTAINER" | "STOPSIGNAL";
  value: Token | undefined;
}

export interface OnbuildInstruction extends InstructionCommon {
  keyword: "ONBUILD";
  trigger: Instruction | undefined;
}

export interface UnknownInstruction extends InstructionCommon {
  keyword: "UNKNOWN";
}

export type Instruction =
  | FromInstruction
  | RunInstruction
  | CopyInstruction
  | CommandInstruction
  | ShellFormInstruction
  | HealthcheckInstruction
  | KeyValueInstruction
  | ArgInstruction
  | ListInstruction
  | SingleValueInstruction
  | OnbuildInstruction
  | UnknownInstruction;

export type Keyword = Instruction["keyword"];

export interface Stage {
  index: number;
  /** Lower-cased name from `AS name`, if any. */
  name: string | undefined;
  from: FromInstruction;
  instructions: Instruction[];
  /** The base as written (`${BASE}:3.11`) and after global ARG expansion (`python:3.11`). */
  baseImage: string;
  baseImageExpanded: string;
  /** Index of the stage this one builds on (`FROM builder`), if any. */
  parentStage: number | undefined;
}

export interface Diagnostic {
  severity: "error" | "warning";
  /** A stable id: `parse-error`, `NoEmptyContinuation`, `unknown-flag`, … */
  code: string;
  message: string;
  range: Range;
}

export interface Dockerfile {
  file: string;
  text: string;
  escape: EscapeChar;
  directives: Directive[];
  instructions: Instruction[];
  stages: Stage[];
  /** ARG instructions before the first FROM. */
  globalArgs: ArgInstruction[];
  diagnostics: Diagnostic[];
  /** True when the file starts with a UTF-8 byte order mark. */
  bom: boolean;
  /** Offsets where each physical line starts, for position look-ups. */
  lineStarts: number[];
}
