import { describe, expect, it } from "vitest";
import { corpusFiles, readText } from "../../test/helpers/shared.js";
import { ImagedietError } from "../errors.js";
import { parse, parseStrict } from "./parse.js";

const INPUTS = Number(process.env.IMAGEDIET_FUZZ_INPUTS ?? 20_000);
const SEED = Number(process.env.IMAGEDIET_FUZZ_SEED ?? 20261123);
/** One input taking longer than this counts as a hang. */
const HANG_MS = 2_000;

/** mulberry32: a small seeded PRNG, so a failure can be replayed from its seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  "\\",
  "\n",
  "\r\n",
  "\\\n",
  '"',
  "'",
  "`",
  "<<EOF",
  "<<-'X'",
  "EOF\n",
  "[",
  "]",
  '["a", 1]',
  "$",
  "${",
  "}",
  "${A:-",
  "#",
  "# escape=`\n",
  "--",
  "--mount=",
  "=",
  ",",
  " ",
  "\t",
  "\0",
  "é",
  "☃",
  "\ud800",
  "ONBUILD ",
  "FROM ",
  "RUN ",
  "COPY --from=",
  "&&",
  "|",
  ";",
  "(",
  ")",
  "$(",
  "\\\\",
];

function mutate(text: string, next: () => number): string {
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
  const at = () => Math.floor(next() * (text.length + 1));
  const steps = 1 + Math.floor(next() * 4);
  for (let i = 0; i < steps; i++) {
    const kind = Math.floor(next() * 6);
    const position = at();
    if (kind === 0) text = text.slice(0, position) + pick(PIECES) + text.slice(position);
    else if (kind === 1) text = text.slice(0, position) + text.slice(position + 1 + Math.floor(next() * 40));
    else if (kind === 2) text = text.slice(0, position);
    else if (kind === 3) {
      const lines = text.split("\n");
      const a = Math.floor(next() * lines.length);
      const b = Math.floor(next() * lines.length);
      [lines[a], lines[b]] = [lines[b], lines[a]];
      text = lines.join("\n");
    } else if (kind === 4) {
      const lines = text.split("\n");
      const a = Math.floor(next() * lines.length);
      lines.splice(a, 0, lines[a]);
      text = lines.join("\n");
    } else {
      text = text.slice(0, position) + String.fromCharCode(Math.floor(next() * 0x3000)) + text.slice(position);
    }
  }
  return text;
}

describe("parser fuzzing", () => {
  it(`survives ${INPUTS} mutated corpus files (seed ${SEED})`, { timeout: 300_000 }, () => {
    const seeds = corpusFiles().map(([, path]) => readText(path));
    const next = random(SEED);
    let parsed = 0;
    for (let i = 0; i < INPUTS; i++) {
      const input = mutate(seeds[i % seeds.length], next);
      const started = performance.now();
      try {
        const dockerfile = parse(input, { file: `fuzz-${i}` });
        for (const instruction of dockerfile.instructions) {
          if (instruction.range.end.offset > input.length) throw new Error(`range past the end in input ${i}`);
        }
        parseStrict(input);
      } catch (error) {
        if (!(error instanceof ImagedietError)) {
          throw new Error(`input ${i} (seed ${SEED}) threw ${String(error)}\n${JSON.stringify(input.slice(0, 400))}`);
        }
      }
      const took = performance.now() - started;
      expect(took, `input ${i} took ${took.toFixed(0)} ms`).toBeLessThan(HANG_MS);
      parsed++;
    }
    expect(parsed).toBe(INPUTS);
  });
});
