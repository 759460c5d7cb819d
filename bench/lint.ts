import { validate } from "dockerfile-utils";
import { parse } from "../dist/dockerfile/index.js";
import { defaultLintConfig } from "../dist/lint/config.js";
import { createLinter } from "../dist/lint/engine.js";
import { ALL_RULES } from "../dist/lint/rules/index.js";
import { readText } from "../test/helpers/shared.js";
import { corpusForPeers, dockerfilelint } from "./corpus.js";
import { compareRates } from "./measure.js";
import { goalLine } from "./process.js";

/** Lints the corpus in-process with every imagediet rule, with dockerfilelint and with dockerfile-utils. */
export async function runLintBench(): Promise<void> {
  const { paths, total } = corpusForPeers();
  const files = paths.map(readText);
  const config = { ...defaultLintConfig(), enable: ALL_RULES.filter((r) => r.meta.optIn).map((r) => r.meta.id) };
  const linter = createLinter({ rules: ALL_RULES, config });
  let sink = 0;
  const [ours, peer, utils] = compareRates(files, [
    (text) => {
      sink += linter(parse(text)).length;
    },
    (text) => {
      sink += dockerfilelint.run("/nonexistent", text).length;
    },
    (text) => {
      sink += validate(text).length;
    },
  ]);
  const rate = (name: string, value: number) => `  ${name.padEnd(28)} ${value.toFixed(0).padStart(8)} files/s`;
  process.stdout.write(
    [
      `lint: in-process, ${files.length} corpus files (dockerfilelint crashes on ${total - files.length} of ${total}), every one of imagediet's ${ALL_RULES.length} rules, medians of 7 alternating rounds`,
      rate("imagediet", ours),
      rate("dockerfilelint", peer),
      rate("dockerfile-utils", utils),
      goalLine("files/s / dockerfilelint's", ours / peer, 1, false),
      `  (${(ours / utils).toFixed(2)}× dockerfile-utils)`,
      "",
    ].join("\n"),
  );
  if (sink < 0) process.stdout.write("");
}
