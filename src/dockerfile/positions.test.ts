import { beforeAll, describe, expect, it } from "vitest";
import { conformanceFiles, corpusFiles, readText } from "../../test/helpers/shared.js";
import type { Dockerfile, KeyValueInstruction, Range, RunInstruction, Token } from "./model.js";
import { parse } from "./parse.js";
import { applyEdits, print } from "./print.js";

const slice = (text: string, range: Range) => text.slice(range.start.offset, range.end.offset);

describe("exact positions", () => {
  const text =
    'FROM a\nRUN apt-get update \\\n    && apt-get install -y \\\n       curl\nCMD ["node", "server.js"]\nENV NODE_ENV=production \\\n    PORT=8080\n';
  let dockerfile: Dockerfile;
  beforeAll(() => {
    dockerfile = parse(text);
  });

  it("maps shell commands inside joined continuation lines back to their lines", () => {
    const run = dockerfile.instructions[1] as RunInstruction;
    const install = run.shell?.commands[1];
    expect(install?.name?.range.start).toEqual({ line: 3, column: 8, offset: 35 });
    const curl = install?.args[2];
    expect(curl?.value).toBe("curl");
    expect(curl?.range.start).toMatchObject({ line: 4, column: 8 });
    expect(slice(text, curl?.range as Range)).toBe("curl");
  });

  it("gives JSON elements the span of their string literal", () => {
    const cmd = dockerfile.instructions[2];
    expect(cmd.args.map((a) => slice(text, a.range))).toEqual(['"node"', '"server.js"']);
  });

  it("gives ENV keys and values their own ranges across lines", () => {
    const env = dockerfile.instructions[3] as KeyValueInstruction;
    expect(
      env.pairs.map((p) => [slice(text, p.key.range), slice(text, p.value.range), p.key.range.start.line]),
    ).toEqual([
      ["NODE_ENV", "production", 6],
      ["PORT", "8080", 7],
    ]);
  });

  it("covers the whole instruction from keyword to last line", () => {
    const run = dockerfile.instructions[1];
    expect(run.range.start).toMatchObject({ line: 2, column: 1 });
    expect(run.range.end).toMatchObject({ line: 4, column: 12 });
  });

  it("counts columns in UTF-16 units, as JS strings and editors do", () => {
    const unicode = parse('FROM a\nLABEL name="été ☃" other=x\n').instructions[1] as KeyValueInstruction;
    expect(unicode.pairs[1].key.range.start).toMatchObject({ line: 2, column: 20 });
  });
});

describe("every token's range holds its text", () => {
  const check = (name: string, text: string) => {
    const dockerfile = parse(text, { file: name });
    const tokens: Token[] = [];
    for (const instruction of dockerfile.instructions) {
      tokens.push(instruction.keywordToken);
      if (instruction.keyword === "RUN" || instruction.keyword === "CMD" || instruction.keyword === "ENTRYPOINT") {
        for (const command of instruction.shell?.commands ?? []) {
          if (command.name) tokens.push(command.name);
          for (const word of command.args)
            if (!word.raw.includes("\n")) tokens.push({ value: word.raw, range: word.range });
        }
      }
      for (const flag of instruction.flags)
        if (flag.raw === slice(text, flag.range)) tokens.push({ value: flag.raw, range: flag.range });
    }
    for (const token of tokens) {
      const found = slice(text, token.range).replace(/\\\r?\n[ \t]*/g, "");
      if (!found.includes("\n")) expect(found, `${name}:${token.range.start.line}`).toBe(token.value);
    }
  };
  it.each(corpusFiles())("%s", (name, path) => check(name, readText(path)));
});

describe("printer", () => {
  it.each([...conformanceFiles(), ...corpusFiles()])("%s prints back byte for byte", (name, path) => {
    const text = readText(path);
    expect(print(parse(text, { file: name }))).toBe(text);
  });

  it("edits only the ranges it is given", () => {
    const text = "FROM node:20\n# keep this\nRUN npm install   &&   npm run build\n";
    const dockerfile = parse(text);
    const run = dockerfile.instructions[1] as RunInstruction;
    const install = run.shell?.commands[0];
    const edited = applyEdits(text, [
      { range: (dockerfile.instructions[0] as { image: Token }).image.range, text: "node:20-alpine" },
      { range: install?.args[0].range as Range, text: "ci" },
    ]);
    expect(edited).toBe("FROM node:20-alpine\n# keep this\nRUN npm ci   &&   npm run build\n");
  });

  it("refuses overlapping edits", () => {
    const at = (offset: number) => ({ line: 1, column: offset + 1, offset });
    expect(() =>
      applyEdits("abcdef", [
        { range: { start: at(0), end: at(3) }, text: "x" },
        { range: { start: at(2), end: at(4) }, text: "y" },
      ]),
    ).toThrow(/overlapping/);
  });
});
