import { basename, resolve } from "node:path";
import { type Command, Option } from "commander";
import { createTwoFilesPatch } from "diff";
import pc from "picocolors";
import { TECHNIQUE_DOCS } from "../optimize/types.js";
import { type FolderOptimizeOptions, optimizeFolder } from "../pipeline/app.js";
import { paintPatch, stdoutColor } from "./io.js";

interface OptimizeFlags extends FolderOptimizeOptions {
  json?: boolean;
  color?: boolean;
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
      const { file, output, dockerfile, facts, result, ignore } = optimizeFolder(resolve(appDir), flags);
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
