import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CONFORMANCE, readText } from "../../test/helpers/shared.js";
import { envFromMap, expandWord, expandWords, referencedVariables } from "./expand.js";

const shellDir = () => join(CONFORMANCE(), "shell");

interface EnvCase {
  line: number;
  input: string;
  expected: string;
}

function envVarCases(): EnvCase[] {
  const cases: EnvCase[] = [];
  readText(join(shellDir(), "envVarTest"))
    .split("\n")
    .forEach((line, index) => {
      if (line.startsWith("#") || line.trim() === "") return;
      const [platform, input, expected] = line.split("|");
      if (platform.trim() === "W") return;
      cases.push({ line: index + 1, input: input.trim(), expected: expected.trim() });
    });
  return cases;
}

describe("BuildKit shell/envVarTest through expandWord", () => {
  const env = envFromMap({ PWD: "/home", SHELL: "bash", KOREAN: "한국어", NULL: "" });
  const cases = envVarCases();
  it("reads every Unix and all-platform case", () => expect(cases.length).toBeGreaterThan(200));
  it.each(cases)("line $line: $input", ({ input, expected }) => {
    if (expected === "error") expect(() => expandWord(input, env)).toThrow();
    else expect(expandWord(input, env)).toBe(expected);
  });
});

describe("BuildKit shell/wordsTest through expandWords", () => {
  const env = new Map<string, string>();
  const cases: { line: number; input: string; expected: string[]; env: Map<string, string> }[] = [];
  readText(join(shellDir(), "wordsTest"))
    .split("\n")
    .forEach((line, index) => {
      if (line.startsWith("#") || line === "") return;
      if (line.startsWith("ENV ")) {
        const assignment = line.slice(3).replace(/^ +/, "");
        const equals = assignment.indexOf("=");
        env.set(assignment.slice(0, equals), assignment.slice(equals + 1));
        return;
      }
      const [input, expected] = line.split("|");
      cases.push({
        line: index + 1,
        input: input.trim(),
        expected: expected.replace(/^ +/, "").split(","),
        env: new Map(env),
      });
    });
  it("reads every case", () => expect(cases.length).toBe(24));
  it.each(cases)("line $line: $input", ({ input, expected, env: vars }) => {
    if (expected[0] === "error") expect(() => expandWords(input, envFromMap(vars))).toThrow();
    else expect(expandWords(input, envFromMap(vars)).map((w) => w.value)).toEqual(expected);
  });
});

describe("expansion operators", () => {
  const env = envFromMap({ FILE: "archive.tar.gz", PATHV: "/usr/local/bin", EMPTY: "" });
  it.each([
    ["${FILE#*.}", "tar.gz"],
    ["${FILE##*.}", "gz"],
    ["${FILE%.*}", "archive.tar"],
    ["${FILE%%.*}", "archive"],
    ["${PATHV/local/share}", "/usr/share/bin"],
    ["${PATHV//\\//:}", ":usr:local:bin"],
    ["${EMPTY-x}", ""],
    ["${EMPTY:-x}", "x"],
    ["${UNSET+x}", ""],
    ["${EMPTY+x}", "x"],
    ["${EMPTY:+x}", ""],
  ])("%s → %s", (input, expected) => expect(expandWord(input, env)).toBe(expected));

  it("keeps unset variables as written with skipUnsetEnv", () => {
    expect(expandWord("$A-${B}", () => undefined, { skipUnsetEnv: true })).toBe("$A-${B}");
  });

  it("lists referenced variables", () => {
    expect(referencedVariables("${BASE:-python}:${TAG}-$VARIANT")).toEqual(["BASE", "TAG", "VARIANT"]);
  });

  it("honours a backtick escape character", () => {
    expect(expandWord("a`$b", () => "x", { escape: "`" })).toBe("a$b");
  });
});
