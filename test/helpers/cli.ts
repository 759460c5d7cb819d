import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { ROOT } from "./shared.js";

const BIN = join(ROOT, "bin", "imagediet.js");

/** Runs the built CLI (`npm test` builds first) and returns its exit code and output. */
export function imagediet(args: string[], options: { input?: string; cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: "utf8",
    input: options.input,
    cwd: options.cwd ?? ROOT,
    env: options.env ?? { ...process.env, NO_COLOR: "1" },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
