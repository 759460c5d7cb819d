import { beforeAll, describe, expect, it } from "vitest";
import type { CommandInstruction, RunInstruction, ShellScript } from "./model.js";
import { parse } from "./parse.js";
import { loadShellParser } from "./shell.js";

beforeAll(() => loadShellParser());

const shellOf = (line: string): ShellScript => {
  const instruction = parse(`FROM a\n${line}\n`).instructions[1] as RunInstruction | CommandInstruction;
  if (!instruction.shell) throw new Error("no shell model");
  return instruction.shell;
};
const summary = (line: string) => shellOf(line).commands.map((c) => [c.name?.value, c.next, c.context.join(">")]);

describe("RUN shell model", () => {
  it("joins commands with &&, ||, ; and |", () => {
    expect(summary("RUN a && b || c; d | e & f")).toEqual([
      ["a", "&&", ""],
      ["b", "||", ""],
      ["c", ";", ""],
      ["d", "|", ""],
      ["e", "&", ""],
      ["f", undefined, ""],
    ]);
  });

  it("splits flags: clusters, --x=y and --x y for options known to take a value", () => {
    const [apk] = shellOf("RUN apk add --no-cache --virtual .build-deps -ut x gcc musl-dev").commands;
    expect(apk.flags.map((f) => [f.name, f.value])).toEqual([
      ["no-cache", undefined],
      ["virtual", ".build-deps"],
      ["u", undefined],
      ["t", "x"],
    ]);
    const [pip] = shellOf("RUN pip install --no-cache-dir -r requirements.txt --index-url=https://x").commands;
    expect(pip.flags.map((f) => [f.name, f.value])).toEqual([
      ["no-cache-dir", undefined],
      ["r", "requirements.txt"],
      ["index-url", "https://x"],
    ]);
  });

  it("stops reading flags at --", () => {
    const [rm] = shellOf("RUN rm -f -- -weird").commands;
    expect(rm.flags.map((f) => f.name)).toEqual(["f"]);
  });

  it("reads set -eux and set -o pipefail", () => {
    expect(shellOf("RUN set -eux; set -o pipefail; true").setOptions).toEqual(["e", "u", "x", "pipefail"]);
    expect(shellOf("RUN set -euo pipefail && true").setOptions).toEqual(["e", "u", "pipefail"]);
  });

  it("keeps redirects with the command they belong to", () => {
    const [curl, tee] = shellOf("RUN curl -fsSL https://x 2>/dev/null | tee /tmp/out >> /log").commands;
    expect(curl.redirects.map((r) => [r.descriptor, r.operator, r.target])).toEqual([[2, ">", "/dev/null"]]);
    expect(tee.redirects.map((r) => [r.operator, r.target])).toEqual([[">>", "/log"]]);
  });

  it("attributes a redirect after a list to its last command", () => {
    const commands = shellOf("RUN { echo a && echo b; } > /out").commands;
    expect(commands[1].redirects.map((r) => r.target)).toEqual(["/out"]);
  });

  it("sees commands in subshells, if, for, while and case", () => {
    expect(summary("RUN (cd /src && make) && if [ -f x ]; then rm x; fi && for f in *; do echo $f; done")).toEqual([
      ["cd", "&&", "subshell"],
      ["make", undefined, "subshell"],
      ["rm", ";", "if"],
      ["echo", ";", "for"],
    ]);
    expect(summary("RUN while true; do sleep 1; done; case $A in a) echo a;; esac").map((c) => [c[0], c[2]])).toEqual([
      ["true", "while"],
      ["sleep", "while"],
      ["echo", "case"],
    ]);
  });

  it("sees commands inside $(…)", () => {
    const names = shellOf("RUN apt-get remove $(dpkg -l | awk '{print $2}')").commands.map((c) => [
      c.name?.value,
      c.context.join(">"),
    ]);
    expect(names).toEqual([
      ["apt-get", ""],
      ["dpkg", "$()"],
      ["awk", "$()"],
    ]);
  });

  it("parses the script of sh -c '…' with ranges in the Dockerfile", () => {
    const commands = shellOf("RUN sh -c 'apk add curl && rm -rf /var/cache/apk/*'").commands;
    expect(commands.map((c) => [c.name?.value, c.context.join(">")])).toEqual([
      ["sh", ""],
      ["apk", "sh -c"],
      ["rm", "sh -c"],
    ]);
    expect(commands[1].range.start).toMatchObject({ line: 2, column: 12 });
  });

  it("unquotes static words and marks expansions as dynamic", () => {
    const [echo] = shellOf(`RUN echo 'a b' "c d" e\\ f "$HOME" x$(date)`).commands;
    expect(echo.args.map((a) => [a.value, a.dynamic])).toEqual([
      ["a b", false],
      ["c d", false],
      ["e f", false],
      ['"$HOME"', true],
      ["x$(date)", true],
    ]);
  });

  it("models shell-form CMD and ENTRYPOINT but not exec form", () => {
    expect(summary("CMD node server.js || exit 1")).toEqual([
      ["node", "||", ""],
      ["exit", undefined, ""],
    ]);
    expect((parse('FROM a\nCMD ["node", "server.js"]\n').instructions[1] as CommandInstruction).shell).toBeUndefined();
  });

  it("flags a shell syntax error instead of guessing", () => {
    expect(shellOf("RUN echo 'unclosed").hasError).toBe(true);
    expect(shellOf("RUN echo ok").hasError).toBe(false);
  });
});
