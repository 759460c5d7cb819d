import { existsSync, readFileSync } from "node:fs";
import type { Command } from "commander";
import { ImagedietError } from "../errors.js";
import { loadFromEngine } from "../pipeline/images.js";
import { type Check, checkName, inferChecks, parseChecksFile } from "../verify/checks.js";
import { imageFacts, runChecks } from "../verify/run.js";
import { addEngineOptions, cleanupOnSignals, type EngineFlags, engineFrom } from "./engine-options.js";
import { EXIT } from "./version.js";

const MARK = { pass: "✓", fail: "✗", skip: "-" } as const;

export function registerVerify(program: Command): void {
  const command = program
    .command("verify")
    .description(
      "run an app's checks (HTTP probe, commands, tests, non-root, shared libraries) against an image in the local engine",
    )
    .argument("<image>", "an image in the local engine (NAME:TAG); DOCKER_HOST is respected")
    .option(
      "-f, --checks <file>",
      "the checks file (default: ./imagediet.yaml when present, else inferred from the image)",
    );
  addEngineOptions(command)
    .option("--json", "print the results as JSON")
    .action(async (image: string, options: EngineFlags & { checks?: string; json?: boolean }) => {
      const engine = engineFrom(options);
      engine.ping();
      engine.requireImage(image);
      const release = cleanupOnSignals(engine);
      try {
        const file = options.checks ?? (existsSync("imagediet.yaml") ? "imagediet.yaml" : undefined);
        let checks: Check[];
        if (file) {
          if (!existsSync(file)) throw new ImagedietError("no such file", { file });
          checks = parseChecksFile(readFileSync(file, "utf8"), file);
        } else {
          checks = inferChecks(await imageFacts(engine, image));
          process.stderr.write(`no imagediet.yaml: inferred ${checks.map(checkName).join(", ")}\n`);
        }
        const results = await runChecks(engine, image, checks, () => loadFromEngine(engine, image));
        if (options.json) process.stdout.write(`${JSON.stringify({ image, checks: results }, null, 2)}\n`);
        else
          for (const result of results)
            process.stdout.write(`${MARK[result.outcome]} ${result.name}  ${result.detail}\n`);
        process.exitCode = results.some((r) => r.outcome === "fail") ? EXIT.findings : EXIT.ok;
      } finally {
        engine.cleanup();
        release();
      }
    });
}
