import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CLI, compareProcesses, goalLine, requireBuild, usageLine } from "./process.js";
import { longDockerfiles } from "./synthetic.js";

const TIMES = 10;

/** `imagediet lint` of a 5,000-line Dockerfile and of the same body ten times over, in one final stage. */
export async function runScaleBench(): Promise<void> {
  requireBuild();
  const dir = mkdtempSync(join(tmpdir(), "imagediet-bench-scale-"));
  try {
    const [small, large] = longDockerfiles(5000, TIMES);
    writeFileSync(join(dir, "small.Dockerfile"), small);
    writeFileSync(join(dir, "large.Dockerfile"), large);
    const lines = (text: string) => text.split("\n").length - 1;
    const lint = (file: string) => ({ name: file, args: [CLI, "lint", "-f", "json", file], cwd: dir, okCodes: [0, 1] });
    const [smallRun, largeRun] = compareProcesses([lint("small.Dockerfile"), lint("large.Dockerfile")], 3);
    process.stdout.write(
      [
        `scale: imagediet lint -f json, medians of 3 alternating runs (the larger file is the smaller one's body ${TIMES} times)`,
        usageLine(`${lines(small)} lines`, smallRun),
        usageLine(`${lines(large)} lines`, largeRun),
        goalLine(`${lines(large)} / ${lines(small)} lines, wall time`, largeRun.wallMs / smallRun.wallMs, 11),
        `  (CPU time ${(largeRun.cpuMs / smallRun.cpuMs).toFixed(2)}×)`,
        `  peak RSS of the larger file     ${largeRun.rssMB.toFixed(0).padStart(6)} MB  (goal < 300 MB: ${largeRun.rssMB < 300 ? "met" : `missed by ${(largeRun.rssMB - 300).toFixed(0)} MB`})`,
        "",
      ].join("\n"),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
