import { corpusForPeers, DOCKERFILELINT_CLI } from "./corpus.js";
import { CLI, compareProcesses, goalLine, requireBuild, usageLine } from "./process.js";

/** Whole processes over the corpus: `imagediet lint` (every rule) against the dockerfilelint CLI, JSON out. */
export async function runLintCliBench(): Promise<void> {
  requireBuild();
  const { paths, total } = corpusForPeers();
  const [ours, peer] = compareProcesses(
    [
      { name: "imagediet lint", args: [CLI, "lint", "-f", "json", ...paths], okCodes: [0, 1] },
      { name: "dockerfilelint", args: [DOCKERFILELINT_CLI, "-o", "json", ...paths], okCodes: "any" },
    ],
    5,
  );
  process.stdout.write(
    [
      `lint-cli: one process over ${paths.length} corpus files (dockerfilelint crashes on ${total - paths.length} of ${total}), medians of 5 alternating runs`,
      usageLine("imagediet lint -f json", ours),
      usageLine("dockerfilelint -o json", peer),
      goalLine("CPU time / dockerfilelint's", ours.cpuMs / peer.cpuMs, 1),
      `  (wall time ${(ours.wallMs / peer.wallMs).toFixed(2)}×)`,
      "",
    ].join("\n"),
  );
}
