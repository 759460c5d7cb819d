import { describe, expect, it } from "vitest";
import type { CommandInstruction, RunInstruction, ShellScript } from "./model.js";
import { parse } from "./parse.js";

const shellOf = (line: string): ShellScript => {
  const instruction = parse(`FROM a\n${line}\n`).instructions[1] as RunInstruction | CommandInstruction;
  if (!instruction.shell) throw new Error("no shell model");
  return instruction.shell;
};
const summary = (line: string) => shellOf(line).commands.map((c) => [c.name?.value, c.next, c.context.join(">")]);

describe("RUN shell model", () => {
  it("comes with every parse: there is no loading step to forget", () => {
    expect(summary("RUN apt-get update")).toEqual([["apt-get", undefined, ""]]);
    expect(summary("RUN if true; then a; fi")).toEqual([
      ["true", ";", "if"],
      ["a", ";", "if"],
    ]);
  });

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

  it.each([
    ["RUN sudo -E apt-get install -y curl", "apt-get", ["sudo:"], [], 13],
    ["RUN sudo -u app -g app make", "make", ["sudo:app"], [], 24],
    ["RUN sudo --user=app make", "make", ["sudo:app"], [], 21],
    ["RUN env -i A=1 B='2 3' pip install x", "pip", ["env:"], ["A=1", "B=2 3"], 24],
    ["RUN PIP_NO_CACHE_DIR=1 pip install x", "pip", [], ["PIP_NO_CACHE_DIR=1"], 5],
    ["RUN nice -n 10 nohup time -p make", "make", ["nice:", "nohup:", "time:"], [], 30],
    ["RUN nice -10 make", "make", ["nice:"], [], 14],
    ["RUN timeout -s KILL 30 curl -fsSL https://x", "curl", ["timeout:"], [], 24],
    ["RUN gosu app:app node s.js", "node", ["gosu:app:app"], [], 18],
    ["RUN exec su-exec $APP_USER node s.js", "node", ["exec:", "su-exec:$APP_USER"], [], 28],
    ["RUN find / -name x | xargs -0 -I{} rm -f {}", "rm", ["xargs:"], [], 36],
    ["RUN sudo -- apk add x", "apk", ["sudo:"], [], 13],
    ["CMD exec tini -- node server.js", "node", ["exec:", "tini:"], [], 18],
  ])("reads %s as the command it runs", (line, name, wrappers, assignments, column) => {
    const commands = shellOf(line).commands;
    const command = commands[commands.length - 1];
    expect(command.name?.value).toBe(name);
    expect(command.wrappers.map((w) => `${w.name}:${w.user ?? ""}`)).toEqual(wrappers);
    expect(command.assignments.map((a) => `${a.name}=${a.value}`)).toEqual(assignments);
    expect(command.range.start.column).toBe(column);
    // The range starts at the name past any wrapper; assignments written before it belong to the command.
    expect(command.text).toMatch(new RegExp(`^(\\w+=\\S+ )*${name}`));
  });

  it.each([
    "RUN sudo -l",
    "RUN sudo $FLAGS apt-get install x",
    "RUN env",
    "RUN exec >/log 2>&1",
    "RUN xargs",
    "RUN timeout 10",
  ])("keeps %s as it is when what runs cannot be told", (line) => {
    const [command] = shellOf(line).commands;
    expect(command.wrappers).toEqual([]);
    expect(command.name?.value).toBe(line.split(" ")[1]);
  });

  it("gives the commands of sudo sh -c '…' and su -c '…' their wrappers and ranges", () => {
    const commands = shellOf("RUN sudo -u app sh -c 'apt-get update' && su app -c 'npm ci'").commands;
    expect(commands.map((c) => [c.name?.value, c.wrappers.map((w) => w.name).join(), c.context.join()])).toEqual([
      ["sh", "sudo", ""],
      ["apt-get", "sudo", "sh -c"],
      ["su", "", ""],
      ["npm", "", "su -c"],
    ]);
    expect(commands[3].range.start).toMatchObject({ line: 2, column: 54 });
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
