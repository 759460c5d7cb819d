import type { Command } from "commander";
import { dumpBuildkit, parseDockerfile } from "../dockerfile/index.js";
import type { Dockerfile } from "../dockerfile/model.js";
import { ImagedietError } from "../errors.js";
import { readDockerfileText } from "../files/dockerfile-text.js";
import { displayName } from "./io.js";

export function registerParse(program: Command): void {
  program
    .command("parse")
    .description("print the parsed model of a Dockerfile as JSON, or BuildKit's AST dump")
    .argument("<file>", "the Dockerfile, or - for stdin")
    .option("--dump <format>", "print another format: buildkit (BuildKit's AST dump)")
    .action(async (file: string, options: { dump?: string }) => {
      if (options.dump !== undefined && options.dump !== "buildkit") {
        throw new ImagedietError(`unknown dump format "${options.dump}" (expected: buildkit)`);
      }
      const dockerfile = await parseDockerfile(readDockerfileText(file), { file: displayName(file) });
      // BuildKit's dumper stops only at parser errors; the rich model also rejects what its instruction layer rejects.
      throwFirstError(dockerfile, options.dump ? "parse-error" : undefined);
      process.stdout.write(
        options.dump ? `${dumpBuildkit(dockerfile)}\n` : `${JSON.stringify(toJson(dockerfile), null, 2)}\n`,
      );
    });
}

/** Raises the first parse or instruction error as a one-line user error. */
export function throwFirstError(dockerfile: Dockerfile, code?: string): void {
  const error = dockerfile.diagnostics.find((d) => d.severity === "error" && (code === undefined || d.code === code));
  if (!error) return;
  throw new ImagedietError(error.message, {
    file: dockerfile.file,
    line: error.range.start.line,
    column: error.range.start.column,
  });
}

/** The model as JSON: everything but the original text and the line index. */
export function toJson(dockerfile: Dockerfile): unknown {
  const { text: _text, lineStarts: _lineStarts, ...model } = dockerfile;
  return { version: 1, ...model };
}
