import { describe, expect, it } from "vitest";
import { parse } from "../src/dockerfile/index.js";
import { defaultLintConfig } from "../src/lint/config.js";
import { lint, PARSE_ERROR_RULE } from "../src/lint/engine.js";
import { ALL_RULES } from "../src/lint/rules/index.js";
import { corpusFiles, readText } from "./helpers/shared.js";

describe("lint over shared/corpus", () => {
  const files = corpusFiles();

  it("lints all 51 real Dockerfiles with no crash and no parse error", () => {
    expect(files.length).toBe(51);
    for (const [name, path] of files) {
      const findings = lint(parse(readText(path), { file: name }), { rules: ALL_RULES, config: defaultLintConfig() });
      expect(
        findings.filter((f) => f.rule === PARSE_ERROR_RULE),
        name,
      ).toEqual([]);
    }
  });

  it("keeps the finding counts per rule (review changes to this snapshot)", async () => {
    const config = { ...defaultLintConfig(), enable: ALL_RULES.filter((r) => r.meta.optIn).map((r) => r.meta.id) };
    const counts: Record<string, number> = Object.fromEntries(ALL_RULES.map((r) => [r.meta.id, 0]));
    for (const [name, path] of files) {
      for (const finding of lint(parse(readText(path), { file: name }), { rules: ALL_RULES, config })) {
        counts[finding.rule] = (counts[finding.rule] ?? 0) + 1;
      }
    }
    await expect(`${JSON.stringify(counts, null, 2)}\n`).toMatchFileSnapshot("./fixtures/corpus-lint-counts.json");
  });
});
