import { describe, expect, it } from "vitest";
import type { ArgInstruction, CopyInstruction, FromInstruction, RunInstruction } from "./model.js";
import { parse } from "./parse.js";

const errors = (text: string) =>
  parse(text)
    .diagnostics.filter((d) => d.severity === "error")
    .map((d) => d.message);
const second = <T>(text: string) => parse(`FROM a\n${text}\n`).instructions[1] as T;

// Flag and arity rules of BuildKit's instruction layer (buildkit-behaviour.md §1.9).
describe("flags", () => {
  it.each([
    ["RUN --network=host x", []],
    ["RUN --network=bogus x", ['unsupported network value "bogus", expected one of: default, none, host']],
    ["RUN --security=insecure x", []],
    ["RUN --foo x", ["unknown flag: --foo"]],
    ["RUN --mout=type=cache,target=/x x", ["unknown flag: --mout (did you mean --mount?)"]],
    ["COPY --link --link a b", ["duplicate flag specified: link"]],
    ["COPY --link=false a b", []],
    ["COPY --link=maybe a b", ["expecting boolean value for flag link, not: maybe"]],
    ["COPY --from a b", ["missing a value on flag: from"]],
    ["COPY --exclude=*.md --exclude=*.txt a b", []],
    ["COPY --parents --chmod=755 --chown=1000:1000 a b", []],
    ["ADD --checksum=sha256:abc --keep-git-dir --unpack=true --link a b", []],
    ["ADD --parents a b", ["unknown flag: --parents"]],
    ["WORKDIR --x /a", ["unknown flag: --x"]],
    ["ARG --x=1 A", []],
    ["STOPSIGNAL --x SIGTERM", []],
    ["HEALTHCHECK --whatever NONE", []],
    ["HEALTHCHECK --interval=5s --timeout=3s --start-period=1m --start-interval=2s --retries=3 CMD x", []],
    ["HEALTHCHECK --interval=5 CMD x", ['invalid duration "5" for --interval']],
    ["HEALTHCHECK --retries=-1 CMD x", ["--retries cannot be negative"]],
    ["HEALTHCHECK --interval=0s CMD x", []],
  ])("%s", (line, expected) => expect(errors(`FROM a\n${line}\n`)).toEqual(expected));

  it("keeps raw flags with ranges for name and value", () => {
    const copy = second<CopyInstruction>("COPY --from=build --chown=app:app /src /dst");
    expect(copy.from).toMatchObject({ name: "from", value: "build", raw: "--from=build" });
    expect(copy.from?.valueRange?.start).toMatchObject({ line: 2, column: 13 });
    expect(copy.chown?.value).toBe("app:app");
    expect(copy.sources.map((s) => s.value)).toEqual(["/src"]);
    expect(copy.destination?.value).toBe("/dst");
  });

  it("removes quotes inside flag words, as BuildKit stores them", () => {
    const copy = second<CopyInstruction>('COPY --chown="app:app" a b');
    expect(copy.chown?.raw).toBe("--chown=app:app");
  });

  it("a bare -- ends the flags", () => {
    const copy = second<CopyInstruction>("COPY --link -- --odd-name /dst");
    expect(copy.link).toBe(true);
    expect(copy.sources.map((s) => s.value)).toEqual(["--odd-name"]);
  });
});

describe("RUN --mount", () => {
  it.each([
    [
      "--mount=type=cache,target=/root/.cache,sharing=locked,id=pip",
      { type: "cache", target: "/root/.cache", sharing: "locked", id: "pip", readonly: false },
    ],
    [
      "--mount=type=bind,from=build,source=/out,target=/in",
      { type: "bind", from: "build", source: "/out", target: "/in", readonly: true },
    ],
    ["--mount=target=/x", { type: "bind", target: "/x" }],
    ["--mount=type=secret,id=npmrc,target=/root/.npmrc,required", { type: "secret", id: "npmrc", required: true }],
    ["--mount=type=secret,id=tok,env=TOKEN", { type: "secret", env: "TOKEN" }],
    ["--mount=type=ssh", { type: "ssh" }],
    ["--mount=type=tmpfs,target=/tmp,size=64m", { type: "tmpfs", size: 64 * 1024 * 1024, readonly: false }],
    ["--mount=type=cache,target=/c,mode=0755,uid=1000,gid=1000", { mode: 0o755, uid: 1000, gid: 1000 }],
    ["--mount=TYPE=cache,Target=/c,rw", { type: "cache", target: "/c", readonly: false }],
    ['--mount="type=bind,source=a,target=/b"', { type: "bind", source: "a", target: "/b" }],
  ])("%s", (flag, expected) => {
    const run = second<RunInstruction>(`RUN ${flag} true`);
    expect(run.mounts[0]).toMatchObject(expected);
  });

  it.each([
    ["--mount=type=nfs,target=/x", 'unsupported mount type "nfs"'],
    ["--mount=type=cache,tagret=/x", "unexpected key 'tagret' in 'tagret=/x' (did you mean target?)"],
    ["--mount=type=bind,sharing=locked,target=/x", "sharing is not allowed for bind mounts"],
    ["--mount=type=secret,id=a,source=b", "both source and id can't be set for a secret mount"],
    ["--mount=type=secret,from=x,id=a", "secret mount source can't be from another stage"],
    [
      "--mount=type=bind,from=$STAGE,target=/x",
      "'from' doesn't support variable expansion, define alias stage instead",
    ],
    ["--mount=type=cache,target=/x,mode=999", "invalid value for mode: 999"],
  ])("%s is rejected", (flag, message) => {
    expect(errors(`FROM a\nRUN ${flag} true\n`)).toContain(message);
  });

  it("gives each mount option its own source range", () => {
    const run = second<RunInstruction>("RUN --mount=type=cache,target=/root/.cache pip install x");
    const target = run.mounts[0].options[1];
    expect(target.key).toBe("target");
    expect(target.valueRange?.start).toMatchObject({ line: 2, column: 31 });
    expect(target.valueRange?.end).toMatchObject({ line: 2, column: 43 });
  });
});

describe("instruction arity and shapes", () => {
  it.each([
    ["FROM", ["FROM requires either one or three arguments"]],
    ["FROM a b", ["FROM requires either one or three arguments"]],
    ["FROM a to b", ['when using FROM with 3 arguments, the second argument must be "AS" (not "to")']],
    ["FROM a AS 1st", ['invalid name for build stage: "1st", name can\'t start with a number or contain symbols']],
    ["FROM a as Build", []],
    ["WORKDIR", ["WORKDIR requires exactly one argument"]],
    ["USER", ["USER requires exactly one argument"]],
    ["EXPOSE", ["EXPOSE requires at least one argument"]],
    [
      "COPY a",
      ["COPY requires at least two arguments, but only one was provided. Destination could not be determined"],
    ],
    ["SHELL /bin/sh -c", ["SHELL requires the arguments to be in JSON form"]],
    ['SHELL ["/bin/bash", "-c"]', []],
    ["HEALTHCHECK CMD", ["Missing command after HEALTHCHECK CMD"]],
    ["HEALTHCHECK CONNECT TCP", ['Unknown type "CONNECT" in HEALTHCHECK (try CMD)']],
    ["HEALTHCHECK NONE x", ["HEALTHCHECK NONE takes no arguments"]],
    ["ONBUILD ONBUILD RUN x", ["Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed"]],
    ["ONBUILD FROM x", ["FROM isn't allowed as an ONBUILD trigger"]],
    ["ENV a", ["ENV must have two arguments"]],
    ["ENV a=1 b", ['Syntax error - can\'t find = in "b". Must be of the form: name=value']],
    ["LABEL =x", ["LABEL names can not be blank"]],
    ["FORM a", ["unknown instruction: FORM (did you mean from?)"]],
    ['CMD ["a", 1]', ["when using JSON array syntax, arrays must be comprised of strings only"]],
    ['VOLUME [""]', ["VOLUME specified can not be an empty string"]],
  ])("%s", (line, expected) => {
    const text = line.startsWith("FROM") ? `${line}\n` : `FROM a\n${line}\n`;
    expect(errors(text)).toEqual(expected);
  });

  it("types FROM with platform, image and stage name", () => {
    const from = parse("FROM --platform=$BUILDPLATFORM golang:1.22 AS Build\n").instructions[0] as FromInstruction;
    expect(from.platform?.value).toBe("$BUILDPLATFORM");
    expect(from.image?.value).toBe("golang:1.22");
    expect(from.stageName?.value).toBe("Build");
    expect(parse("FROM a AS Build\n").stages[0].name).toBe("build");
  });

  it("types ARG definitions with defaults and ENV pairs in both forms", () => {
    const arg = second<ArgInstruction>('ARG A B=2 C="x y"');
    expect(arg.definitions.map((d) => [d.name.value, d.defaultValue?.value])).toEqual([
      ["A", undefined],
      ["B", "2"],
      ["C", '"x y"'],
    ]);
    expect(arg.definitions[1].defaultValue?.range.start).toMatchObject({ column: 9 });
    const env = parse("FROM a\nENV A=1 B=2\nENV LEGACY some value\n").instructions;
    expect(
      env
        .slice(1)
        .map((i) => (i.keyword === "ENV" ? i.pairs.map((p) => [p.key.value, p.value.value, p.separator]) : [])),
    ).toEqual([
      [
        ["A", "1", "="],
        ["B", "2", "="],
      ],
      [["LEGACY", "some value", ""]],
    ]);
  });

  it("splits stages and finds global ARGs and parent stages", () => {
    const dockerfile = parse(
      "ARG BASE=golang:1.22\nFROM ${BASE} AS build\nRUN make\nFROM build AS test\nFROM scratch\nCOPY --from=build /a /a\n",
    );
    expect(dockerfile.globalArgs).toHaveLength(1);
    expect(dockerfile.stages.map((s) => [s.name, s.baseImageExpanded, s.parentStage, s.instructions.length])).toEqual([
      ["build", "golang:1.22", undefined, 2],
      ["test", "build", 0, 1],
      [undefined, "scratch", undefined, 2],
    ]);
    expect(dockerfile.instructions.map((i) => i.stageIndex)).toEqual([-1, 0, 0, 1, 2, 2]);
  });
});
