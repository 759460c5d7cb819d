import { runLayersBench } from "./layers.js";
import { runLintBench } from "./lint.js";
import { runLintCliBench } from "./lint-cli.js";
import { runParseBench } from "./parse.js";
import { runScaleBench } from "./scale.js";
import { runStartupBench } from "./startup.js";

const BENCHES: Record<string, () => Promise<void>> = {
  startup: runStartupBench,
  scale: runScaleBench,
  parse: runParseBench,
  lint: runLintBench,
  "lint-cli": runLintCliBench,
  layers: runLayersBench,
};

const names = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const selected = names.length === 0 ? Object.keys(BENCHES) : names;
for (const name of selected) {
  const bench = BENCHES[name];
  if (!bench) {
    process.stderr.write(`unknown benchmark "${name}" (known: ${Object.keys(BENCHES).join(", ")})\n`);
    process.exit(2);
  }
  await bench();
}
