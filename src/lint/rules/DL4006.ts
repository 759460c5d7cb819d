import { parseImageRef } from "../../analyze/image-ref.js";
import type { Dockerfile, RunInstruction } from "../../dockerfile/model.js";
import type { TextEdit } from "../../dockerfile/print.js";
import { commandsOf, instructionsWithTriggers } from "../helpers.js";
import type { Report, Rule } from "../types.js";

const NON_POSIX = /(^|[\\/])(pwsh|powershell|cmd)(\.exe)?$/i;

/** `-o pipefail` (or `-eo pipefail`, `-euxo pipefail`) among a shell's options: busybox ash takes it too. */
function setsPipefail(args: string[]): boolean {
  return args.some((arg, i) => /^-[a-z]*o$/.test(arg) && args[i + 1] === "pipefail");
}

/** On Alpine /bin/sh is busybox ash, so `ash -eo pipefail` changes nothing else: the one safe SHELL to insert. */
function fixFor(dockerfile: Dockerfile, run: RunInstruction): TextEdit[] | undefined {
  const stage = dockerfile.stages[run.stageIndex];
  let root = stage;
  while (root?.parentStage !== undefined) root = dockerfile.stages[root.parentStage];
  const ref = root ? parseImageRef(root.baseImageExpanded) : undefined;
  const alpine = ref && (ref.repository === "alpine" || /(^|-)alpine/.test(ref.tag ?? ""));
  if (!alpine || run.keywordToken.range.start.column !== 1) return undefined;
  const start = { ...run.keywordToken.range.start };
  return [{ range: { start, end: start }, text: 'SHELL ["/bin/ash", "-eo", "pipefail", "-c"]\n' }];
}

function pipeWithoutPipefail(run: RunInstruction): Report | undefined {
  const commands = commandsOf(run);
  const pipe = commands.findIndex((c) => c.next === "|");
  if (pipe === -1) return undefined;
  const setBefore = commands
    .slice(0, pipe + 1)
    .some((c) => c.name?.value === "set" && c.flags.some((f) => f.name === "o" && f.value === "pipefail"));
  if (setBefore) return undefined;
  return {
    message: 'a pipe hides failures of all but its last command; set -o pipefail (SHELL [..., "-o", "pipefail", "-c"])',
    range: commands[pipe].range,
  };
}

export const DL4006: Rule = {
  meta: {
    id: "DL4006",
    origin: "hadolint",
    severity: "warning",
    category: "correctness",
    title: "Set -o pipefail before RUN with a pipe",
    why: "A pipeline's status is that of its last command: `curl … | tar x` succeeds even when the download fails, and the build goes on with a broken layer.",
    fix: 'Add `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` (or `["/bin/ash", "-eo", "pipefail", "-c"]` on Alpine) before the RUN, or start the RUN with `set -o pipefail &&`. `--fix` inserts the Alpine SHELL, where /bin/sh is ash anyway; elsewhere switching to bash is left to you.',
    fixable: true,
    examples: {
      bad: "RUN wget -O - https://some.site | wc -l > /number",
      good: 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN wget -O - https://some.site | wc -l > /number',
    },
  },
  check({ dockerfile }) {
    const reports: Report[] = [];
    // The SHELL in effect: reset at FROM, inherited by a stage built FROM another.
    const shellAtEnd: (string[] | undefined)[] = [];
    for (const stage of dockerfile.stages) {
      let shell = stage.parentStage === undefined ? undefined : shellAtEnd[stage.parentStage];
      for (const instruction of instructionsWithTriggers(stage.instructions)) {
        if (instruction.keyword === "SHELL") shell = instruction.exec.map((t) => t.value);
        if (instruction.keyword !== "RUN") continue;
        if (shell && (NON_POSIX.test(shell[0] ?? "") || setsPipefail(shell))) continue;
        const report = pipeWithoutPipefail(instruction);
        if (report) reports.push({ ...report, fix: fixFor(dockerfile, instruction) });
      }
      shellAtEnd[stage.index] = shell;
    }
    return reports;
  },
};
