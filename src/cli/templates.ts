import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { ImagedietError } from "../errors.js";

const TEMPLATES = fileURLToPath(new URL("../../templates/", import.meta.url));

export function registerTemplates(program: Command): void {
  program
    .command("templates")
    .description("list the Dockerfile templates, or print one stack's")
    .argument("[stack]", "go, python, nodejs, rust, c-cpp or java")
    .argument("[variant]", "original, alpine, scratch, multistage, … (default: all of the stack)")
    .action((stack?: string, variant?: string) => {
      const stacks = readdirSync(TEMPLATES)
        .filter((s) => existsSync(join(TEMPLATES, s, "README.md")))
        .sort();
      if (!stack) {
        for (const name of stacks) {
          const variants = readdirSync(join(TEMPLATES, name))
            .filter((f) => f.startsWith("Dockerfile."))
            .map((f) => f.slice(11));
          process.stdout.write(`${name.padEnd(8)} ${variants.join(", ")}\n`);
        }
        return;
      }
      if (!stacks.includes(stack)) throw new ImagedietError(`unknown stack "${stack}" (known: ${stacks.join(", ")})`);
      const files = readdirSync(join(TEMPLATES, stack)).filter(
        (f) => f.startsWith("Dockerfile.") && (!variant || f === `Dockerfile.${variant}`),
      );
      if (files.length === 0) throw new ImagedietError(`no ${variant} template for ${stack}`);
      for (const file of files.sort()) {
        if (files.length > 1) process.stdout.write(`# templates/${stack}/${file}\n`);
        process.stdout.write(readFileSync(join(TEMPLATES, stack, file), "utf8"));
        if (files.length > 1) process.stdout.write("\n");
      }
    });
}
