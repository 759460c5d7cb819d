import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CLI, compareProcesses, goalLine, requireBuild, usageLine } from "./process.js";

/** `imagediet --version` and a one-file `lint` against `node -e 0`, the floor any Node CLI pays. */
export async function runStartupBench(): Promise<void> {
  requireBuild();
  const dir = mkdtempSync(join(tmpdir(), "imagediet-bench-startup-"));
  try {
    writeFileSync(join(dir, "Dockerfile"), "FROM alpine:3.20\nRUN apk add --no-cache curl\nUSER 1000\n");
    const [node, version, lint] = compareProcesses(
      [
        { name: "node -e 0", args: ["-e", "0"] },
        { name: "imagediet --version", args: [CLI, "--version"] },
        { name: "imagediet lint Dockerfile", args: [CLI, "lint", "Dockerfile"], cwd: dir, okCodes: [0, 1] },
      ],
      15,
    );
    process.stdout.write(
      [
        "startup: medians of 15 alternating runs (a 3-line Dockerfile in an empty folder)",
        usageLine("node -e 0", node),
        usageLine("imagediet --version", version),
        usageLine("imagediet lint Dockerfile", lint),
        goalLine("--version wall time / node -e 0", version.wallMs / node.wallMs, 1.5),
        goalLine("lint wall time / node -e 0", lint.wallMs / node.wallMs, 3),
        `  (CPU time: --version ${(version.cpuMs / node.cpuMs).toFixed(2)}×, lint ${(lint.cpuMs / node.cpuMs).toFixed(2)}× node -e 0)`,
        "",
      ].join("\n"),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
