import { describe, expect, it } from "vitest";
import { expandWord } from "./expand.js";
import type { Instruction } from "./model.js";
import { parse } from "./parse.js";
import { scopeEnvironment, scopesBefore } from "./scope.js";

describe("ARG and ENV scoping", () => {
  const text = [
    "ARG VERSION=3.11",
    "ARG UNUSED=x",
    "FROM python:${VERSION} AS base",
    "ARG VERSION",
    "ENV A=1 B=$A",
    "ENV A=2",
    "WORKDIR /app/$A/$VERSION/$UNUSED",
    "FROM base",
    "WORKDIR /$A",
    "",
  ].join("\n");
  const dockerfile = parse(text);
  const scopes = scopesBefore(dockerfile);
  const expandAt = (instruction: Instruction, word: string) =>
    expandWord(word, scopeEnvironment(scopes.get(instruction) ?? { args: new Map(), env: new Map() }));

  it("expands FROM with global ARG defaults", () => {
    expect(dockerfile.stages[0].baseImageExpanded).toBe("python:3.11");
  });

  it("a global ARG reaches a stage only when re-declared there", () => {
    const workdir = dockerfile.instructions[6];
    expect(expandAt(workdir, "$VERSION|$UNUSED")).toBe("3.11|");
  });

  it("each instruction sees the values from before it: ENV a=1 b=$a uses the old a", () => {
    const secondEnv = dockerfile.instructions[5];
    expect(expandAt(secondEnv, "$A")).toBe("1");
    expect(scopes.get(dockerfile.instructions[6])?.env.get("B")).toBe("");
  });

  it("a stage built on another inherits its ENV but not its ARGs", () => {
    const workdir = dockerfile.instructions[8];
    expect(expandAt(workdir, "$A-$VERSION")).toBe("2-");
  });

  it("build args override defaults", () => {
    const withArgs = scopesBefore(dockerfile, { VERSION: "3.12" });
    expect(scopeEnvironment(withArgs.get(dockerfile.instructions[6]) as never)("VERSION")).toBe("3.12");
  });

  it("an ARG sees the ARGs declared before it on the same line", () => {
    const file = parse("FROM a\nARG A=1 B=$A\nARG C\nRUN x\n");
    const scope = scopesBefore(file).get(file.instructions[3]);
    expect(scope?.args.get("B")).toBe("1");
    expect(scope?.args.has("C")).toBe(true);
    expect(scope?.args.get("C")).toBeUndefined();
  });

  it("names come in the order they were first defined, the parent stage's first", () => {
    const file = parse("FROM a AS base\nENV X=1 Y=2\nFROM base\nENV Z=3 X=4\nRUN x\n");
    const scope = scopesBefore(file).get(file.instructions[4]);
    expect([...(scope?.env.keys() ?? [])]).toEqual(["X", "Y", "Z"]);
    expect(scope?.env.get("X")).toBe("4");
    expect(scopesBefore(file).get(file.instructions[3])?.env.get("X")).toBe("1");
  });
});
