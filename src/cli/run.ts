import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import type { Command } from "commander";
import { DockerEngine, type EngineKind, findDockerCli } from "../engine/docker.js";
import { ImagedietError } from "../errors.js";
import type { Target } from "../optimize/types.js";
import { renderConsole } from "../report/console.js";
import { type AppReport, checksHold } from "../report/model.js";
import { ENGINE_OPTION, newReport, REPEAT_OPTION, TARGET_OPTION, writeReports } from "./compare.js";
import { stdoutColor } from "./io.js";
import { optimizeFolder } from "./optimize.js";
import { appConfigOf, compareApp, copyApp } from "./pipeline.js";
import { Progress } from "./progress.js";
import { engineScanner } from "./scan.js";
import { EXIT } from "./version.js";

interface RunFlags {
  reportDir: string;
  repeat: number;
  target?: Target;
  cacheMounts?: boolean;
  network: string;
  dockerCli?: string;
  engine?: EngineKind;
  db?: string;
  scanner: "auto" | "trivy" | "grype" | "osv";
  json?: boolean;
  color?: boolean;
}

export function registerRun(program: Command): void {
  program
    .command("run")
    .description(
      "the whole flow for one or more apps: analyze, optimize, build and check both images, scan, and write the reports",
    )
    .argument("[app-dirs...]", "app folders, each with its Dockerfile", ["."])
    .option("--report-dir <dir>", "where the reports go", "reports")
    .addOption(REPEAT_OPTION())
    .addOption(TARGET_OPTION())
    .option("--cache-mounts", "BuildKit cache mounts for the package managers in the optimized Dockerfile")
    .option("--network <mode>", "network for builds and checks", "host")
    .option("--docker-cli <path>", "the docker client to use (one that can build with BuildKit)")
    .addOption(ENGINE_OPTION())
    .option("--db <dir>", "OSV records for the CVE scan when neither trivy nor grype is installed")
    .option("--scanner <scanner>", "auto, trivy, grype or osv", "auto")
    .option("--json", "print the report as JSON")
    .option("--no-color", "no colours")
    .action(async (appDirs: string[], flags: RunFlags) => {
      const roots = appDirs.map((dir) => resolve(dir));
      for (const root of roots)
        if (!existsSync(join(root, "Dockerfile")))
          throw new ImagedietError("no Dockerfile here", { file: join(root, "Dockerfile") });
      let engine: DockerEngine;
      try {
        engine = new DockerEngine(findDockerCli({ explicit: flags.dockerCli, engine: flags.engine }));
        engine.ping();
      } catch (error) {
        if (!(error instanceof ImagedietError)) throw error;
        await staticOnly(roots, flags, error.message);
        return;
      }
      const scanner = engineScanner(flags);
      const release = engine.cleanupOnSignals();
      const apps: AppReport[] = [];
      const failed: string[] = [];
      try {
        for (const root of roots) {
          const progress = new Progress(`run ${basename(root)}`);
          try {
            const app = await compareApp(engine, root, {
              target: flags.target,
              cacheMounts: flags.cacheMounts,
              network: flags.network,
              repeat: flags.repeat,
              progress,
              scan: "scan" in scanner ? scanner.scan : undefined,
            });
            if ("skip" in scanner) app.notes = [...(app.notes ?? []), `CVE scan skipped: ${scanner.skip}.`];
            apps.push(app);
            writeReports(newReport([app]), flags.reportDir, `${app.app}-optimization`);
            progress.note(`wrote ${join(flags.reportDir, `${app.app}-optimization`)}.json, .md and .html`);
          } catch (error) {
            if (!(error instanceof ImagedietError)) throw error;
            failed.push(`${basename(root)}: ${error.message}`);
            progress.note(`failed: ${error.message}`);
          } finally {
            progress.done();
            engine.forgetSaved();
          }
        }
      } finally {
        engine.cleanup();
        release();
      }
      const report = newReport(apps);
      if (roots.length > 1 && apps.length > 0) {
        writeReports(report, flags.reportDir, "summary");
        process.stderr.write(`run: wrote ${join(flags.reportDir, "summary")}.json, .md and .html\n`);
      }
      if (apps.length > 0)
        process.stdout.write(
          flags.json
            ? `${JSON.stringify(report, null, 2)}\n`
            : renderConsole(report, { color: stdoutColor(flags.color) }),
        );
      for (const line of failed) process.stderr.write(`imagediet: ${line}\n`);
      process.exitCode = failed.length === 0 && apps.every(checksHold) ? EXIT.ok : EXIT.findings;
    });
}

/**
 * With no engine: the analysis and the rewrite still run (on a copy; the optimized Dockerfiles go
 * to the report folder), and the output says which steps were skipped and why.
 */
async function staticOnly(roots: string[], flags: RunFlags, why: string): Promise<void> {
  process.stderr.write(
    `run: no engine (${why})\nrun: skipped: building both images, the checks, the measurements and the CVE scan; doing the analysis and the rewrite only\n`,
  );
  mkdirSync(flags.reportDir, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), "imagediet-run-"));
  try {
    for (const root of roots) {
      const app = basename(root);
      const copy = join(work, app);
      copyApp(root, copy);
      const target = flags.target ?? appConfigOf(root)?.target ?? "auto";
      const { result, facts } = await optimizeFolder(copy, { target, cacheMounts: flags.cacheMounts });
      if (result.status !== "optimized") {
        process.stdout.write(`${app}: ${result.status}: ${result.reason ?? ""}\n`);
        continue;
      }
      const output = join(flags.reportDir, `${app}.Dockerfile.optimized`);
      writeFileSync(output, result.text);
      process.stdout.write(
        `${app} (${facts.stack}, --target ${target}): wrote ${output}\n${result.techniques.map((t, i) => `  ${i + 1}. ${t.title}`).join("\n")}\n`,
      );
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
