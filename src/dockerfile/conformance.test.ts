import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CONFORMANCE, readText } from "../../test/helpers/shared.js";
import { dumpBuildkit } from "./dump.js";
import { parse } from "./parse.js";

const root = CONFORMANCE();
const positive = readdirSync(join(root, "testfiles")).sort();
const negative = readdirSync(join(root, "testfiles-negative")).sort();

describe("BuildKit parser conformance: testfiles", () => {
  it("has the 33 cases", () => expect(positive.length).toBe(33));
  it.each(positive)("%s dumps exactly BuildKit's result", (name) => {
    const dockerfile = parse(readText(join(root, "testfiles", name, "Dockerfile")), { file: name });
    const errors = dockerfile.diagnostics.filter((d) => d.severity === "error" && d.code === "parse-error");
    expect(errors).toEqual([]);
    expect(`${dumpBuildkit(dockerfile)}\n`).toBe(readText(join(root, "testfiles", name, "result")));
  });
});

describe("BuildKit parser conformance: testfiles-negative", () => {
  it("has the 4 cases", () => expect(negative.length).toBe(4));
  it.each(negative)("%s is rejected", (name) => {
    const dockerfile = parse(readText(join(root, "testfiles-negative", name, "Dockerfile")), { file: name });
    expect(dockerfile.diagnostics.filter((d) => d.severity === "error").length).toBeGreaterThan(0);
  });
});

describe("BuildKit parser conformance: line numbers", () => {
  it("places the AST at lines 5..31 with children [5,5] [11,12] [17,31]", () => {
    const dockerfile = parse(readText(join(root, "testfile-line", "Dockerfile")));
    const lines = dockerfile.instructions.map((i) => [i.startLine, i.endLine]);
    expect(lines).toEqual([
      [5, 5],
      [11, 12],
      [17, 31],
    ]);
  });
});
