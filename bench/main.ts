import { runLayersBench } from "./layers.js";
import { runLintBench } from "./lint.js";
import { runParseBench } from "./parse.js";

const BENCHES: Record<string, () => Promise<void>> = {
  parse: runParseBench,
  lint: runLintBench,
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
