import { copyFileSync, existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { type Command, Option } from "commander";
import { createTwoFilesPatch } from "diff";
import pc from "picocolors";
import { type AppFacts, type AppFiles, analyzeApp } from "../analyze/stack.js";
import { parse } from "../dockerfile/index.js";
import type { Dockerfile } from "../dockerfile/model.js";
import { ImagedietError } from "../errors.js";
import { dockerignoreFor } from "../optimize/dockerignore.js";
import { optimize } from "../optimize/plan.js";
import { type OptimizeResult, type Target, TECHNIQUE_DOCS } from "../optimize/types.js";
import { readBuildContext } from "./files.js";
import { paintPatch, readDockerfileText, stdoutColor } from "./io.js";

interface OptimizeFlags {
  file?: string;
  context?: string;
  target: Target;
  cacheMounts?: boolean;
  upx?: boolean;
  keepUser?: boolean;
  write?: boolean;
  json?: boolean;
  color?: boolean;
}

/** Reads small text files of the app for the analysis (bounded: the first 256 KiB of each). */
export function appFiles(root: string, paths: string[]): AppFiles {
  return {
    paths,
    read(path) {
      const full = join(root, path);
      try {
        if (!existsSync(full) || statSync(full).size > 256 * 1024) return undefined;
        return readFileSync(full, "utf8");
      } catch {
        return undefined;
      }
    },
  };
}

/** Reads an app folder's Dockerfile and build context and analyzes the app. */
export async function analyzeFolder(root: string, options: { file?: string; context?: string } = {}) {
  const file = resolve(options.file ?? join(root, "Dockerfile"));
  if (!existsSync(file)) throw new ImagedietError("no Dockerfile here (use -f FILE)", { file });
  const contextRoot = resolve(options.context ?? root);
  const context = readBuildContext(contextRoot, file);
  const dockerfile = parse(readDockerfileText(file), { file: basename(file) });
  const facts = analyzeApp(
    appFiles(
      contextRoot,
      context.paths.filter((p) => !p.endsWith("/")),
    ),
    dockerfile,
  );
  return { file, contextRoot, context, dockerfile, facts };
}

export interface FolderOptimization {
  file: string;
  output: string;
  dockerfile: Dockerfile;
  facts: AppFacts;
  result: OptimizeResult;
  ignore: { text: string; added: string[] };
}

/**
 * Optimizes the Dockerfile of an app folder: writes `Dockerfile.optimized` (or, with `write`, the
 * Dockerfile itself after a `.bak` copy) and the `.dockerignore` when the rewrite succeeds.
 */
export async function optimizeFolder(
  root: string,
  options: Pick<OptimizeFlags, "file" | "context" | "target" | "cacheMounts" | "upx" | "keepUser" | "write">,
): Promise<FolderOptimization> {
  const { file, contextRoot, context, dockerfile, facts } = await analyzeFolder(root, options);
  const copied = dockerfile.instructions.flatMap((i) =>
    i.keyword === "COPY" || i.keyword === "ADD" ? i.sources.map((s) => s.value) : [],
  );
  const ignore = dockerignoreFor(facts.stack, context.dockerignore, copied);
  // The result is checked against the context as it will be: with the .dockerignore written below.
  const result = optimize(
    dockerfile,
    facts,
    { target: options.target, cacheMounts: options.cacheMounts, upx: options.upx, keepUser: options.keepUser },
    { ...context, dockerignore: ignore.text },
  );
  const output = options.write ? file : join(dirname(file), `${basename(file)}.optimized`);
  if (result.status === "optimized") {
    if (options.write) copyFileSync(file, `${file}.bak`);
    writeFileSync(output, result.text);
    if (ignore.added.length > 0) writeFileSync(join(contextRoot, ".dockerignore"), ignore.text);
  }
  return { file, output, dockerfile, facts, result, ignore };
}

export function registerOptimize(program: Command): void {
  program
    .command("optimize")
    .description("rewrite a Dockerfile into a smaller, safer, cache-friendly one (writes Dockerfile.optimized)")
    .argument("[app-dir]", "the app folder with its Dockerfile", ".")
    .option("-f, --file <file>", "the Dockerfile (default: APP_DIR/Dockerfile)")
    .option("--context <dir>", "build context (default: the app folder)")
    .addOption(
      new Option("--target <target>", "final image family")
        .choices(["auto", "alpine", "slim", "distroless", "scratch"])
        .default("auto"),
    )
    .option("--cache-mounts", "add BuildKit cache mounts for apk, apt, pip, npm, go and cargo")
    .option("--upx", "compress Go, Rust and C/C++ binaries with UPX (smaller image, slower start)")
    .option("--keep-user", "keep the user the image runs as, even root (no non-root USER is added)")
    .option("--write", "replace the Dockerfile itself (keeps Dockerfile.bak)")
    .option("--json", "print the plan as JSON")
    .option("--no-color", "no colours")
    .action(async (appDir: string, flags: OptimizeFlags) => {
      const { file, output, dockerfile, facts, result, ignore } = await optimizeFolder(resolve(appDir), flags);
      if (flags.json) {
        process.stdout.write(
          `${JSON.stringify({ ...result, output: result.status === "optimized" ? output : undefined, dockerignoreAdded: ignore.added }, null, 2)}\n`,
        );
        return;
      }
      const color = stdoutColor(flags.color);
      const colors = pc.createColors(color);
      const leftLines = () => {
        for (const s of result.skipped)
          process.stdout.write(
            `${colors.yellow("skipped")} ${s.step}: ${s.detail}${s.line ? ` (line ${s.line})` : ""}\n`,
          );
        if (result.remaining.length === 0) return;
        process.stdout.write(`\n${colors.bold(`Left for a person (${result.remaining.length}):`)}\n`);
        for (const r of result.remaining)
          process.stdout.write(
            `${basename(output)}:${r.line}:${r.column} ${r.rule}: ${r.message}\n  why it was left: ${r.why}\n`,
          );
      };
      if (result.status !== "optimized") {
        process.stdout.write(
          `${colors.yellow(result.status === "declined" ? "declined" : "unchanged")}: ${result.reason}\n`,
        );
        leftLines();
        process.stdout.write("Nothing was written.\n");
        return;
      }
      const patch = createTwoFilesPatch(basename(file), basename(output), dockerfile.text, result.text);
      process.stdout.write(paintPatch(patch, color));
      process.stdout.write(`\n${colors.bold(`Techniques applied (${facts.stack}, strategy ${result.strategy}):`)}\n`);
      result.techniques.forEach((t, i) => {
        process.stdout.write(
          `${i + 1}. ${t.title}: ${t.why}${t.saving ? ` Expected saving: ${t.saving}.` : ""} See ${TECHNIQUE_DOCS}${t.id}.md\n`,
        );
      });
      if (ignore.added.length > 0)
        process.stdout.write(
          `.dockerignore: added ${ignore.added.length} entries (${ignore.added.slice(0, 6).join(", ")}${ignore.added.length > 6 ? ", …" : ""})\n`,
        );
      leftLines();
      process.stdout.write(`Wrote ${output}${flags.write ? ` (backup: ${file}.bak)` : ""}.\n`);
    });
}
