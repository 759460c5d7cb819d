import { createRequire } from "node:module";
import { loadShellParser, parse } from "../dist/dockerfile/index.js";
import { defaultLintConfig } from "../dist/lint/config.js";
import { lint } from "../dist/lint/engine.js";
import { ALL_RULES } from "../dist/lint/rules/index.js";
import { corpusFiles, readText } from "../test/helpers/shared.js";
import { compareRates, printRatio } from "./measure.js";

const require = createRequire(import.meta.url);
const dockerfilelint = require("dockerfilelint") as { run: (configPath: string, content: string) => unknown[] };

/** Lints the whole corpus with every imagediet rule and with dockerfilelint, in the same run. */
export async function runLintBench(): Promise<void> {
  await loadShellParser();
  const all = corpusFiles().map(([, path]) => readText(path));
  // dockerfilelint throws on some real files (e.g. a HEALTHCHECK it cannot read): both tools run on the rest.
  const files = all.filter((text) => {
    try {
      dockerfilelint.run("/nonexistent", text);
      return true;
    } catch {
      return false;
    }
  });
  const config = defaultLintConfig();
  let sink = 0;
  const [peer, ours] = compareRates(files, [
    (text) => {
      sink += dockerfilelint.run("/nonexistent", text).length;
    },
    (text) => {
      sink += lint(parse(text), { rules: ALL_RULES, config }).length;
    },
  ]);
  const title = `lint: ${files.length} files of shared/corpus (dockerfilelint crashed on ${all.length - files.length} of ${all.length}), ${ALL_RULES.length} imagediet rules`;
  printRatio(title, ours, "dockerfilelint", peer, "files/s");
  if (sink < 0) process.stdout.write("");
}
