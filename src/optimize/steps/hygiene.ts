import { parse } from "../../dockerfile/parse.js";
import { defaultLintConfig } from "../../lint/config.js";
import { lint } from "../../lint/engine.js";
import { fixText } from "../../lint/fix.js";
import { ALL_RULES } from "../../lint/rules/index.js";
import type { Step } from "../step.js";
import type { Technique } from "../types.js";

/** Lint fixes that keep what the image runs: package-manager flags and clean-up, COPY for ADD, exec form. */
const SAFE_FIXES: Record<string, Technique> = {
  DL3009: {
    id: "cache-cleanup",
    title: "Delete the apt lists in the same RUN",
    why: "apt's package lists stay in the layer otherwise.",
    saving: "≈20–45 MB",
  },
  DL3014: { id: "cache-cleanup", title: "apt-get install -y", why: "a build cannot answer apt's prompt." },
  DL3015: {
    id: "cache-cleanup",
    title: "--no-install-recommends",
    why: "recommended packages are rarely needed in an image.",
    saving: "often 10–100 MB",
  },
  DL3019: {
    id: "cache-cleanup",
    title: "apk add --no-cache",
    why: "the apk index stays in the layer otherwise.",
    saving: "≈2–3 MB",
  },
  DL3042: {
    id: "cache-cleanup",
    title: "pip install --no-cache-dir",
    why: "pip's download cache stays in the layer otherwise.",
    saving: "10–100+ MB",
  },
  DL3060: { id: "cache-cleanup", title: "yarn cache clean", why: "yarn's cache doubles node_modules otherwise." },
  DL3032: {
    id: "cache-cleanup",
    title: "yum clean all",
    why: "yum's cache stays in the layer otherwise.",
    saving: "50–150 MB",
  },
  DL3040: {
    id: "cache-cleanup",
    title: "dnf clean all",
    why: "dnf's cache stays in the layer otherwise.",
    saving: "20–100 MB",
  },
  DL3020: {
    id: "cache-cleanup",
    title: "COPY instead of ADD for local files",
    why: "ADD's archive and URL magic is not wanted for plain files.",
  },
  DL3021: {
    id: "cache-cleanup",
    title: "Folder destination ends with /",
    why: "several sources need a folder destination.",
  },
  DL3046: {
    id: "non-root-user",
    title: "useradd -l",
    why: "a high UID without -l writes a huge sparse lastlog into the layer.",
    saving: "up to ≈300 MB",
  },
  DL4000: { id: "cache-cleanup", title: "LABEL instead of MAINTAINER", why: "MAINTAINER is deprecated." },
  "npm-install-with-lockfile": {
    id: "cache-cleanup",
    title: "npm ci with the lock file",
    why: "installs exactly the locked versions, faster from clean.",
  },
  StageNameCasing: {
    id: "multi-stage",
    title: "Lowercase stage names",
    why: "BuildKit lowercases them; references read clearer.",
  },
  FromAsCasing: { id: "multi-stage", title: "AS in the case of FROM", why: "consistent casing." },
  DL3027: { id: "cache-cleanup", title: "apt-get instead of apt", why: "apt's interface is not stable for scripts." },
  DL3030: { id: "cache-cleanup", title: "yum install -y", why: "a build cannot answer yum's prompt." },
  DL3038: { id: "cache-cleanup", title: "dnf install -y", why: "a build cannot answer dnf's prompt." },
  DL3012: { id: "cache-cleanup", title: "One HEALTHCHECK", why: "only the last one counts." },
  DL4003: { id: "cache-cleanup", title: "One CMD per stage", why: "only the last one counts." },
  DL4004: { id: "cache-cleanup", title: "One ENTRYPOINT per stage", why: "only the last one counts." },
  DL3065: {
    id: "multi-stage",
    title: "FROM without --platform=$TARGETPLATFORM",
    why: "it is the default: the flag changes nothing.",
  },
  LegacyKeyValueFormat: {
    id: "cache-cleanup",
    title: "ENV and ARG as key=value",
    why: "the legacy whitespace form is deprecated and easy to misread.",
  },
  ConsistentInstructionCasing: {
    id: "cache-cleanup",
    title: "One casing for instructions",
    why: "mixed casing reads as a mistake.",
  },
  ExposeProtoCasing: { id: "cache-cleanup", title: "Lowercase EXPOSE protocols", why: "BuildKit expects lowercase." },
};

/** Applies the safe lint fixes; returns the new text and one technique per rule that changed something. */
export function applyHygiene(text: string, file: string): { text: string; techniques: Technique[] } {
  const rules = ALL_RULES.filter((rule) => rule.meta.id in SAFE_FIXES);
  const config = defaultLintConfig();
  const fixedRules = new Set<string>();
  const result = fixText(text, (source) => {
    const dockerfile = parse(source, { file });
    const findings = lint(dockerfile, { rules, config });
    for (const finding of findings) if (finding.fix?.length) fixedRules.add(finding.rule);
    return { dockerfile, findings };
  });
  const techniques = [...fixedRules]
    .sort()
    .map((rule) => ({ ...SAFE_FIXES[rule], title: `${SAFE_FIXES[rule].title} (${rule})` }));
  return { text: result.text, techniques };
}

/** Every safe lint fix, in any stage. */
export const hygieneStep: Step = {
  name: "hygiene",
  apply({ dockerfile }) {
    return applyHygiene(dockerfile.text, dockerfile.file);
  },
};
