import type { Dockerfile, Instruction } from "../dockerfile/model.js";
import type { RuleMeta } from "./types.js";

/** What the file's comments switch off: per instruction, and for the whole file. */
export interface Suppressions {
  global: Set<string>;
  /** Rule ids (lower-cased) ignored per instruction. */
  byInstruction: Map<Instruction, Set<string>>;
  /** `# check=skip=all`: every BuildKit-named rule. */
  skipAllBuildkit: boolean;
}

const IGNORE = /^(imagediet|hadolint)\s+(global\s+)?ignore\s*=\s*([A-Za-z0-9_,\- ]+?)(?:\s+#.*|\s+\S.*)?$/;
const CHECK_SKIP = /^check\s*=\s*(.*)$/i;

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
  const suppressions: Suppressions = { global: new Set(), byInstruction: new Map(), skipAllBuildkit: false };
  for (const directive of dockerfile.directives) {
    if (directive.name !== "check") continue;
    for (const id of checkSkips(directive.value)) {
      if (id === "all") suppressions.skipAllBuildkit = true;
      else suppressions.global.add(id);
    }
  }
  const visit = (instruction: Instruction) => {
    const local = new Set<string>();
    for (const comment of instruction.comments) {
      const ignore = IGNORE.exec(comment);
      if (ignore) {
        const target = ignore[2] ? suppressions.global : local;
        for (const id of ids(ignore[3])) target.add(id);
        continue;
      }
      const check = CHECK_SKIP.exec(comment);
      if (check) for (const id of checkSkips(check[1])) local.add(id);
    }
    if (local.size > 0) suppressions.byInstruction.set(instruction, local);
  };
  for (const instruction of dockerfile.instructions) {
    visit(instruction);
    if (instruction.keyword === "ONBUILD" && instruction.trigger) {
      const own = suppressions.byInstruction.get(instruction);
      if (own) suppressions.byInstruction.set(instruction.trigger, own);
    }
  }
  return suppressions;
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
  const local = instruction ? suppressions.byInstruction.get(instruction) : undefined;
  return local !== undefined && names.some((name) => local.has(name));
}
