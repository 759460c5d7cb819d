import { z } from "zod";
import { ImagedietError } from "../errors.js";
import type { RuleCatalog } from "./catalog.js";
import { LABEL_TYPES, type LabelType, SEVERITIES, type Severity } from "./types.js";

export const THRESHOLDS = [...SEVERITIES, "none"] as const;
export type Threshold = (typeof THRESHOLDS)[number];

/** The output formats `lint` writes. */
export const FORMATS = ["tty", "json", "sarif", "github", "checkstyle"] as const;
export type Format = (typeof FORMATS)[number];

export interface LintConfig {
  /** Rules (ids or aliases) switched off. */
  ignored: string[];
  /** Severity per rule id or alias. */
  severity: Record<string, Severity>;
  /** Opt-in rules switched on. */
  enable: string[];
  trustedRegistries: string[];
  failureThreshold: Threshold;
  disableIgnorePragma: boolean;
  /** Labels every final image must carry, with the type of their value. */
  labelSchema: Record<string, LabelType>;
  /** Labels outside `labelSchema` are findings too. */
  strictLabels: boolean;
}

/** What a config source may also say about the output (hadolint's file and environment do). */
export interface OutputSettings {
  format?: Format;
  color?: boolean;
  verbose?: boolean;
}

/** One source of settings (a file, the environment, the command line): only what it sets. */
export interface ConfigLayer {
  lint: Partial<LintConfig>;
  output: OutputSettings;
}

export function defaultLintConfig(): LintConfig {
  return {
    ignored: [],
    severity: {},
    enable: [],
    trustedRegistries: [],
    failureThreshold: "info",
    disableIgnorePragma: false,
    labelSchema: {},
    strictLabels: false,
  };
}

/** A later layer adds to the rule lists and label schema, and replaces the other settings. */
export function mergeConfig<T extends Partial<LintConfig>>(base: T, layer: Partial<LintConfig>): T {
  const merged: Partial<LintConfig> = { ...base, ...layer };
  if (base.ignored || layer.ignored) merged.ignored = [...(base.ignored ?? []), ...(layer.ignored ?? [])];
  if (base.enable || layer.enable) merged.enable = [...(base.enable ?? []), ...(layer.enable ?? [])];
  if (base.severity || layer.severity) merged.severity = { ...base.severity, ...layer.severity };
  if (base.labelSchema || layer.labelSchema) merged.labelSchema = { ...base.labelSchema, ...layer.labelSchema };
  return merged as T;
}

export function mergeOutput(base: OutputSettings, layer: OutputSettings): OutputSettings {
  const defined = Object.entries(layer).filter(([, value]) => value !== undefined);
  return { ...base, ...Object.fromEntries(defined) };
}

/** `unknown rule "DL9999" (did you mean DL3009?)`; undefined when the id is known. */
export function unknownRuleMessage(id: string, rules: RuleCatalog): string | undefined {
  if (rules.has(id)) return undefined;
  const guess = rules.suggest(id);
  return `unknown rule "${id}"${guess ? ` (did you mean ${guess}?)` : ""}; \`imagediet rules\` lists them`;
}

/** Throws for the first unknown rule in a list that came from `source` (a flag or a variable). */
export function checkRuleIds(ids: string[], rules: RuleCatalog, source: string): void {
  for (const id of ids) {
    const message = unknownRuleMessage(id, rules);
    if (message) throw new ImagedietError(message, { file: source });
  }
}

export function ruleIdSchema(rules: RuleCatalog) {
  return z.string().superRefine((id, ctx) => {
    const message = unknownRuleMessage(id, rules);
    if (message) ctx.addIssue({ code: "custom", message });
  });
}

/** An object whose unknown keys are errors that list the keys it allows. */
export function strictObject<T extends z.ZodRawShape>(shape: T) {
  const allowed = Object.keys(shape).join(", ");
  return z.strictObject(shape, {
    error: (issue) => (issue.code === "unrecognized_keys" ? `unknown key; allowed keys: ${allowed}` : undefined),
  });
}

export const severitySchema = z.enum(SEVERITIES as [Severity, ...Severity[]]);
export const labelTypeSchema = z.enum(LABEL_TYPES);

function imagedietSchema(rules: RuleCatalog) {
  const ruleId = ruleIdSchema(rules);
  const lint = strictObject({
    ignored: z.array(ruleId),
    severity: z.record(ruleId, severitySchema),
    enable: z.array(ruleId),
    trustedRegistries: z.array(z.string()),
    failureThreshold: z.enum(THRESHOLDS),
    disableIgnorePragma: z.boolean(),
    labelSchema: z.record(z.string(), labelTypeSchema),
    strictLabels: z.boolean(),
  }).partial();
  // Other sections are read by their own commands (`layers:` thresholds); they are known keys here.
  return strictObject({ lint: lint.optional(), layers: z.unknown() }).partial();
}

/** Where a key path stands in the file, when the reader can tell. */
export type Locate = (path: readonly PropertyKey[]) => { line: number; column: number } | undefined;

/** `.imagediet.yaml`: validates the document; errors name the key path, the place and what is allowed. */
export function parseLintConfig(document: unknown, file: string, rules: RuleCatalog, locate?: Locate): ConfigLayer {
  const data = validate(imagedietSchema(rules), document ?? {}, file, locate);
  return { lint: data.lint ?? {}, output: {} };
}

/** Parses with the schema or throws an `ImagedietError` naming the key path and what it accepts. */
export function validate<T extends z.ZodType>(schema: T, document: unknown, file: string, locate?: Locate): z.infer<T> {
  const result = schema.safeParse(document, { reportInput: true });
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue.code === "unrecognized_keys" ? [...issue.path, issue.keys[0]] : issue.path;
  const where = locate?.(path);
  throw new ImagedietError(`${keyPath(path)}: ${issueMessage(issue)}`, { file, ...where });
}

function keyPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(top level)";
  return path.map((key, i) => (typeof key === "number" ? `[${key}]` : `${i > 0 ? "." : ""}${String(key)}`)).join("");
}

function issueMessage(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_value":
      return `expected one of ${issue.values.join(", ")}; got ${JSON.stringify(issue.input)}`;
    case "invalid_type":
      return `expected ${describeType(issue.expected)}, got ${describeValue(issue.input)}`;
    case "invalid_key":
      return issue.issues[0]?.message ?? issue.message;
    case "invalid_union":
      return `expected a string or a list of strings, got ${describeValue(issue.input)}`;
    default:
      return issue.message;
  }
}

function describeType(expected: string): string {
  return expected === "array" ? "a list" : expected === "object" ? "a mapping" : `a ${expected}`;
}

function describeValue(value: unknown): string {
  if (value === undefined || value === null) return "nothing";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "a mapping" : `${typeof value} ${JSON.stringify(value)}`;
}
