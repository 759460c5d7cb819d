import { beforeAll, describe, expect, it } from "vitest";
import { conformanceFiles, corpusFiles, readText } from "../../test/helpers/shared.js";
import { parse } from "./parse.js";
import { parseScript, parseScriptWithTreeSitter } from "./shell.js";
import { fastCommands } from "./shell-fast.js";
import { LogicalLine, SourceText } from "./text.js";

function lineOf(script: string): LogicalLine {
  const line = new LogicalLine(new SourceText(script));
  line.append(0, script);
  return line;
}

const EXTRA = [
  "apt-get update && apt-get install -y --no-install-recommends curl ca-certificates && rm -rf /var/lib/apt/lists/*",
  "pip install --no-cache-dir -r requirements.txt",
  'echo "hello $NAME" > /etc/motd; chmod 644 /etc/motd',
  "curl -fsSL https://x 2>/dev/null | tar -xz -C /opt >> /log 2>&1",
  "A=1 B=2 make -j4 install",
  "npm ci --omit=dev || exit 1",
  "sh -c 'apk add curl && rm -rf /var/cache/apk/*'",
  'bash -c "echo hi"',
  "set -eux; useradd -l -u 1000000 app",
  "apk add --no-cache --virtual .build-deps gcc musl-dev\nmake\napk del .build-deps\n",
  "echo ${HOME}/x '${literal}' \"${A}b\"",
  "cmd --opt=\"a b\" --x='y' z\\ w",
  "ls *.txt && echo done",
  "echo a;",
  "sudo -E apt-get install -y curl && sudo -u app --preserve-env npm ci",
  'FOO=1 BAR="2 3" env -i A=b nice -n 5 nohup timeout -s KILL 30 gosu app make install',
  "find . -name '*.pyc' | xargs -r -n1 rm -f; exec su-exec app node server.js",
  "sudo sh -c 'apt-get update && apt-get install -y x'",
  "su app -c 'npm install'",
  "sudo $FLAGS apt-get install x",
  "env PATH=$PATH:/opt/bin make",
];

describe("the simple-shell reader agrees with tree-sitter", () => {
  const scripts = new Set<string>(EXTRA);
  beforeAll(async () => {
    for (const [name, path] of [...corpusFiles(), ...conformanceFiles()]) {
      for (const instruction of parse(readText(path), { file: name }).instructions) {
        const run = instruction.keyword === "ONBUILD" ? instruction.trigger : instruction;
        if (run && (run.keyword === "RUN" || run.keyword === "CMD" || run.keyword === "ENTRYPOINT") && run.shell)
          scripts.add(run.shell.source);
      }
    }
  });

  it("reads most real RUN lines itself and gives the same model for every one", () => {
    let fast = 0;
    for (const script of scripts) {
      const line = lineOf(script);
      if (!fastCommands(line, [])) continue;
      fast++;
      expect(parseScript(line), JSON.stringify(script)).toEqual(parseScriptWithTreeSitter(lineOf(script)));
    }
    expect(scripts.size).toBeGreaterThan(200);
    expect(fast / scripts.size).toBeGreaterThan(0.5);
  });

  it.each([
    "(cd x && make)",
    "if true; then a; fi",
    "echo $(date)",
    "cat <<EOF\nx\nEOF",
    "echo `date`",
    "a & b",
    "# comment\nls",
    "echo 'unclosed",
  ])("leaves %j to tree-sitter", (script) => expect(fastCommands(lineOf(script), [])).toBeUndefined());
});
