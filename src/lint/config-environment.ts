import { ImagedietError } from "../errors.js";
import type { RuleCatalog } from "./catalog.js";
import {
  type ConfigLayer,
  checkRuleIds,
  FORMATS,
  type LintConfig,
  mergeConfig,
  mergeOutput,
  THRESHOLDS,
} from "./config.js";
import { hadolintThreshold } from "./config-hadolint.js";
import { LABEL_TYPES, type LabelType, SEVERITIES, type Severity } from "./types.js";

const TRUE = ["1", "y", "yes", "on", "true"];
const FALSE = ["0", "n", "no", "off", "false", ""];

/** Reads environment variables; every bad value names its variable and what it accepts. */
class Variables {
  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly rules: RuleCatalog,
  ) {}

  list(name: string): string[] | undefined {
    const value = this.env[name];
    if (value === undefined) return undefined;
    return value
      .split(",")
      .map((item) => item.trim())
      .filter(Boolean);
  }

  ruleList(name: string): string[] | undefined {
    const ids = this.list(name);
    if (ids) checkRuleIds(ids, this.rules, name);
    return ids;
  }

  flag(name: string): boolean | undefined {
    const value = this.env[name]?.trim().toLowerCase();
    if (value === undefined) return undefined;
    if (TRUE.includes(value)) return true;
    if (FALSE.includes(value)) return false;
    throw this.bad(name, [...TRUE, ...FALSE.filter(Boolean)]);
  }

  choice<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const value = this.env[name]?.trim().toLowerCase();
    if (value === undefined || value === "") return undefined;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    throw this.bad(name, allowed);
  }

  labels(name: string): Record<string, LabelType> | undefined {
    const pairs = this.list(name);
    if (!pairs) return undefined;
    const schema: Record<string, LabelType> = {};
    for (const pair of pairs) {
      const [label, type] = pair.split(":", 2).map((part) => part.trim());
      if (!label || !LABEL_TYPES.includes(type as LabelType)) {
        throw new ImagedietError(`expected LABEL:TYPE pairs, TYPE one of ${LABEL_TYPES.join(", ")}; got "${pair}"`, {
          file: name,
        });
      }
      schema[label] = type as LabelType;
    }
    return schema;
  }

  private bad(name: string, allowed: readonly string[]): ImagedietError {
    return new ImagedietError(`expected one of ${allowed.join(", ")}; got "${this.env[name]}"`, { file: name });
  }
}

function severities(vars: Variables, prefix: string): Record<string, Severity> {
  const severity: Record<string, Severity> = {};
  for (const level of SEVERITIES) {
    for (const id of vars.ruleList(`${prefix}${level.toUpperCase()}`) ?? []) severity[id] = level;
  }
  return severity;
}

/** hadolint's variables, as hadolint documents them (HADOLINT_ALLOWED_REGISTRIES is its older name). */
function hadolintLayer(vars: Variables): ConfigLayer {
  const threshold = vars.choice("HADOLINT_FAILURE_THRESHOLD", [...THRESHOLDS, "ignore"] as const);
  const lint: Partial<LintConfig> = {
    ignored: vars.ruleList("HADOLINT_IGNORE"),
    severity: severities(vars, "HADOLINT_OVERRIDE_"),
    trustedRegistries: vars.list("HADOLINT_TRUSTED_REGISTRIES") ?? vars.list("HADOLINT_ALLOWED_REGISTRIES"),
    labelSchema: vars.labels("HADOLINT_REQUIRE_LABELS"),
    strictLabels: vars.flag("HADOLINT_STRICT_LABELS"),
    disableIgnorePragma: vars.flag("HADOLINT_DISABLE_IGNORE_PRAGMA"),
    failureThreshold: vars.flag("HADOLINT_NOFAIL") ? "none" : threshold && hadolintThreshold(threshold),
  };
  const output = { format: vars.choice("HADOLINT_FORMAT", FORMATS), verbose: vars.flag("HADOLINT_VERBOSE") };
  return { lint: definedOnly(lint), output };
}

/** imagediet's own variables: IMAGEDIET_FAILURE_THRESHOLD, _IGNORE, _ENABLE, _TRUSTED_REGISTRIES, _SEVERITY_<LEVEL>. */
function imagedietLayer(vars: Variables): Partial<LintConfig> {
  return definedOnly({
    failureThreshold: vars.choice("IMAGEDIET_FAILURE_THRESHOLD", THRESHOLDS),
    ignored: vars.ruleList("IMAGEDIET_IGNORE"),
    enable: vars.ruleList("IMAGEDIET_ENABLE"),
    trustedRegistries: vars.list("IMAGEDIET_TRUSTED_REGISTRIES"),
    severity: severities(vars, "IMAGEDIET_SEVERITY_"),
  });
}

/** The environment's settings: hadolint's variables, then imagediet's, which win where both speak. */
export function environmentLayer(env: NodeJS.ProcessEnv, rules: RuleCatalog): ConfigLayer {
  const vars = new Variables(env, rules);
  const hadolint = hadolintLayer(vars);
  const own = imagedietLayer(vars);
  return { lint: mergeConfig(hadolint.lint, own), output: mergeOutput({}, hadolint.output) };
}

function definedOnly<T extends object>(settings: T): Partial<T> {
  return Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined)) as Partial<T>;
}
