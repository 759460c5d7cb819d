import type { Instruction, Range } from "../../dockerfile/model.js";
import { commandName, commandsOf, finalStageChain, pathCovers, positionalArgs } from "../helpers.js";
import type { Report, Rule } from "../types.js";

/** Absolute paths an instruction creates: COPY/ADD destinations, `-o`/`-O` outputs and mkdir/touch/cp/mv targets in RUN. */
function createdPaths(instruction: Instruction): { path: string; range: Range }[] {
  if (
    (instruction.keyword === "COPY" || instruction.keyword === "ADD") &&
    instruction.destination?.value.startsWith("/")
  ) {
    const dest = instruction.destination.value;
    if (dest.endsWith("/") && instruction.sources.length === 1) {
      const name = instruction.sources[0].value.replace(/\/+$/, "").split("/").pop();
      return [{ path: `${dest}${name}`, range: instruction.destination.range }];
    }
    return [{ path: dest, range: instruction.destination.range }];
  }
  if (instruction.keyword !== "RUN") return [];
  const out: { path: string; range: Range }[] = [];
  for (const command of commandsOf(instruction)) {
    const name = commandName(command);
    const output = command.flags.find(
      (f) =>
        (name === "curl" && (f.name === "o" || f.name === "output")) ||
        (name === "wget" && (f.name === "O" || f.name === "output-document")),
    );
    if (output?.value?.startsWith("/")) out.push({ path: output.value, range: command.range });
    if (["touch", "cp", "mv", "mkdir", "git"].includes(name)) {
      const args = positionalArgs(command);
      const target = name === "git" ? (args[0]?.value === "clone" ? args[2] : undefined) : args[args.length - 1];
      if (target?.value.startsWith("/") && !target.dynamic) out.push({ path: target.value, range: command.range });
    }
  }
  return out;
}

/** Paths removed with `rm` in a RUN. */
function removedPaths(instruction: Instruction): { pattern: string; range: Range }[] {
  if (instruction.keyword !== "RUN") return [];
  return commandsOf(instruction)
    .filter((c) => commandName(c) === "rm")
    .flatMap((c) =>
      positionalArgs(c)
        .filter((w) => !w.dynamic && w.value.startsWith("/"))
        .map((w) => ({ pattern: w.value, range: w.range })),
    );
}

const TRANSIENT = /^\/(tmp|var\/tmp|proc|sys|dev|run)(\/|$)/;

export const removedInLaterLayer: Rule = {
  meta: {
    id: "removed-in-later-layer",
    origin: "imagediet",
    severity: "warning",
    category: "size",
    title: "Files created in one layer and deleted in a later one still take space",
    why: "Layers only add: deleting in a later RUN hides the files but the earlier layer still ships every byte (dive counts this as wasted space).",
    fix: "Create and delete in the same RUN, use a builder stage, or a `RUN --mount=type=bind/cache` for files needed only while building.",
    fixable: false,
    examples: {
      bad: "COPY app.tar.gz /tmp/app.tar.gz\nRUN tar -xzf /tmp/app.tar.gz -C /opt\nRUN rm /tmp/app.tar.gz",
      good: "RUN --mount=type=bind,source=app.tar.gz,target=/tmp/app.tar.gz tar -xzf /tmp/app.tar.gz -C /opt",
    },
  },
  check({ dockerfile }) {
    const reports: Report[] = [];
    const chain = finalStageChain(dockerfile).flatMap((stage) => stage.instructions);
    chain.forEach((instruction, index) => {
      for (const removed of removedPaths(instruction)) {
        for (const earlier of chain.slice(0, index)) {
          const created = createdPaths(earlier).find((c) => !TRANSIENT.test(c.path) || earlier.keyword !== "RUN");
          if (!created || !pathCovers(removed.pattern, created.path) || created.path === "/") continue;
          reports.push({
            message: `${removed.pattern} is deleted here but was added by the ${earlier.keywordToken.value.toUpperCase()} on line ${earlier.startLine}: that layer still ships it`,
            range: removed.range,
            related: [{ message: "created here", range: created.range }],
          });
          break;
        }
      }
    });
    return reports;
  },
};
