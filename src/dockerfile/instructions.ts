import { boolFlag, checkFlags, parseMount, suggest } from "./flags.js";
import type {
  ArgDefinition,
  Diagnostic,
  Flag,
  Heredoc,
  Instruction,
  KeyValue,
  Range,
  ShellScript,
  Token,
} from "./model.js";
import { parseShellForInstruction } from "./shell-instruction.js";
import type { LogicalLine } from "./text.js";

/** What the line parser hands over: BuildKit's AST node plus ranges. */
export interface RawInstruction {
  /** Lower-cased keyword. */
  keyword: string;
  keywordToken: Token;
  flags: Flag[];
  args: Token[];
  json: boolean;
  heredocs: Heredoc[];
  comments: string[];
  startLine: number;
  endLine: number;
  original: string;
  range: Range;
  argsRange: Range;
  argsText: string;
  argsStart: number;
  logical: LogicalLine;
  trigger: RawInstruction | undefined;
}

export const KEYWORDS = [
  "ADD",
  "ARG",
  "CMD",
  "COPY",
  "ENTRYPOINT",
  "ENV",
  "EXPOSE",
  "FROM",
  "HEALTHCHECK",
  "LABEL",
  "MAINTAINER",
  "ONBUILD",
  "RUN",
  "SHELL",
  "STOPSIGNAL",
  "USER",
  "VOLUME",
  "WORKDIR",
] as const;

const STAGE_NAME = /^[a-z][a-z0-9-_.]*$/;
const FLAGS_NOT_CHECKED = new Set(["arg", "stopsignal"]);

type Report = (message: string, range: Range) => void;
type Builder = (raw: RawInstruction, common: Common, report: Report, diagnostics: Diagnostic[]) => Instruction;
type Common = Omit<Instruction, "keyword"> & Record<string, unknown>;

/** Turns a raw instruction into its typed form, reporting what BuildKit's instruction layer rejects. */
export function buildInstruction(raw: RawInstruction, diagnostics: Diagnostic[]): Instruction {
  const report: Report = (message, range) =>
    diagnostics.push({ severity: "error", code: "invalid-instruction", message, range });
  const common: Common = {
    keywordToken: raw.keywordToken,
    range: raw.range,
    original: raw.original,
    flags: raw.flags,
    args: raw.args,
    json: raw.json,
    heredocs: raw.heredocs,
    comments: raw.comments,
    startLine: raw.startLine,
    endLine: raw.endLine,
    stageIndex: -1,
  };
  const builder = BUILDERS[raw.keyword];
  if (!builder) {
    const hint = suggest(raw.keywordToken.value.toUpperCase(), KEYWORDS);
    report(
      `unknown instruction: ${raw.keywordToken.value}${hint ? ` (did you mean ${hint.toLowerCase()}?)` : ""}`,
      raw.keywordToken.range,
    );
    return typed(common, { keyword: "UNKNOWN" });
  }
  const checksFlags = !FLAGS_NOT_CHECKED.has(raw.keyword) && !isHealthcheckNone(raw);
  if (checksFlags) checkFlags(raw.keyword, raw.flags, diagnostics);
  return builder(raw, common, report, diagnostics);
}

function isHealthcheckNone(raw: RawInstruction): boolean {
  return raw.keyword === "healthcheck" && raw.args[0]?.value.toUpperCase() === "NONE";
}

/** Adds the typed fields to the common ones in place (cheaper than spreading a large object). */
function typed(common: Common, fields: Record<string, unknown>): Instruction {
  return Object.assign(common, fields) as unknown as Instruction;
}

const flag = (raw: RawInstruction, name: string) => raw.flags.find((f) => f.name === name);

function requireCount(raw: RawInstruction, report: Report, name: string, exact?: number): void {
  const count = raw.args.length;
  if (exact !== undefined && count !== exact) {
    report(
      exact === 1 ? `${name} requires exactly one argument` : `${name} requires exactly ${exact} arguments`,
      raw.argsRange,
    );
  } else if (exact === undefined && count === 0) {
    report(`${name} requires at least one argument`, raw.keywordToken.range);
  }
}

function commandParts(raw: RawInstruction) {
  if (raw.json) return { command: undefined, exec: raw.args };
  return { command: raw.args[0], exec: undefined };
}

const BUILDERS: Record<string, Builder> = {
  from(raw, common, report) {
    const args = raw.args;
    if (args.length !== 1 && args.length !== 3) {
      report("FROM requires either one or three arguments", raw.argsRange);
    } else if (args.length === 3 && args[1].value.toLowerCase() !== "as") {
      report(
        `when using FROM with 3 arguments, the second argument must be "AS" (not "${args[1].value}")`,
        args[1].range,
      );
    }
    const stageName = args.length === 3 ? args[2] : undefined;
    if (stageName && !STAGE_NAME.test(stageName.value.toLowerCase())) {
      report(
        `invalid name for build stage: "${stageName.value}", name can't start with a number or contain symbols`,
        stageName.range,
      );
    }
    return typed(common, {
      keyword: "FROM",
      image: args[0],
      asKeyword: args.length === 3 ? args[1] : undefined,
      stageName,
      platform: flag(raw, "platform"),
    });
  },

  run(raw, common, report, diagnostics) {
    const mounts = raw.flags
      .filter((f) => f.name === "mount" && f.value !== undefined)
      .map((f) => parseMount(f.value as string, f.range, valueRangeMapper(raw, f), diagnostics));
    const network = flag(raw, "network")?.value as "default" | "none" | "host" | undefined;
    const security = flag(raw, "security")?.value as "sandbox" | "insecure" | undefined;
    if (raw.args.length === 0 && raw.heredocs.length === 0)
      report("RUN requires at least one argument", raw.keywordToken.range);
    const parts = commandParts(raw);
    const instruction = {
      ...common,
      keyword: "RUN",
      mounts,
      network,
      security,
      ...parts,
      shell: undefined,
    } as Instruction;
    attachShell(instruction, raw);
    return instruction;
  },

  copy: copyBuilder("COPY"),
  add: copyBuilder("ADD"),

  cmd: commandBuilder("CMD"),
  entrypoint: commandBuilder("ENTRYPOINT"),

  shell(raw, common, report) {
    if (!raw.json) report("SHELL requires the arguments to be in JSON form", raw.argsRange);
    else if (raw.args.length === 0) report("SHELL requires at least one argument", raw.keywordToken.range);
    return typed(common, { keyword: "SHELL", exec: raw.json ? raw.args : [] });
  },

  healthcheck(raw, common, report) {
    const type = raw.args[0];
    const rest = raw.args.slice(1);
    const upper = type?.value.toUpperCase();
    if (!type) report("HEALTHCHECK requires at least one argument", raw.keywordToken.range);
    else if (upper === "NONE" && rest.length > 0) report("HEALTHCHECK NONE takes no arguments", raw.argsRange);
    else if (upper === "CMD" && rest.length === 0) report("Missing command after HEALTHCHECK CMD", type.range);
    else if (upper !== "NONE" && upper !== "CMD")
      report(`Unknown type "${type.value}" in HEALTHCHECK (try CMD)`, type.range);
    if (upper === "CMD") checkHealthcheckOptions(raw, report);
    return typed(common, {
      keyword: "HEALTHCHECK",
      type,
      command: raw.json ? undefined : rest[0],
      exec: raw.json ? rest : undefined,
      interval: flag(raw, "interval"),
      timeout: flag(raw, "timeout"),
      startPeriod: flag(raw, "start-period"),
      startInterval: flag(raw, "start-interval"),
      retries: flag(raw, "retries"),
    });
  },

  env: keyValueBuilder("ENV"),
  label: keyValueBuilder("LABEL"),

  arg(raw, common, report) {
    if (raw.args.length === 0) report("ARG requires at least one argument", raw.keywordToken.range);
    const definitions: ArgDefinition[] = raw.args.map((word) => {
      const equals = word.value.indexOf("=");
      if (equals === -1) return { name: word, defaultValue: undefined, range: word.range };
      const [name, defaultValue] = splitToken(raw, word, equals);
      return { name, defaultValue, range: word.range };
    });
    for (const definition of definitions) {
      if (definition.name.value === "") report("ARG names can not be blank", definition.range);
    }
    return typed(common, { keyword: "ARG", definitions });
  },

  expose: listBuilder("EXPOSE"),
  volume(raw, common, report) {
    const instruction = listBuilder("VOLUME")(raw, common, report, []);
    for (const value of raw.args) {
      if (value.value.trim() === "") report("VOLUME specified can not be an empty string", value.range);
    }
    return instruction;
  },

  workdir: singleBuilder("WORKDIR"),
  user: singleBuilder("USER"),
  maintainer: singleBuilder("MAINTAINER"),
  stopsignal: singleBuilder("STOPSIGNAL"),

  onbuild(raw, common, report, diagnostics) {
    if (!raw.trigger) {
      report("ONBUILD requires at least one argument", raw.keywordToken.range);
      return typed(common, { keyword: "ONBUILD", trigger: undefined });
    }
    const triggerKeyword = raw.trigger.keyword;
    if (triggerKeyword === "onbuild")
      report("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed", raw.trigger.keywordToken.range);
    if (triggerKeyword === "from" || triggerKeyword === "maintainer") {
      report(`${triggerKeyword.toUpperCase()} isn't allowed as an ONBUILD trigger`, raw.trigger.keywordToken.range);
    }
    raw.trigger.range = raw.range;
    raw.trigger.startLine = raw.startLine;
    raw.trigger.endLine = raw.endLine;
    const trigger = buildInstruction(raw.trigger, diagnostics);
    return typed(common, { keyword: "ONBUILD", trigger });
  },
};

/**
 * `shell` is computed on first read: the bash parse is the costliest part of parsing, and many
 * readers (the BuildKit dump, stage analysis) never look at it.
 */
function attachShell(instruction: Instruction, raw: RawInstruction): void {
  let cached: ShellScript | undefined;
  let done = false;
  Object.defineProperty(instruction, "shell", {
    enumerable: true,
    configurable: true,
    get() {
      if (!done) {
        cached = parseShellForInstruction(instruction, raw);
        done = true;
      }
      return cached;
    },
  });
}

function copyBuilder(keyword: "COPY" | "ADD"): Builder {
  return (raw, common, report) => {
    const heredocStarts = new Set(raw.heredocs.map((h) => h.range.start.offset));
    const all = raw.args;
    if (all.length < 2 && raw.heredocs.length === 0) {
      report(
        `${keyword} requires at least two arguments, but only one was provided. Destination could not be determined`,
        raw.argsRange,
      );
    }
    const destination =
      all.length >= 2 || (all.length === 1 && raw.heredocs.length > 0) ? all[all.length - 1] : undefined;
    if (destination && heredocStarts.has(destination.range.start.offset)) {
      report(`${keyword} cannot accept a heredoc as a destination`, destination.range);
    }
    return typed(common, {
      keyword,
      sources: destination ? all.slice(0, -1) : all,
      destination,
      from: flag(raw, "from"),
      chown: flag(raw, "chown"),
      chmod: flag(raw, "chmod"),
      link: boolFlag(raw.flags, "link") ?? false,
      parents: boolFlag(raw.flags, "parents") ?? false,
      exclude: raw.flags.filter((f) => f.name === "exclude"),
      checksum: flag(raw, "checksum"),
      keepGitDir: boolFlag(raw.flags, "keep-git-dir"),
      unpack: boolFlag(raw.flags, "unpack"),
    });
  };
}

function commandBuilder(keyword: "CMD" | "ENTRYPOINT"): Builder {
  return (raw, common) => {
    const instruction = typed(common, { keyword, ...commandParts(raw), shell: undefined });
    attachShell(instruction, raw);
    return instruction;
  };
}

function keyValueBuilder(keyword: "ENV" | "LABEL"): Builder {
  return (raw, common, report) => {
    const pairs: KeyValue[] = [];
    for (let i = 0; i + 1 < raw.args.length; i += 3) {
      const key = raw.args[i];
      const value = raw.args[i + 1];
      const separator = (raw.args[i + 2]?.value ?? "") as "=" | "";
      pairs.push({ key, value, separator, range: { start: key.range.start, end: value.range.end } });
      if (key.value.trim() === "") report(`${keyword} names can not be blank`, key.range);
    }
    if (pairs.length === 0 && raw.argsText === "")
      report(`${keyword} requires at least one argument`, raw.keywordToken.range);
    return typed(common, { keyword, pairs, legacy: pairs[0]?.separator === "" });
  };
}

function listBuilder(keyword: "EXPOSE" | "VOLUME"): Builder {
  return (raw, common, report) => {
    requireCount(raw, report, keyword);
    return typed(common, { keyword, values: raw.args });
  };
}

function singleBuilder(keyword: "WORKDIR" | "USER" | "MAINTAINER" | "STOPSIGNAL"): Builder {
  return (raw, common, report) => {
    requireCount(raw, report, keyword, 1);
    return typed(common, { keyword, value: raw.args[0] });
  };
}

/** Splits `name=value` at `at` into two tokens with their own ranges. */
function splitToken(raw: RawInstruction, word: Token, at: number): [Token, Token] {
  const logicalStart = logicalIndexOf(raw, word);
  const rangeOf = (from: number, to: number): Range => raw.logical.range(logicalStart + from, logicalStart + to);
  return [
    { value: word.value.slice(0, at), range: rangeOf(0, at) },
    { value: word.value.slice(at + 1), range: rangeOf(at + 1, word.value.length) },
  ];
}

function logicalIndexOf(raw: RawInstruction, token: Token): number {
  const target = token.range.start.offset;
  for (const segment of raw.logical.segments) {
    if (target >= segment.physical && target < segment.physical + segment.length) {
      return segment.logical + (target - segment.physical);
    }
  }
  return 0;
}

/** Maps spans of a flag's value (as BuildKit stored it) back to source ranges. */
function valueRangeMapper(raw: RawInstruction, flag: Flag): (start: number, end: number) => Range {
  if (!flag.valueRange) return () => flag.range;
  const valueRange = flag.valueRange;
  const startLogical = logicalIndexOf(raw, { value: "", range: valueRange });
  const quoted = raw.logical.text.slice(startLogical, startLogical + (flag.value?.length ?? 0)) !== flag.value;
  if (quoted) return () => valueRange;
  return (start, end) => raw.logical.range(startLogical + start, startLogical + end);
}

function checkHealthcheckOptions(raw: RawInstruction, report: Report): void {
  for (const name of ["interval", "timeout", "start-period", "start-interval"]) {
    const option = flag(raw, name);
    if (option?.value === undefined) continue;
    const ms = parseGoDuration(option.value);
    if (ms === undefined) report(`invalid duration "${option.value}" for --${name}`, option.valueRange ?? option.range);
    else if (ms !== 0 && ms < 1)
      report(`Interval "${name}" cannot be less than 1ms`, option.valueRange ?? option.range);
  }
  const retries = flag(raw, "retries");
  if (retries?.value !== undefined) {
    const count = Number(retries.value);
    if (!/^-?\d+$/.test(retries.value) || count > 2 ** 31 - 1) {
      report(`invalid value "${retries.value}" for --retries`, retries.valueRange ?? retries.range);
    } else if (count < 0) {
      report("--retries cannot be negative", retries.valueRange ?? retries.range);
    }
  }
}

/** Go's time.ParseDuration, in milliseconds. */
export function parseGoDuration(text: string): number | undefined {
  if (text === "0") return 0;
  const units: Record<string, number> = {
    ns: 1e-6,
    us: 1e-3,
    µs: 1e-3,
    μs: 1e-3,
    ms: 1,
    s: 1000,
    m: 60000,
    h: 3600000,
  };
  const match = /^[-+]?((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+$/.exec(text);
  if (!match) return undefined;
  let total = 0;
  for (const part of text.replace(/^[-+]/, "").matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)) {
    total += Number(part[1]) * units[part[2]];
  }
  return text.startsWith("-") ? -total : total;
}
