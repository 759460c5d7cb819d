import type { Command } from "commander";
import { findSecrets } from "../image/secrets.js";
import { IMAGE_ARGUMENT, loadImage } from "./image-source.js";
import { EXIT } from "./version.js";

export function registerSecrets(program: Command): void {
  program
    .command("secrets")
    .description("find private keys, credentials, tokens and .env files in an image's layers and config")
    .argument("<image>", IMAGE_ARGUMENT)
    .option("--json", "print the findings as JSON")
    .action(async (image: string, options: { json?: boolean }) => {
      const findings = await findSecrets(await loadImage(image));
      if (options.json) process.stdout.write(`${JSON.stringify(findings, null, 2)}\n`);
      else if (findings.length === 0) process.stdout.write("no secrets found\n");
      else {
        for (const f of findings)
          process.stdout.write(
            `${f.layer === -1 ? "config " : `layer ${f.layer}`}  ${f.kind.padEnd(16)}  ${f.where}  ${f.detail}\n`,
          );
        process.stdout.write(
          `${findings.length} secret${findings.length === 1 ? "" : "s"} found: deleting them in a later layer does not remove them; rebuild without them (RUN --mount=type=secret)\n`,
        );
      }
      process.exitCode = findings.length > 0 ? EXIT.findings : EXIT.ok;
    });
}
