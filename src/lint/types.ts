import type { Dockerfile, Range } from "../dockerfile/model.js";
import type { TextEdit } from "../dockerfile/print.js";
import type { RuleCatalog } from "./catalog.js";

export type Severity = "error" | "warning" | "info" | "style";
export const SEVERITIES: readonly Severity[] = ["error", "warning", "info", "style"];

export type Category = "size" | "cache" | "security" | "correctness" | "maintainability" | "style";

/** Where a rule comes from: its id then follows that tool's naming, and its pragmas apply. */
export type RuleOrigin = "hadolint" | "buildkit" | "imagediet";

export interface RuleMeta {
  /** `DL3009`, `StageNameCasing`, `package-cache-kept`. */
  id: string;
  origin: RuleOrigin;
  /** Other ids the rule answers to in pragmas and configs (a DL id for a BuildKit-named rule, …). */
  aliases?: string[];
  severity: Severity;
  category: Category;
  /** One line: what the rule finds. */
  title: string;
  /** Why it matters, with the bytes or seconds at stake where they are known. */
  why: string;
  /** How to fix it by hand, or what `--fix` does. */
  fix: string;
  fixable: boolean;
  /** Off unless enabled in the config (version pinning). */
  optIn?: boolean;
  examples: { bad: string; good: string };
}

/** A finding: where, what, and how to fix it when that is mechanical. */
export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  range: Range;
  /** Edits that fix the finding, when the fix is safe to apply without asking. */
  fix?: TextEdit[];
  /** Other places that explain the finding (the layer that created what a later one deletes). */
  related?: { message: string; range: Range }[];
}

/** The build context as the lint rules see it: paths relative to the context root, and .dockerignore. */
export interface BuildContextInfo {
  root: string;
  /** Every path in the context (files and folders, `/`-separated), bounded by the reader. */
  paths: string[];
  dockerignore: string | undefined;
  /** True when the reader stopped early because the context was too large. */
  truncated: boolean;
}

/** The value types hadolint's label schema knows (DL3049–DL3058 check labels against them). */
export const LABEL_TYPES = ["text", "url", "semver", "hash", "rfc3339", "spdx", "email"] as const;
export type LabelType = (typeof LABEL_TYPES)[number];

export interface LintSettings {
  trustedRegistries: string[];
  /** Labels every final image must carry, with the type of their value. */
  labelSchema: Record<string, LabelType>;
  /** Labels outside `labelSchema` are findings too. */
  strictLabels: boolean;
}

export interface RuleContext {
  dockerfile: Dockerfile;
  context: BuildContextInfo | undefined;
  settings: LintSettings;
  /** Every rule name that means something, for rules about rule names (pragmas). */
  rules: RuleCatalog;
}

/** What a rule returns: the finding without rule id and severity, which the engine fills in. */
export type Report = Omit<Finding, "rule" | "severity">;

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): Report[];
}
