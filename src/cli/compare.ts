import { spawnSync } from "node:child_process";
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { type Command, Option } from "commander";
import { measureImage, sourceToTouch } from "../compare/measure.js";
import { DockerEngine, findDockerCli } from "../engine/docker.js";
import { ImagedietError } from "../errors.js";
import { renderConsole } from "../report/console.js";
import { renderMarkdown } from "../report/markdown.js";
import { type AppReport, checksHold, REPORT_VERSION, type Report } from "../report/model.js";
import { type Check, checkName, inferChecks, parseChecksFile } from "../verify/checks.js";
import { imageFacts, runChecks } from "../verify/run.js";
import { loadFromEngine } from "./image-source.js";
import { stdoutColor } from "./io.js";
import { EXIT, VERSION } from "./version.js";

interface CompareFlags {
  optimized?: string;
  target: string;
  out: string;
  network: string;
  dockerCli?: string;
  json?: boolean;
  color?: boolean;
}

interface OptimizeJson {
  status: string;
  reason?: string;
  techniques: { title: string; why: string; saving?: string }[];
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
    .addOption(
      new Option("--target <target>", "final image family when optimize runs")
        .choices(["auto", "alpine", "slim", "distroless", "scratch"])
        .default("auto"),
    )
    .option("--out <dir>", "where the reports go", "reports")
    .option("--network <mode>", "network for builds and checks", "host")
    .option("--docker-cli <path>", "the docker client to use (one that can build with BuildKit)")
    .option("--json", "print the report as JSON")
    .option("--no-color", "no colours")
    .action(async (appDir: string, flags: CompareFlags) => {
      const root = resolve(appDir);
      if (!existsSync(join(root, "Dockerfile")))
        throw new ImagedietError("no Dockerfile here", { file: join(root, "Dockerfile") });
      const app = basename(root);
      const engine = new DockerEngine(findDockerCli({ explicit: flags.dockerCli }));
      engine.ping();
      const release = engine.cleanupOnSignals();
      // The builds run on a copy: the one-line change for the warm rebuild never touches the user's files.
      const work = mkdtempSync(join(tmpdir(), "imagediet-compare-"));
      const progress = (message: string) => process.stderr.write(`compare: ${message}\n`);
      try {
        const copy = join(work, app);
        cpSync(root, copy, { recursive: true, filter: (source) => !/\/(\.git|node_modules)$/.test(source) });
        const optimizedFile = join(copy, "Dockerfile.optimized");
        let techniques: OptimizeJson["techniques"] = [];
        if (flags.optimized) {
          if (!existsSync(resolve(flags.optimized)))
            throw new ImagedietError("no such file", { file: flags.optimized });
          copyFileSync(resolve(flags.optimized), optimizedFile);
        } else if (!existsSync(optimizedFile)) {
          progress(`no Dockerfile.optimized: running optimize --target ${flags.target} on a copy`);
          const ran = spawnSync(
            process.execPath,
            [process.argv[1] ?? "", "optimize", copy, "--target", flags.target, "--json"],
            {
              encoding: "utf8",
            },
          );
          const result = JSON.parse(ran.stdout || "{}") as OptimizeJson;
          if (result.status !== "optimized")
            throw new ImagedietError(`optimize did not rewrite it: ${result.reason ?? ran.stderr.trim()}`, {
              file: join(root, "Dockerfile"),
            });
          techniques = result.techniques;
        }
        const checksFile = join(root, "imagediet.yaml");
        const network = flags.network;
        const touch = sourceToTouch(copy);
        const measure = async (which: "original" | "optimized", dockerfile: string) => {
          progress(
            `building ${which} (cold, then warm after a one-line change${touch ? ` to ${touch.slice(copy.length + 1)}` : ""})`,
          );
          return measureImage(engine, {
            context: copy,
            dockerfile,
            tag: `imagediet-compare/${app.toLowerCase()}:${which}-${engine.session}`,
            network,
            touch,
          });
        };
        const original = await measure("original", join(copy, "Dockerfile"));
        const optimized = await measure("optimized", optimizedFile);
        let checks: Check[];
        const notes: string[] = [];
        if (existsSync(checksFile)) checks = parseChecksFile(readFileSync(checksFile, "utf8"), checksFile);
        else {
          checks = inferChecks(imageFacts(engine, original.image));
          notes.push(`No imagediet.yaml: inferred ${checks.map(checkName).join(", ")}.`);
          progress(notes[0] ?? "");
        }
        progress(`running ${checks.length} checks on both images`);
        const before = await runChecks(engine, original.image, checks, () => loadFromEngine(engine, original.image));
        const after = await runChecks(engine, optimized.image, checks, () => loadFromEngine(engine, optimized.image));
        const appReport: AppReport = {
          app,
          original,
          optimized,
          reduction: original.sizeBytes > 0 ? 1 - optimized.sizeBytes / original.sizeBytes : 0,
          checks: before.map((b, i) => ({
            name: b.name,
            original: b.outcome,
            optimized: after[i]?.outcome ?? "skip",
            detail: after[i]?.outcome === "fail" ? after[i]?.detail : b.outcome === "fail" ? b.detail : undefined,
          })),
          iterations: [],
          techniques,
          notes,
        };
        const report: Report = {
          reportVersion: REPORT_VERSION,
          generatedAt: new Date().toISOString(),
          tool: { name: "imagediet", version: VERSION },
          apps: [appReport],
        };
        mkdirSync(flags.out, { recursive: true });
        const json = `${JSON.stringify(report, null, 2)}\n`;
        writeFileSync(join(flags.out, `${app}-optimization.json`), json);
        writeFileSync(join(flags.out, `${app}-optimization.md`), renderMarkdown(report));
        if (flags.json) process.stdout.write(json);
        else
          process.stdout.write(
            renderConsole(report, {
              color: stdoutColor(flags.color),
            }),
          );
        progress(`wrote ${join(flags.out, `${app}-optimization.json`)} and .md`);
        process.exitCode = checksHold(appReport) ? EXIT.ok : EXIT.findings;
      } finally {
        engine.cleanup();
        release();
        rmSync(work, { recursive: true, force: true });
      }
    });
}
