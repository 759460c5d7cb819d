import { join, resolve } from "node:path";
import type { Command } from "commander";
import type { Target } from "../optimize/types.js";
import { compareApp } from "../pipeline/compare.js";
import { newReport, writeReports } from "../pipeline/reports.js";
import { renderConsole } from "../report/console.js";
import { checksHold } from "../report/model.js";
import {
  addEngineOptions,
  cleanupOnSignals,
  type EngineFlags,
  engineFrom,
  REPEAT_OPTION,
  TARGET_OPTION,
} from "./engine-options.js";
import { stdoutColor } from "./io.js";
import { Progress } from "./progress.js";
import { EXIT } from "./version.js";

interface CompareFlags extends EngineFlags {
  optimized?: string;
  target?: Target;
  cacheMounts?: boolean;
  out: string;
  network: string;
  repeat: number;
  json?: boolean;
  color?: boolean;
}

export function registerCompare(program: Command): void {
  const command = program
    .command("compare")
    .description(
      "build the original and the optimized Dockerfile, run the checks on both, and measure size, layers and build times",
    )
    .argument("[app-dir]", "the app folder with its Dockerfile", ".")
    .option(
      "--optimized <file>",
      "the optimized Dockerfile (default: APP_DIR/Dockerfile.optimized, else `optimize` runs on a copy)",
    )
    .addOption(TARGET_OPTION())
    .option("--cache-mounts", "when optimize runs: BuildKit cache mounts for the package managers")
    .option("--out <dir>", "where the reports go", "reports")
    .addOption(REPEAT_OPTION())
    .option("--network <mode>", "network for builds and checks", "host");
  addEngineOptions(command)
    .option("--json", "print the report as JSON")
    .option("--no-color", "no colours")
    .action(async (appDir: string, flags: CompareFlags) => {
      const root = resolve(appDir);
      const engine = engineFrom(flags);
      engine.ping();
      const release = cleanupOnSignals(engine);
      const progress = new Progress("compare");
      try {
        const app = await compareApp(engine, root, {
          optimized: flags.optimized ? resolve(flags.optimized) : undefined,
          target: flags.target,
          cacheMounts: flags.cacheMounts,
          network: flags.network,
          repeat: flags.repeat,
          progress,
        });
        const report = newReport([app]);
        const json = writeReports(report, flags.out, `${app.app}-optimization`);
        process.stdout.write(flags.json ? json : renderConsole(report, { color: stdoutColor(flags.color) }));
        progress.note(`wrote ${join(flags.out, `${app.app}-optimization`)}.json, .md and .html`);
        process.exitCode = checksHold(app) ? EXIT.ok : EXIT.findings;
      } finally {
        progress.done();
        engine.cleanup();
        release();
      }
    });
}
