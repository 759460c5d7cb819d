import { describe, expect, it } from "vitest";
import { dumpBuildkit } from "./dump.js";
import { parse } from "./parse.js";

const directives = (text: string) => parse(text).directives.map((d) => [d.name, d.value]);
const errors = (text: string) =>
  parse(text)
    .diagnostics.filter((d) => d.severity === "error")
    .map((d) => d.message);

// Directive rules from buildkit-behaviour.md §1.3.
describe("parser directives", () => {
  it("reads syntax, escape and check, keys in any case", () => {
    expect(directives("# syntax=docker/dockerfile:1\n# ESCAPE=`\n#check=skip=all\nFROM a\n")).toEqual([
      ["syntax", "docker/dockerfile:1"],
      ["escape", "`"],
      ["check", "skip=all"],
    ]);
  });

  it("allows spaces around = and after #", () => {
    expect(directives("#   escape   =   `   \nFROM a\n")).toEqual([["escape", "`"]]);
  });

  it("stops at the first ordinary comment", () => {
    expect(directives("# a comment\n# escape=`\nFROM a\n")).toEqual([]);
  });

  it("stops at a blank line", () => {
    expect(directives("\n# escape=`\nFROM a\n")).toEqual([]);
  });

  it("stops at an unknown key", () => {
    expect(directives("# foo=bar\n# escape=`\nFROM a\n")).toEqual([]);
  });

  it("stops after the first instruction", () => {
    expect(directives("FROM a\n# escape=`\n")).toEqual([]);
  });

  it("rejects a repeated directive", () => {
    expect(errors("# escape=`\n# escape=\\\nFROM a\n")).toEqual(["only one escape parser directive can be used"]);
  });

  it("rejects an escape that is neither \\ nor `", () => {
    expect(errors("# escape=x\nFROM a\n")[0]).toBe("invalid escape token 'x' does not match ` or \\");
  });

  it("a shebang ends escape detection but still lets syntax and check be found", () => {
    const dockerfile = parse("#!/usr/bin/env buildctl\n# syntax=docker/dockerfile:1\n# escape=`\nFROM a `\n  b\n");
    expect(dockerfile.directives.map((d) => d.name)).toEqual(["syntax"]);
    expect(dockerfile.escape).toBe("\\");
  });

  it("a backtick escape changes continuation but not heredoc detection", () => {
    const dockerfile = parse("# escape=`\nFROM a\nRUN echo \\\nRUN echo a `\n  b\n");
    expect(dumpBuildkit(dockerfile)).toBe('(from "a")\n(run "echo \\\\")\n(run "echo a   b")');
  });

  it("a continuation character is not honoured on a directive line", () => {
    expect(directives("# escape=\\\\\nFROM a\n")).toEqual([["escape", "\\\\"]]);
  });

  it("removes directive lines from the comments of the first instruction", () => {
    expect(parse("# syntax=x\n# about a\nFROM a\n").instructions[0].comments).toEqual(["about a"]);
  });

  it("strips a UTF-8 byte order mark before directives", () => {
    const dockerfile = parse("\ufeff# escape=`\nFROM a\n");
    expect(dockerfile.bom).toBe(true);
    expect(dockerfile.escape).toBe("`");
  });
});

describe("comments and continuation", () => {
  it("collects comments above an instruction; a bare # resets them; blank lines do not", () => {
    const dockerfile = parse("# one\n\n# two\nFROM a\n# three\n#\n# four\nRUN x\n");
    expect(dockerfile.instructions.map((i) => i.comments)).toEqual([["one", "two"], ["four"]]);
  });

  it("drops comment and blank lines inside a continuation and warns about the blank one", () => {
    const dockerfile = parse("FROM a\nRUN echo a \\\n# note\n\n  b\n");
    expect(dumpBuildkit(dockerfile)).toBe('(from "a")\n(run "echo a   b")');
    expect(dockerfile.diagnostics).toMatchObject([{ severity: "warning", code: "NoEmptyContinuation" }]);
  });

  it("an instruction may end at EOF in a continuation", () => {
    expect(dumpBuildkit(parse("FROM a\nRUN echo \\"))).toBe('(from "a")\n(run "echo")');
  });

  it("an escaped escape does not continue", () => {
    expect(dumpBuildkit(parse("FROM a\nENV A b\\\\\nENV C d\n"))).toBe(
      '(from "a")\n(env "A" "b\\\\\\\\" "")\n(env "C" "d" "")',
    );
  });

  it("keywords are case-insensitive and keep their case", () => {
    const dockerfile = parse("from a AS b\nrun echo\n");
    expect(dockerfile.instructions.map((i) => [i.keyword, i.keywordToken.value])).toEqual([
      ["FROM", "from"],
      ["RUN", "run"],
    ]);
  });
});
