import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { imagediet } from "../helpers/cli.js";
import { ROOT } from "../helpers/shared.js";

const SAMPLE = join(ROOT, "test", "fixtures", "report", "sample.json");

describe("imagediet report", () => {
  it.each([
    ["md", "# imagediet comparison report"],
    ["html", "<!doctype html>"],
    ["console", "go-api-server"],
  ])("--format %s", (format, start) => {
    const { code, stdout } = imagediet(["report", SAMPLE, "--format", format]);
    expect(code).toBe(0);
    expect(stdout).toContain(start);
  });

  it("--format json round-trips the report", () => {
    expect(JSON.parse(imagediet(["report", SAMPLE, "--format", "json"]).stdout)).toEqual(
      JSON.parse(readFileSync(SAMPLE, "utf8")),
    );
  });

  it("-o writes a file", () => {
    const out = join(mkdtempSync(join(tmpdir(), "imagediet-report-")), "r.html");
    imagediet(["report", SAMPLE, "--format", "html", "-o", out]);
    expect(readFileSync(out, "utf8")).toContain('data-chart="size"');
  });

  it("rejects another report version in one line", () => {
    const file = join(mkdtempSync(join(tmpdir(), "imagediet-report-")), "old.json");
    writeFileSync(file, JSON.stringify({ reportVersion: 9, apps: [] }));
    const { code, stderr } = imagediet(["report", file]);
    expect(code).toBe(2);
    expect(stderr.trim()).toBe(`${file}: reportVersion 9 is not supported (this imagediet reads 1)`);
  });
});
