import { z } from "zod";
import type { RuleCatalog } from "./catalog.js";
import {
  type ConfigLayer,
  FORMATS,
  type LintConfig,
  type Locate,
  labelTypeSchema,
  ruleIdSchema,
  strictObject,
  type Threshold,
  validate,
} from "./config.js";
import { SEVERITIES, type Severity } from "./types.js";

/** hadolint's thresholds: `ignore` fails on every finding, like `style`. */
const HADOLINT_THRESHOLDS = ["error", "warning", "info", "style", "ignore", "none"] as const;

export function hadolintThreshold(value: (typeof HADOLINT_THRESHOLDS)[number]): Threshold {
  return value === "ignore" ? "style" : value;
}

function hadolintSchema(rules: RuleCatalog) {
  const ids = z.array(ruleIdSchema(rules));
  return strictObject({
    "failure-threshold": z.enum(HADOLINT_THRESHOLDS),
    format: z.enum(FORMATS),
    formats: z.array(z.enum(FORMATS)).max(1, "imagediet writes one format a run"),
    ignored: ids,
    override: strictObject({ error: ids, warning: ids, info: ids, style: ids }).partial(),
    trustedRegistries: z.union([z.string(), z.array(z.string())]),
    "label-schema": z.record(z.string(), labelTypeSchema),
    "strict-labels": z.boolean(),
    "disable-ignore-pragma": z.boolean(),
    "no-fail": z.boolean(),
    "no-color": z.boolean(),
    verbose: z.boolean(),
  }).partial();
}

type HadolintDocument = z.infer<ReturnType<typeof hadolintSchema>>;

/** `.hadolint.yaml`, read as hadolint reads it, into imagediet's settings. */
export function parseHadolintConfig(document: unknown, file: string, rules: RuleCatalog, locate?: Locate): ConfigLayer {
  const data = validate(hadolintSchema(rules), document ?? {}, file, locate);
  return {
    lint: lintSettings(data),
    output: {
      format: data.format ?? data.formats?.[0],
      color: data["no-color"] === undefined ? undefined : !data["no-color"],
      verbose: data.verbose,
    },
  };
}

function lintSettings(data: HadolintDocument): Partial<LintConfig> {
  const settings: Partial<LintConfig> = {};
  if (data.ignored) settings.ignored = data.ignored;
  if (data.override) settings.severity = overrides(data.override);
  if (data.trustedRegistries !== undefined) settings.trustedRegistries = [data.trustedRegistries].flat();
  if (data["label-schema"]) settings.labelSchema = data["label-schema"];
  if (data["strict-labels"] !== undefined) settings.strictLabels = data["strict-labels"];
  if (data["disable-ignore-pragma"] !== undefined) settings.disableIgnorePragma = data["disable-ignore-pragma"];
  if (data["failure-threshold"]) settings.failureThreshold = hadolintThreshold(data["failure-threshold"]);
  if (data["no-fail"]) settings.failureThreshold = "none";
  return settings;
}

/** hadolint's `override: { error: [DL3008] }` as imagediet's `severity: { DL3008: error }`. */
export function overrides(lists: Partial<Record<Severity, string[]>>): Record<string, Severity> {
  const severity: Record<string, Severity> = {};
  for (const level of SEVERITIES) for (const id of lists[level] ?? []) severity[id] = level;
  return severity;
}
