import { describe, expect, it } from "vitest";
import { parse } from "../dockerfile/index.js";
import { defaultLintConfig } from "./config.js";
import { lint } from "./engine.js";
import { ALL_RULES } from "./rules/index.js";

function rulesAt(text: string, disableIgnorePragma = false): string[] {
  const config = { ...defaultLintConfig(), disableIgnorePragma };
  return lint(parse(text), { rules: ALL_RULES, config })
    .filter((f) => ["DL3014", "DL3021", "DL3015"].includes(f.rule))
    .map((f) => `${f.rule}@${f.range.start.line}`);
}

describe("ignore pragmas", () => {
  const install = "RUN apt-get install curl";

  it("takes ids separated by a comma and spaces, and a reason after them", () => {
    expect(rulesAt(`FROM a:1\n# hadolint ignore=DL3014, DL3015 we answer with a preseed\n${install}`)).toEqual([]);
    expect(rulesAt(`FROM a:1\n# hadolint ignore=DL3014 ,DL3015\n${install}`)).toEqual([]);
    expect(rulesAt(`FROM a:1\n# imagediet ignore=DL3014 # why\n${install}`)).toEqual(["DL3015@3"]);
  });

  it("applies to the next instruction only", () => {
    expect(rulesAt(`FROM a:1\n# hadolint ignore=DL3014\n${install}\n${install}`)).toEqual([
      "DL3015@3",
      "DL3014@4",
      "DL3015@4",
    ]);
  });

  it("a stage pragma above FROM covers that stage, and only that one", () => {
    const text = `# hadolint stage ignore=DL3014,DL3015\nFROM a:1\n${install}\n${install}\nFROM b:1\n${install}`;
    expect(rulesAt(text)).toEqual(["DL3014@6", "DL3015@6"]);
  });

  it("a stage pragma above another instruction covers nothing", () => {
    expect(rulesAt(`FROM a:1\n# hadolint stage ignore=DL3014\n${install}`)).toEqual(["DL3014@3", "DL3015@3"]);
  });

  it("a global pragma covers the file, wherever it is", () => {
    expect(rulesAt(`FROM a:1\n${install}\n# imagediet global ignore=DL3015\nFROM b:1\n${install}`)).toEqual([
      "DL3014@2",
      "DL3014@5",
    ]);
  });

  it("disableIgnorePragma switches every pragma off", () => {
    expect(rulesAt(`FROM a:1\n# hadolint ignore=DL3014,DL3015\n${install}`, true)).toEqual(["DL3014@3", "DL3015@3"]);
  });
});
