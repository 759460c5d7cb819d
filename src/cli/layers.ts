import { dirname, resolve } from "node:path";
import type { Command } from "commander";
import pc from "picocolors";
import { z } from "zod";
import { ImagedietError } from "../errors.js";
import { analyzeImage, type LayersReport } from "../image/layers.js";
import { compareImages, type ImageDelta } from "../pipeline/image-delta.js";
import { formatBytes, percent } from "../report/model.js";
import { collectPackages } from "../vuln/sbom.js";
import { findConfig, readYaml } from "./files.js";
import { IMAGE_ARGUMENT, loadImage } from "./image-source.js";
import { stdoutColor } from "./io.js";
import { EXIT } from "./version.js";

/** `20MB`, `1.5GiB`, `1048576`, or `disabled`, as dive reads them. */
export function parseBytes(value: string | number): number | undefined {
  if (typeof value === "number") return value;
  if (value.trim().toLowerCase() === "disabled") return undefined;
  const match = /^(\d+(?:\.\d+)?)\s*([KMGT]?)(i?)B?$/i.exec(value.trim());
  if (!match) throw new ImagedietError(`not a size: ${value}`);
  const power = " KMGT".indexOf(match[2].toUpperCase() || " ");
  return Math.round(Number(match[1]) * (match[3] ? 1024 : 1000) ** power);
}

const bytes = z.union([z.number(), z.string()]);
const ciSchema = z
  .object({
    lowestEfficiency: z.union([z.number().min(0).max(1), z.literal("disabled")]).default(0.9),
    highestWastedBytes: bytes.default("disabled"),
    highestUserWastedPercent: z.union([z.number().min(0).max(1), z.literal("disabled")]).default(0.1),
    maxSizeBytes: bytes.default("disabled"),
    maxLayers: z.union([z.number().int().min(1), z.literal("disabled")]).default("disabled"),
  })
  .strict();

/** dive's rules (strict comparisons, as dive does) and ours: size and layer count. */
export function ciBreaches(report: LayersReport, rules: z.infer<typeof ciSchema>): string[] {
  const breaches: string[] = [];
  if (rules.lowestEfficiency !== "disabled" && rules.lowestEfficiency > report.efficiency) {
    breaches.push(`efficiency ${percent(report.efficiency)} is below ${percent(rules.lowestEfficiency)}`);
  }
  const wasted = parseBytes(rules.highestWastedBytes);
  if (wasted !== undefined && report.wastedBytes > wasted)
    breaches.push(`wasted ${formatBytes(report.wastedBytes)} is over ${formatBytes(wasted)}`);
  if (rules.highestUserWastedPercent !== "disabled" && report.userWastedPercent > rules.highestUserWastedPercent) {
    breaches.push(
      `user wasted ${percent(report.userWastedPercent)} is over ${percent(rules.highestUserWastedPercent)}`,
    );
  }
  const size = parseBytes(rules.maxSizeBytes);
  if (size !== undefined && report.sizeBytes > size)
    breaches.push(`size ${formatBytes(report.sizeBytes)} is over ${formatBytes(size)}`);
  if (rules.maxLayers !== "disabled" && report.layers.length > rules.maxLayers)
    breaches.push(`${report.layers.length} layers is over ${rules.maxLayers}`);
  return breaches;
}

function render(report: LayersReport, color: boolean): string {
  const c = pc.createColors(color);
  const lines = [c.bold(report.image), ""];
  lines.push("  #  size        pushed      +files  ~files  -files  created by");
  for (const layer of report.layers) {
    lines.push(
      `${String(layer.index).padStart(3)}  ${formatBytes(layer.sizeBytes).padEnd(10)}  ${formatBytes(layer.compressedSizeBytes).padEnd(10)}  ${String(layer.added).padStart(6)}  ${String(layer.changed).padStart(6)}  ${String(layer.removed).padStart(6)}  ${layer.createdBy.replace(/\s+/g, " ").slice(0, 70)}`,
    );
  }
  lines.push(
    "",
    `size ${formatBytes(report.sizeBytes)} (${formatBytes(report.compressedSizeBytes)} pushed) in ${report.layers.length} layers`,
    `efficiency ${percent(report.efficiency)} · wasted ${formatBytes(report.wastedBytes)} · user wasted ${percent(report.userWastedPercent)}   (as dive computes them)`,
    `reclaimable ${formatBytes(report.reclaimableBytes)}   (bytes in layers the final filesystem does not show, each counted once)`,
  );
  if (report.topWasteful.length > 0) {
    lines.push("", "most wasteful paths:");
    for (const w of report.topWasteful)
      lines.push(`  ${formatBytes(w.reclaimableBytes).padStart(9)}  ${w.layers} layers  ${w.path}`);
  }
  return `${lines.join("\n")}\n`;
}

/** `layers A --against B`: B is the baseline (before), A the image looked at (after). */
async function compareTwo(before: string, after: string, platform?: string): Promise<ImageDelta> {
  const read = async (path: string) => {
    const image = await loadImage(path, platform);
    return { report: await analyzeImage(image), packages: (await collectPackages(image)).packages };
  };
  return compareImages(await read(before), await read(after));
}

function renderDelta(delta: ImageDelta): string {
  const row = (label: string, [a, b]: [number, number], format: (n: number) => string) =>
    `  ${label.padEnd(12)} ${format(a).padStart(10)} → ${format(b).padStart(10)}`;
  const lines = [
    `${delta.before} → ${delta.after}`,
    row("size", delta.sizeBytes, formatBytes) +
      `   ${delta.reduction >= 0 ? "−" : "+"}${percent(Math.abs(delta.reduction))}`,
    row("pushed", delta.compressedSizeBytes, formatBytes),
    row("layers", delta.layers, String),
    row("efficiency", delta.efficiency, percent),
    row("reclaimable", delta.reclaimableBytes, formatBytes),
    `  packages     ${delta.packagesRemoved.length} removed, ${delta.packagesAdded.length} added, ${delta.packagesChanged.length} changed`,
  ];
  for (const name of delta.packagesRemoved.slice(0, 30)) lines.push(`    - ${name}`);
  for (const name of delta.packagesAdded.slice(0, 30)) lines.push(`    + ${name}`);
  for (const change of delta.packagesChanged.slice(0, 30))
    lines.push(`    ~ ${change.name} ${change.before} → ${change.after}`);
  return `${lines.join("\n")}\n`;
}

export function registerLayers(program: Command): void {
  program
    .command("layers")
    .description("layer sizes, files added/changed/removed, dive's efficiency and wasted bytes, reclaimable bytes")
    .argument("<image>", IMAGE_ARGUMENT)
    .option("--json", "print the analysis as JSON")
    .option("--platform <os/arch>", "for a registry image with several platforms", "linux/amd64")
    .option("--against <image>", "compare with another image: size, layers, waste, packages added and removed")
    .option("--ci", "check the thresholds in .imagediet.yaml (layers:) and exit 1 on a breach")
    .option("-c, --config <file>", "configuration file (default: the nearest .imagediet.yaml)")
    .action(
      async (
        image: string,
        options: { json?: boolean; ci?: boolean; config?: string; against?: string; platform?: string },
      ) => {
        if (options.against) {
          const delta = await compareTwo(options.against, image, options.platform);
          process.stdout.write(options.json ? `${JSON.stringify(delta, null, 2)}\n` : renderDelta(delta));
          return;
        }
        const report = await analyzeImage(await loadImage(image, options.platform));
        if (options.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        else process.stdout.write(render(report, stdoutColor()));
        if (!options.ci) return;
        const path = options.config ?? findConfig(dirname(resolve(image)));
        const document = (path ? readYaml(path) : {}) as { layers?: unknown };
        const parsed = ciSchema.safeParse(document?.layers ?? {});
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw new ImagedietError(`layers.${issue.path.join(".")}: ${issue.message}`, { file: path });
        }
        const breaches = ciBreaches(report, parsed.data);
        for (const breach of breaches) process.stderr.write(`FAIL ${breach}\n`);
        process.stderr.write(breaches.length === 0 ? "PASS all layer thresholds\n" : "");
        process.exitCode = breaches.length === 0 ? EXIT.ok : EXIT.findings;
      },
    );
}
