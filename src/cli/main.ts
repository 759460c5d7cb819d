import { Command, CommanderError } from "commander";
import { ImagedietError } from "../errors.js";
import { VERSION } from "../version.js";
import { registerCompare } from "./compare.js";
import { registerDb } from "./db.js";
import { registerLayers } from "./layers.js";
import { registerLint } from "./lint.js";
import { registerOptimize } from "./optimize.js";
import { registerParse } from "./parse.js";
import { registerReport } from "./report.js";
import { registerRules } from "./rules.js";
import { registerRun } from "./run.js";
import { registerSbom } from "./sbom.js";
import { registerScan } from "./scan.js";
import { registerSecrets } from "./secrets.js";
import { registerTemplates } from "./templates.js";
import { registerVerify } from "./verify.js";
import { EXIT } from "./version.js";

export function buildProgram(): Command {
  const program = new Command();
  program
    .name("imagediet")
    .description("Make container images small, fast and safe: lint, rewrite and verify Dockerfiles.")
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  registerParse(program);
  registerLint(program);
  registerRules(program);
  registerOptimize(program);
  registerTemplates(program);
  registerReport(program);
  registerLayers(program);
  registerSecrets(program);
  registerSbom(program);
  registerScan(program);
  registerDb(program);
  registerVerify(program);
  registerCompare(program);
  registerRun(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv, { from: "user" });
    return process.exitCode === undefined ? EXIT.ok : Number(process.exitCode);
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof ImagedietError) {
      process.stderr.write(`${error.format()}\n`);
      return EXIT.usage;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`imagediet: internal error: ${message}\n`);
    if (process.env.IMAGEDIET_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    return EXIT.internal;
  }
}

// A reader that closes the pipe early (`imagediet rules | head`) is not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

const code = await main(process.argv.slice(2));
process.exitCode = code;
