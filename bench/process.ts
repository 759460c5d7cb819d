import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const CLI = join(import.meta.dirname, "..", "bin", "imagediet.js");
const PRELOAD = join(import.meta.dirname, "usage.cjs");

export interface Usage {
  wallMs: number;
  cpuMs: number;
  rssMB: number;
}

/** A Node process to measure: its arguments after `node`, and the exit codes that mean it worked. */
export interface NodeRun {
  name: string;
  args: string[];
  cwd?: string;
  /** Default [0]; "any" for a tool whose exit code counts its findings (dockerfilelint). */
  okCodes?: number[] | "any";
}

export function requireBuild(): void {
  if (!existsSync(join(import.meta.dirname, "..", "dist", "cli", "main.js"))) {
    throw new Error("build first (npm run build)");
  }
}

/** Runs one Node process with the usage preload and returns its wall time, CPU time and peak RSS. */
export function runNode(run: NodeRun): Usage {
  const dir = mkdtempSync(join(tmpdir(), "imagediet-bench-"));
  const usageFile = join(dir, "usage.json");
  try {
    const started = performance.now();
    const result = spawnSync(process.execPath, ["--require", PRELOAD, ...run.args], {
      cwd: run.cwd,
      env: { ...process.env, IMAGEDIET_BENCH_USAGE: usageFile, NO_COLOR: "1" },
      encoding: "utf8",
      maxBuffer: 1 << 30,
    });
    const wallMs = performance.now() - started;
    const okCodes = run.okCodes ?? [0];
    const ok = result.status !== null && (okCodes === "any" || okCodes.includes(result.status));
    if (!ok || !existsSync(usageFile)) {
      throw new Error(`${run.name} failed (exit ${result.status ?? result.signal}): ${result.stderr.slice(0, 500)}`);
    }
    const { cpuMs, rssMB } = JSON.parse(readFileSync(usageFile, "utf8")) as Omit<Usage, "wallMs">;
    return { wallMs, cpuMs, rssMB };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Runs the processes in alternating rounds (so machine noise hits all of them alike), after one warm-up
 * round, and returns each one's median wall and CPU time and its highest peak RSS.
 */
export function compareProcesses(runs: NodeRun[], rounds: number): Usage[] {
  for (const run of runs) runNode(run);
  const samples: Usage[][] = runs.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (const [i, run] of runs.entries()) samples[i].push(runNode(run));
  }
  return samples.map((s) => ({
    wallMs: median(s.map((u) => u.wallMs)),
    cpuMs: median(s.map((u) => u.cpuMs)),
    rssMB: Math.max(...s.map((u) => u.rssMB)),
  }));
}

/** One line per measured process: wall, CPU and peak RSS. */
export function usageLine(name: string, usage: Usage): string {
  const ms = (value: number) => `${value.toFixed(0).padStart(7)} ms`;
  return `  ${name.padEnd(28)} wall ${ms(usage.wallMs)}   CPU ${ms(usage.cpuMs)}   peak RSS ${usage.rssMB.toFixed(0).padStart(4)} MB`;
}

/** A ratio against its goal, saying whether the goal is met and by how much it is missed. */
export function goalLine(what: string, ratio: number, goal: number, atMost = true): string {
  const met = atMost ? ratio <= goal : ratio >= goal;
  const verdict = met ? "met" : `missed by ${Math.abs(ratio - goal).toFixed(2)}×`;
  return `  ${what.padEnd(44)} ${ratio.toFixed(2).padStart(6)}×  (goal ${atMost ? "≤" : "≥"} ${goal.toFixed(2)}×: ${verdict})`;
}
