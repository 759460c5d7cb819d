import type { Dockerfile, Instruction, Range } from "../dockerfile/model.js";
import type { RuleMeta } from "./types.js";

/** What the file's comments switch off: per instruction, per stage, and for the whole file. */
export interface Suppressions {
  global: Set<string>;
  /** Rule ids (lower-cased) ignored per instruction. */
  byInstruction: Map<Instruction, Set<string>>;
  /** Rule ids (lower-cased) ignored per stage index (`# hadolint stage ignore=` above a FROM). */
  byStage: Map<number, Set<string>>;
  /** `# check=skip=all`: every BuildKit-named rule. */
  skipAllBuildkit: boolean;
}

/** One rule id named in an ignore pragma, where it is written. */
export interface PragmaId {
  id: string;
  range: Range;
}

/** An `# imagediet …` or `# hadolint …` ignore pragma: its scope and the ids it lists. */
export interface IgnorePragma {
  scope: "instruction" | "stage" | "global";
  ids: PragmaId[];
}

const IGNORE = /^\s*#\s*(?:imagediet|hadolint)\s+(?:(global|stage)\s+)?ignore\s*=\s*/;
const ID_LIST = /^[A-Za-z0-9_-]+(?:\s*,\s*[A-Za-z0-9_-]+)*/;
const CHECK_SKIP = /^check\s*=\s*(.*)$/i;

/** Reads an ignore pragma out of one comment line; ids may be separated by `, ` and a reason may follow. */
export function readIgnorePragma(line: string, lineStart: number, position: PositionAt): IgnorePragma | undefined {
  const head = IGNORE.exec(line);
  if (!head) return undefined;
  const list = ID_LIST.exec(line.slice(head[0].length));
  if (!list) return { scope: scopeOf(head[1]), ids: [] };
  const ids: PragmaId[] = [];
  for (const match of list[0].matchAll(/[A-Za-z0-9_-]+/g)) {
    const start = lineStart + head[0].length + (match.index ?? 0);
    ids.push({ id: match[0], range: { start: position(start), end: position(start + match[0].length) } });
  }
  return { scope: scopeOf(head[1]), ids };
}

function scopeOf(word: string | undefined): IgnorePragma["scope"] {
  return word === "global" ? "global" : word === "stage" ? "stage" : "instruction";
}

type PositionAt = (offset: number) => Range["start"];

function positionIn(dockerfile: Dockerfile): PositionAt {
  const starts = dockerfile.lineStarts;
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - starts[low] + 1, offset };
  };
}

/** The comment lines directly above an instruction (the ones the parser gave it), with their offsets. */
function commentLines(dockerfile: Dockerfile, instruction: Instruction): { text: string; start: number }[] {
  const lines: { text: string; start: number }[] = [];
  const { lineStarts, text } = dockerfile;
  for (let line = instruction.startLine - 1; line >= 1 && lines.length < instruction.comments.length; line--) {
    const start = lineStarts[line - 1];
    const content = text.slice(start, (lineStarts[line] ?? text.length + 1) - 1).replace(/\r$/, "");
    if (!/^\s*#/.test(content)) break;
    lines.unshift({ text: content, start });
  }
  return lines;
}

/** Every ignore pragma above each instruction (ONBUILD triggers share their ONBUILD's). */
export function ignorePragmas(dockerfile: Dockerfile): Map<Instruction, IgnorePragma[]> {
  const position = positionIn(dockerfile);
  const pragmas = new Map<Instruction, IgnorePragma[]>();
  for (const instruction of dockerfile.instructions) {
    if (instruction.comments.length === 0) continue;
    const found = commentLines(dockerfile, instruction)
      .map((line) => readIgnorePragma(line.text, line.start, position))
      .filter((pragma): pragma is IgnorePragma => pragma !== undefined);
    if (found.length > 0) pragmas.set(instruction, found);
  }
  return pragmas;
}

function ids(list: string): string[] {
  return list
    .split(",")
    .map((id) => id.trim().toLowerCase())
    .filter((id) => id !== "");
}

/** Reads `skip=A,B` out of a `check=` value (`skip=A,B;error=true`). */
function checkSkips(value: string): string[] {
  const first = value.trim().split(/\s+/)[0] ?? "";
  const skips: string[] = [];
  for (const part of first.split(";")) {
    const [key, list] = part.split("=", 2);
    if (key?.trim().toLowerCase() === "skip" && list) skips.push(...ids(list));
  }
  return skips;
}

export function readSuppressions(dockerfile: Dockerfile): Suppressions {
  const suppressions: Suppressions = {
    global: new Set(),
    byInstruction: new Map(),
    byStage: new Map(),
    skipAllBuildkit: false,
  };
  for (const directive of dockerfile.directives) {
    if (directive.name !== "check") continue;
    for (const id of checkSkips(directive.value)) {
      if (id === "all") suppressions.skipAllBuildkit = true;
      else suppressions.global.add(id);
    }
  }
  const pragmas = ignorePragmas(dockerfile);
  for (const instruction of dockerfile.instructions) {
    const local = new Set<string>();
    for (const pragma of pragmas.get(instruction) ?? []) {
      const target = targetSet(suppressions, pragma, instruction, local);
      for (const { id } of pragma.ids) target.add(id.toLowerCase());
    }
    for (const comment of instruction.comments) {
      const check = CHECK_SKIP.exec(comment);
      if (check) for (const id of checkSkips(check[1])) local.add(id);
    }
    if (local.size === 0) continue;
    suppressions.byInstruction.set(instruction, local);
    if (instruction.keyword === "ONBUILD" && instruction.trigger) {
      suppressions.byInstruction.set(instruction.trigger, local);
    }
  }
  return suppressions;
}

/** Where a pragma's ids go; a stage pragma counts only right above a FROM, as hadolint reads it. */
function targetSet(
  suppressions: Suppressions,
  pragma: IgnorePragma,
  instruction: Instruction,
  local: Set<string>,
): Set<string> {
  if (pragma.scope === "global") return suppressions.global;
  if (pragma.scope === "instruction") return local;
  if (instruction.keyword !== "FROM") return new Set();
  const stage = suppressions.byStage.get(instruction.stageIndex) ?? new Set<string>();
  suppressions.byStage.set(instruction.stageIndex, stage);
  return stage;
}

/** BuildKit's build-check names: `# check=skip=all` switches off every rule answering to one of them. */
export const BUILDKIT_RULE_NAMES = new Set([
  "StageNameCasing",
  "FromAsCasing",
  "NoEmptyContinuation",
  "ConsistentInstructionCasing",
  "DuplicateStageName",
  "ReservedStageName",
  "JSONArgsRecommended",
  "MaintainerDeprecated",
  "UndefinedArgInFrom",
  "WorkdirRelativePath",
  "UndefinedVar",
  "MultipleInstructionsDisallowed",
  "LegacyKeyValueFormat",
  "RedundantTargetPlatform",
  "SecretsUsedInArgOrEnv",
  "InvalidDefaultArgInFrom",
  "FromPlatformFlagConstDisallowed",
  "CopyIgnoredFile",
  "ExposeProtoCasing",
  "ExposeInvalidFormat",
]);

/** The names a rule answers to, lower-cased. */
export function ruleNames(meta: RuleMeta): string[] {
  return [meta.id, ...(meta.aliases ?? [])].map((id) => id.toLowerCase());
}

export function isSuppressed(
  meta: RuleMeta,
  instruction: Instruction | undefined,
  suppressions: Suppressions,
): boolean {
  const names = ruleNames(meta);
  if (names.some((name) => suppressions.global.has(name))) return true;
  const isBuildkit = [meta.id, ...(meta.aliases ?? [])].some((name) => BUILDKIT_RULE_NAMES.has(name));
  if (isBuildkit && suppressions.skipAllBuildkit) return true;
  if (!instruction) return false;
  const scoped = [suppressions.byInstruction.get(instruction), suppressions.byStage.get(instruction.stageIndex)];
  return scoped.some((set) => set !== undefined && names.some((name) => set.has(name)));
}
