import { Command, CommanderError } from "commander";
import { ImagedietError } from "../errors.js";
import { registerParse } from "./parse.js";

/** Exit codes: 0 fine, 1 findings at or above the threshold, 2 usage, parse or config error. */
export const EXIT = { ok: 0, findings: 1, usage: 2, internal: 70 } as const;

export function buildProgram(): Command {
  const program = new Command();
  program
    .name("imagediet")
    .description("Make container images small, fast and safe: lint, rewrite and verify Dockerfiles.")
    .version("0.1.0")
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  registerParse(program);
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

const code = await main(process.argv.slice(2));
process.exitCode = code;
