import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Command } from "commander";
import type { Engine } from "../engine/engine.js";
import { ImagedietError } from "../errors.js";
import type { Target } from "../optimize/types.js";
import { newReport, writeReports } from "../pipeline/reports.js";
import { type Rewrite, rewriteApps, runApps } from "../pipeline/run.js";
import { engineScanner, type ScannerChoice } from "../pipeline/scan.js";
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

interface RunFlags extends EngineFlags, ScannerChoice {
  reportDir: string;
  repeat: number;
  target?: Target;
  cacheMounts?: boolean;
  network: string;
  json?: boolean;
  color?: boolean;
}

export function registerRun(program: Command): void {
  const command = program
    .command("run")
    .description(
      "the whole flow for one or more apps: analyze, optimize, build and check both images, scan, and write the reports",
    )
    .argument("[app-dirs...]", "app folders, each with its Dockerfile", ["."])
    .option("--report-dir <dir>", "where the reports go", "reports")
    .addOption(REPEAT_OPTION())
    .addOption(TARGET_OPTION())
    .option("--cache-mounts", "BuildKit cache mounts for the package managers in the optimized Dockerfile")
    .option("--network <mode>", "network for builds and checks", "host");
  addEngineOptions(command)
    .option("--db <dir>", "OSV records for the CVE scan when neither trivy nor grype is installed")
    .option("--scanner <scanner>", "auto, trivy, grype or osv", "auto")
    .option("--json", "print the report as JSON")
    .option("--no-color", "no colours")
    .action(async (appDirs: string[], flags: RunFlags) => {
      const roots = appDirs.map((dir) => resolve(dir));
      for (const root of roots)
        if (!existsSync(join(root, "Dockerfile")))
          throw new ImagedietError("no Dockerfile here", { file: join(root, "Dockerfile") });
      let engine: Engine;
      try {
        engine = engineFrom(flags);
        engine.ping();
      } catch (error) {
        if (!(error instanceof ImagedietError)) throw error;
        staticOnly(roots, flags, error.message);
        return;
      }
      await onEngine(engine, roots, flags);
    });
}

async function onEngine(engine: Engine, roots: string[], flags: RunFlags): Promise<void> {
  const release = cleanupOnSignals(engine);
  let outcome: Awaited<ReturnType<typeof runApps>>;
  try {
    outcome = await runApps(engine, roots, {
      target: flags.target,
      cacheMounts: flags.cacheMounts,
      network: flags.network,
      repeat: flags.repeat,
      scanner: engineScanner(flags),
      reportDir: flags.reportDir,
      progressFor: (app) => new Progress(`run ${app}`),
    });
  } finally {
    engine.cleanup();
    release();
  }
  const { apps, failed } = outcome;
  const report = newReport(apps);
  if (roots.length > 1 && apps.length > 0) {
    writeReports(report, flags.reportDir, "summary");
    process.stderr.write(`run: wrote ${join(flags.reportDir, "summary")}.json, .md and .html\n`);
  }
  if (apps.length > 0)
    process.stdout.write(
      flags.json ? `${JSON.stringify(report, null, 2)}\n` : renderConsole(report, { color: stdoutColor(flags.color) }),
    );
  for (const line of failed) process.stderr.write(`imagediet: ${line}\n`);
  process.exitCode = failed.length === 0 && apps.every(checksHold) ? EXIT.ok : EXIT.findings;
}

/** With no engine: says which steps are skipped and why, then shows what the rewrite gave. */
function staticOnly(roots: string[], flags: RunFlags, why: string): void {
  process.stderr.write(
    `run: no engine (${why})\nrun: skipped: building both images, the checks, the measurements and the CVE scan; doing the analysis and the rewrite only\n`,
  );
  for (const rewrite of rewriteApps(roots, { ...flags, reportDir: flags.reportDir }))
    process.stdout.write(describeRewrite(rewrite));
}

function describeRewrite(rewrite: Rewrite): string {
  if (rewrite.status !== "optimized") return `${rewrite.app}: ${rewrite.status}: ${rewrite.reason ?? ""}\n`;
  const techniques = rewrite.techniques.map((title, i) => `  ${i + 1}. ${title}`).join("\n");
  return `${rewrite.app} (${rewrite.stack}, --target ${rewrite.target}): wrote ${rewrite.output}\n${techniques}\n`;
}
