import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { type Command, InvalidArgumentError, Option } from "commander";
import { DockerEngine, type EngineKind, findDockerCli } from "../engine/docker.js";
import type { Target } from "../optimize/types.js";
import { renderConsole } from "../report/console.js";
import { renderHtml } from "../report/html.js";
import { renderMarkdown } from "../report/markdown.js";
import { type AppReport, checksHold, REPORT_VERSION, type Report } from "../report/model.js";
import { stdoutColor } from "./io.js";
import { compareApp } from "./pipeline.js";
import { Progress } from "./progress.js";
import { EXIT, VERSION } from "./version.js";

interface CompareFlags {
  optimized?: string;
  target?: Target;
  cacheMounts?: boolean;
  out: string;
  network: string;
  repeat: number;
  dockerCli?: string;
  engine?: EngineKind;
  json?: boolean;
  color?: boolean;
}

/** `--engine docker|podman` (default: IMAGEDIET_ENGINE, else docker). */
export const ENGINE_OPTION = () =>
  new Option("--engine <engine>", "the container engine (default: $IMAGEDIET_ENGINE, else docker)").choices([
    "docker",
    "podman",
  ]);

/** `--repeat N`: each build N times, medians in the report. */
export const REPEAT_OPTION = () =>
  new Option("--repeat <n>", "run each cold and warm build N times and report the medians")
    .default(1)
    .argParser((value: string) => {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1 || n > 20) throw new InvalidArgumentError("a whole number from 1 to 20");
      return n;
    });

export const TARGET_OPTION = () =>
  new Option(
    "--target <target>",
    "final image family when optimize runs (default: imagediet.yaml's target, else auto)",
  ).choices(["auto", "alpine", "slim", "distroless", "scratch"]);

export function newReport(apps: AppReport[]): Report {
  return {
    reportVersion: REPORT_VERSION,
    generatedAt: new Date().toISOString(),
    tool: { name: "imagediet", version: VERSION },
    apps,
  };
}

/** Writes NAME.json, NAME.md and NAME.html into the folder; returns the JSON text. */
export function writeReports(report: Report, dir: string, name: string): string {
  mkdirSync(dir, { recursive: true });
  const json = `${JSON.stringify(report, null, 2)}\n`;
  writeFileSync(join(dir, `${name}.json`), json);
  writeFileSync(join(dir, `${name}.md`), renderMarkdown(report));
  writeFileSync(join(dir, `${name}.html`), renderHtml(report));
  return json;
}

export function registerCompare(program: Command): void {
  program
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
    .option("--network <mode>", "network for builds and checks", "host")
    .option("--docker-cli <path>", "the docker client to use (one that can build with BuildKit)")
    .addOption(ENGINE_OPTION())
    .option("--json", "print the report as JSON")
    .option("--no-color", "no colours")
    .action(async (appDir: string, flags: CompareFlags) => {
      const root = resolve(appDir);
      const engine = new DockerEngine(findDockerCli({ explicit: flags.dockerCli, engine: flags.engine }));
      engine.ping();
      const release = engine.cleanupOnSignals();
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
