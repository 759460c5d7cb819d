import { z } from "zod";
import { ImagedietError } from "../errors.js";
import { SEVERITIES, type Severity } from "./types.js";

const severity = z.enum(SEVERITIES as [Severity, ...Severity[]]);

/** `.imagediet.yaml`: the part that configures `lint`. Unknown keys are errors, so typos show. */
export const lintConfigSchema = z
  .object({
    ignored: z.array(z.string()).default([]),
    severity: z.record(z.string(), severity).default({}),
    enable: z.array(z.string()).default([]),
    trustedRegistries: z.array(z.string()).default([]),
    failureThreshold: z.union([severity, z.literal("none")]).default("info"),
    disableIgnorePragma: z.boolean().default(false),
  })
  .strict();

export type LintConfig = z.infer<typeof lintConfigSchema>;

/** The whole `.imagediet.yaml`: sections for each command; only `lint` is read here. */
const fileSchema = z.object({ lint: lintConfigSchema.optional() }).passthrough();
// Other sections (`layers:` thresholds) are read by their own commands.

export function defaultLintConfig(): LintConfig {
  return lintConfigSchema.parse({});
}

/** Validates a parsed config document; errors name the key path and what is wrong. */
export function parseLintConfig(document: unknown, file: string): LintConfig {
  const result = fileSchema.safeParse(document ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue.path.join(".") || "(top level)";
    throw new ImagedietError(`${path}: ${issue.message}`, { file });
  }
  return result.data.lint ?? defaultLintConfig();
}

/**
 * Environment overrides, as hadolint users know them: IMAGEDIET_FAILURE_THRESHOLD, IMAGEDIET_IGNORE,
 * IMAGEDIET_ENABLE, IMAGEDIET_TRUSTED_REGISTRIES (comma lists) and IMAGEDIET_SEVERITY_<LEVEL>=RULE,RULE.
 */
export function applyEnvironment(config: LintConfig, env: NodeJS.ProcessEnv): LintConfig {
  const list = (value: string | undefined) =>
    (value ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
  const next: LintConfig = { ...config, severity: { ...config.severity } };
  const threshold = env.IMAGEDIET_FAILURE_THRESHOLD;
  if (threshold) {
    const parsed = z.union([severity, z.literal("none")]).safeParse(threshold);
    if (!parsed.success) {
      throw new ImagedietError(
        `IMAGEDIET_FAILURE_THRESHOLD: expected one of error, warning, info, style, none; got "${threshold}"`,
      );
    }
    next.failureThreshold = parsed.data;
  }
  if (env.IMAGEDIET_IGNORE) next.ignored = [...next.ignored, ...list(env.IMAGEDIET_IGNORE)];
  if (env.IMAGEDIET_ENABLE) next.enable = [...next.enable, ...list(env.IMAGEDIET_ENABLE)];
  if (env.IMAGEDIET_TRUSTED_REGISTRIES) next.trustedRegistries = list(env.IMAGEDIET_TRUSTED_REGISTRIES);
  for (const level of SEVERITIES) {
    for (const id of list(env[`IMAGEDIET_SEVERITY_${level.toUpperCase()}`])) next.severity[id] = level;
  }
  return next;
}
