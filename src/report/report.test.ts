import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../test/helpers/shared.js";
import { renderConsole } from "./console.js";
import { renderHtml } from "./html.js";
import { renderMarkdown } from "./markdown.js";
import type { Report } from "./model.js";

const sample = (): Report => JSON.parse(readFileSync(join(ROOT, "test", "fixtures", "report", "sample.json"), "utf8"));
const schema = JSON.parse(readFileSync(join(ROOT, "docs", "report.schema.json"), "utf8"));

describe("report JSON schema", () => {
  const ajv = new Ajv({ allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(schema);

  it("accepts the sample report", () => {
    expect(validate(sample()), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each([
    ["a missing field", (r: Report) => Reflect.deleteProperty(r.apps[0], "reduction")],
    ["a bad check status", (r: Report) => Object.assign(r.apps[0].checks[0], { optimized: "ok" })],
    ["an unknown field", (r: Report) => Object.assign(r.apps[0], { extra: 1 })],
    ["a reduction over 1", (r: Report) => Object.assign(r.apps[0], { reduction: 1.5 })],
    ["another version", (r: Report) => Object.assign(r, { reportVersion: 2 })],
  ])("rejects %s", (_name, mutate) => {
    const report = sample();
    mutate(report);
    expect(validate(report)).toBe(false);
  });
});

describe("renderers", () => {
  it("Markdown: summary table, sizes, CVEs, builds, pulls, efficiency, checks, techniques", () => {
    const md = renderMarkdown(sample());
    expect(md).toContain("| go-api-server | 780 MB | 6.2 MB | 99.2% | 41.2s → 44.0s | 18.9s → 4.1s | ✓ 3/3 |");
    expect(md).toContain("| size (uncompressed) | 780 MB | 6.2 MB | −99.2% |");
    expect(md).toContain("| original | 2 | 11 | 30 | 44 | 3 | 90 |");
    expect(md).toContain("| pull at 100 Mbit/s | 23.2s | 0.2s | |");
    expect(md).toContain("| layer efficiency (dive) | 97.0% | 100.0% | |");
    expect(md).toContain("| non-root user | ✗ fail | ✓ pass |");
    expect(md).toContain("1. **Multi-stage build: golang builder, scratch final image**");
    expect(md).toContain("- `libpq5`: psycopg2 needs libpq.so.5 at run time");
  });

  it("console: sizes with the reduction and a mark per check", () => {
    const text = renderConsole(sample(), { color: false });
    expect(text).toContain("size        780 MB →    6.2 MB  −99.2%");
    expect(text).toContain("✗ ✓ non-root user");
  });

  it("HTML: self-contained, no scripts, no network", () => {
    const html = renderHtml(sample());
    expect(html).not.toMatch(/<script|https?:\/\/|<link /);
    expect(html).toContain('data-chart="size"');
    expect(html).toContain('data-chart="cves-missing"');
  });
});
