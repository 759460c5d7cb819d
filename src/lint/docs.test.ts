import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../test/helpers/shared.js";
import { allRuleDocs } from "./docs.js";
import { ALL_RULES } from "./rules/index.js";

describe("docs/rules", () => {
  const docs = [...allRuleDocs(ALL_RULES)];
  it.each(docs.map(([name, content]) => [name, content]))("%s is up to date (npm run docs)", (name, content) => {
    const path = join(ROOT, "docs", "rules", name);
    expect(existsSync(path), `${path} is missing: run npm run docs`).toBe(true);
    expect(readFileSync(path, "utf8")).toBe(content);
  });

  it("every rule has a bad and a good example that parse", () => {
    for (const rule of ALL_RULES) {
      expect(rule.meta.examples.bad.length, rule.meta.id).toBeGreaterThan(0);
      expect(rule.meta.examples.good.length, rule.meta.id).toBeGreaterThan(0);
      expect(rule.meta.why.length, rule.meta.id).toBeGreaterThan(40);
    }
  });

  it("rule ids are unique", () => {
    const ids = ALL_RULES.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
