import type { Rule } from "./types.js";

/**
 * hadolint ids with no imagediet rule: hadolint deleted the first four; the others are hadolint rules
 * imagediet does not check yet. A hadolint config or pragma that lists them is still valid.
 */
const HADOLINT_ONLY = [
  ...["DL3005", "DL3017", "DL3031", "DL3039"],
  ...["DL1001", "DL3001", "DL3029", "DL3033", "DL3034", "DL3035", "DL3036", "DL3037", "DL3041", "DL3043"],
  ...["DL3048", "DL3049", "DL3050", "DL3051", "DL3052", "DL3053", "DL3054", "DL3055", "DL3056", "DL3057"],
  ...["DL3058", "DL3066", "DL3067", "DL4001", "DL4005"],
];

/** ShellCheck codes are known by their shape: ShellCheck has hundreds and adds more each release. */
const SHELLCHECK_CODE = /^sc\d{4}$/;

/** Every name a config, a flag or a pragma may use for a rule, and a guess when a name is wrong. */
export interface RuleCatalog {
  has(id: string): boolean;
  /** The known name closest to a mistyped one, if one is close. */
  suggest(id: string): string | undefined;
}

export function ruleCatalog(rules: readonly Rule[], pseudoRules: readonly string[]): RuleCatalog {
  const names = new Map<string, string>();
  const add = (name: string) => names.set(name.toLowerCase(), name);
  for (const rule of rules) for (const name of [rule.meta.id, ...(rule.meta.aliases ?? [])]) add(name);
  for (const name of [...pseudoRules, ...HADOLINT_ONLY]) add(name);
  return {
    has: (id) => names.has(id.toLowerCase()) || SHELLCHECK_CODE.test(id.toLowerCase()),
    suggest: (id) => closest(id.toLowerCase(), names),
  };
}

function closest(id: string, names: Map<string, string>): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const [lower, name] of names) {
    const distance = editDistance(id, lower);
    if (distance <= Math.max(1, Math.floor(id.length / 3)) && (!best || distance < best.distance)) {
      best = { name, distance };
    }
  }
  return best?.name;
}

/** Levenshtein distance, one row at a time. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length];
}
