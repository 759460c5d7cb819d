import { DockerfileParser } from "dockerfile-ast";
import { parse } from "../dist/dockerfile/index.js";
import { conformanceFiles, corpusFiles, readText } from "../test/helpers/shared.js";
import { compareRates, printRatio } from "./measure.js";

/**
 * Parses the corpus and the conformance files with imagediet and with dockerfile-ast, in the same run.
 * Two figures for imagediet: the model with positions and typed instructions, and the same plus the
 * shell model of every RUN, CMD and ENTRYPOINT (which dockerfile-ast does not have).
 */
export async function runParseBench(): Promise<void> {
  const files = [...corpusFiles(), ...conformanceFiles()].map(([, path]) => readText(path));
  let sink = 0;
  const [peer, model, withShell] = compareRates(files, [
    (text) => {
      const dockerfile = DockerfileParser.parse(text);
      for (const instruction of dockerfile.getInstructions()) sink += instruction.getArguments().length;
    },
    (text) => {
      for (const instruction of parse(text).instructions) sink += instruction.args.length;
    },
    (text) => {
      for (const instruction of parse(text).instructions) {
        sink += instruction.args.length;
        if (instruction.keyword === "RUN" || instruction.keyword === "CMD" || instruction.keyword === "ENTRYPOINT") {
          sink += instruction.shell?.commands.length ?? 0;
        }
      }
    },
  ]);
  const title = `parse: ${files.length} files (shared/corpus + conformance)`;
  printRatio(`${title}, model with positions`, model, "dockerfile-ast", peer, "files/s");
  printRatio(`${title}, model with positions + shell model`, withShell, "dockerfile-ast", peer, "files/s");
  if (sink < 0) process.stdout.write("");
}
