import { describe, expect, it } from "vitest";
import { ruleCatalog } from "./catalog.js";
import { defaultLintConfig, mergeConfig, parseLintConfig } from "./config.js";
import { environmentLayer } from "./config-environment.js";
import { parseHadolintConfig } from "./config-hadolint.js";
import { PSEUDO_RULES } from "./engine.js";
import { ALL_RULES } from "./rules/index.js";

const RULES = ruleCatalog(ALL_RULES, PSEUDO_RULES);

function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as { format(): string }).format();
  }
  throw new Error("expected an error");
}

describe(".imagediet.yaml", () => {
  it("reads every lint key", () => {
    const layer = parseLintConfig(
      {
        lint: {
          ignored: ["DL3059"],
          severity: { DL3009: "warning" },
          enable: ["DL3008"],
          trustedRegistries: ["docker.io"],
          failureThreshold: "warning",
          disableIgnorePragma: true,
          labelSchema: { maintainer: "email" },
          strictLabels: true,
        },
        layers: { maxLayers: 10 },
      },
      ".imagediet.yaml",
      RULES,
    );
    expect(mergeConfig(defaultLintConfig(), layer.lint)).toEqual({
      ignored: ["DL3059"],
      severity: { DL3009: "warning" },
      enable: ["DL3008"],
      trustedRegistries: ["docker.io"],
      failureThreshold: "warning",
      disableIgnorePragma: true,
      labelSchema: { maintainer: "email" },
      strictLabels: true,
    });
  });

  it.each([
    [{ lnt: {} }, "f: lnt: unknown key; allowed keys: lint, layers"],
    [{ lint: { ignore: [] } }, "f: lint.ignore: unknown key; allowed keys: ignored, severity,"],
    [{ lint: { failureThreshold: "critical" } }, 'expected one of error, warning, info, style, none; got "critical"'],
    [{ lint: { ignored: "DL3006" } }, 'f: lint.ignored: expected a list, got string "DL3006"'],
    [{ lint: { ignored: ["DL3006", "DL9999"] } }, 'f: lint.ignored[1]: unknown rule "DL9999"'],
    [{ lint: { severity: { DL300: "info" } } }, 'lint.severity.DL300: unknown rule "DL300" (did you mean DL3000?)'],
    [
      { lint: { severity: { DL3006: "fatal" } } },
      'lint.severity.DL3006: expected one of error, warning, info, style; got "fatal"',
    ],
    [{ lint: { labelSchema: { a: "uri" } } }, "expected one of text, url, semver, hash, rfc3339, spdx, email"],
    [{ lint: { strictLabels: "yes" } }, 'lint.strictLabels: expected a boolean, got string "yes"'],
  ])("rejects %j naming the key path and what is allowed", (document, message) => {
    expect(errorOf(() => parseLintConfig(document, "f", RULES))).toContain(message);
  });

  it("places the error where the locator says the key is", () => {
    const locate = (path: readonly PropertyKey[]) => (path.join(".") === "lint.x" ? { line: 3, column: 5 } : undefined);
    expect(errorOf(() => parseLintConfig({ lint: { x: 1 } }, "f", RULES, locate))).toMatch(/^f:3:5: lint\.x: /);
  });

  it("knows aliases, ShellCheck codes, the parse error and hadolint's retired ids", () => {
    const ids = ["JSONArgsRecommended", "SC2086", "DL1000", "parse-error", "DL3005", "dl3008"];
    expect(() => parseLintConfig({ lint: { ignored: ids } }, "f", RULES)).not.toThrow();
  });
});

describe(".hadolint.yaml", () => {
  it("maps hadolint's keys onto imagediet's", () => {
    const layer = parseHadolintConfig(
      {
        ignored: ["DL3008", "SC2086"],
        override: { error: ["DL3006"], style: ["DL3059"] },
        trustedRegistries: "my.registry.io",
        "failure-threshold": "ignore",
        "label-schema": { author: "text" },
        "strict-labels": true,
        "disable-ignore-pragma": true,
        format: "sarif",
        "no-color": true,
        verbose: true,
      },
      ".hadolint.yaml",
      RULES,
    );
    expect(layer.lint).toEqual({
      ignored: ["DL3008", "SC2086"],
      severity: { DL3006: "error", DL3059: "style" },
      trustedRegistries: ["my.registry.io"],
      failureThreshold: "style",
      labelSchema: { author: "text" },
      strictLabels: true,
      disableIgnorePragma: true,
    });
    expect(layer.output).toEqual({ format: "sarif", color: false, verbose: true });
  });

  it("no-fail means nothing fails", () => {
    const layer = parseHadolintConfig({ "no-fail": true, "failure-threshold": "error" }, "f", RULES);
    expect(layer.lint.failureThreshold).toBe("none");
  });

  it.each([
    [{ override: { fatal: [] } }, "f: override.fatal: unknown key; allowed keys: error, warning, info, style"],
    [{ ignored: ["DL3O08"] }, 'ignored[0]: unknown rule "DL3O08" (did you mean DL3008?)'],
    [{ format: "codeclimate" }, 'format: expected one of tty, json, sarif, github, checkstyle; got "codeclimate"'],
    [{ trustedRegistries: 3 }, "trustedRegistries: expected a string or a list of strings, got number 3"],
    [{ failureThreshold: "error" }, "failureThreshold: unknown key; allowed keys: failure-threshold,"],
  ])("rejects %j", (document, message) => {
    expect(errorOf(() => parseHadolintConfig(document, "f", RULES))).toContain(message);
  });
});

describe("the environment", () => {
  it("reads hadolint's variables", () => {
    const layer = environmentLayer(
      {
        HADOLINT_IGNORE: "DL3008, DL3009",
        HADOLINT_OVERRIDE_ERROR: "DL3006",
        HADOLINT_TRUSTED_REGISTRIES: "a.io,b.io",
        HADOLINT_REQUIRE_LABELS: "maintainer:email,version:semver",
        HADOLINT_STRICT_LABELS: "yes",
        HADOLINT_DISABLE_IGNORE_PRAGMA: "1",
        HADOLINT_FAILURE_THRESHOLD: "warning",
        HADOLINT_FORMAT: "json",
        HADOLINT_VERBOSE: "true",
      },
      RULES,
    );
    expect(layer.lint).toEqual({
      ignored: ["DL3008", "DL3009"],
      severity: { DL3006: "error" },
      trustedRegistries: ["a.io", "b.io"],
      labelSchema: { maintainer: "email", version: "semver" },
      strictLabels: true,
      disableIgnorePragma: true,
      failureThreshold: "warning",
    });
    expect(layer.output).toEqual({ format: "json", verbose: true });
  });

  it("imagediet's variables win over hadolint's, and lists add up", () => {
    const layer = environmentLayer(
      {
        HADOLINT_FAILURE_THRESHOLD: "error",
        IMAGEDIET_FAILURE_THRESHOLD: "style",
        HADOLINT_IGNORE: "DL3008",
        IMAGEDIET_IGNORE: "DL3009",
        HADOLINT_NOFAIL: "0",
      },
      RULES,
    );
    expect(layer.lint.failureThreshold).toBe("style");
    expect(layer.lint.ignored).toEqual(["DL3008", "DL3009"]);
  });

  it("HADOLINT_NOFAIL means nothing fails", () => {
    expect(environmentLayer({ HADOLINT_NOFAIL: "on" }, RULES).lint.failureThreshold).toBe("none");
  });

  it.each([
    [{ IMAGEDIET_IGNORE: "nope" }, 'IMAGEDIET_IGNORE: unknown rule "nope"'],
    [{ HADOLINT_OVERRIDE_INFO: "DL30" }, 'HADOLINT_OVERRIDE_INFO: unknown rule "DL30"'],
    [{ IMAGEDIET_FAILURE_THRESHOLD: "critical" }, "IMAGEDIET_FAILURE_THRESHOLD: expected one of error,"],
    [{ HADOLINT_STRICT_LABELS: "maybe" }, "HADOLINT_STRICT_LABELS: expected one of 1, y, yes, on, true,"],
    [{ HADOLINT_REQUIRE_LABELS: "maintainer" }, "HADOLINT_REQUIRE_LABELS: expected LABEL:TYPE pairs"],
    [{ HADOLINT_FORMAT: "gnu" }, 'HADOLINT_FORMAT: expected one of tty, json, sarif, github, checkstyle; got "gnu"'],
  ])("rejects %j naming the variable", (env, message) => {
    expect(errorOf(() => environmentLayer(env, RULES))).toContain(message);
  });
});
