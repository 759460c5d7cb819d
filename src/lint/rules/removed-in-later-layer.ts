import type { Instruction, Range } from "../../dockerfile/model.js";
import { commandName, positionalArgs } from "../../knowledge/commands.js";
import { commandsOf, finalStageChain, pathCovers } from "../helpers.js";
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
const TRAILING_SLASHES = /\/+$/;
const TRAILING_GLOB = /\/\*+$/;

interface Creation {
  instruction: Instruction;
  path: string;
  range: Range;
}

/** The path an instruction's layer adds that a later `rm` can waste: its first one, leaving out scratch space written by RUN. */
function creationOf(instruction: Instruction): Creation | undefined {
  const created = createdPaths(instruction).find((c) => !TRANSIENT.test(c.path) || instruction.keyword !== "RUN");
  return created && created.path !== "/" ? { instruction, ...created } : undefined;
}

/**
 * The paths created so far, reachable from each folder that holds them (and from themselves), in the
 * order they were created: a removed path finds the first layer it wastes without rereading the layers.
 */
class CreationIndex {
  private readonly byFolder = new Map<string, Creation[]>();

  add(creation: Creation): void {
    const target = creation.path.replace(TRAILING_SLASHES, "");
    for (let slash = target.indexOf("/"); slash !== -1; slash = target.indexOf("/", slash + 1)) {
      this.at(target.slice(0, slash)).push(creation);
    }
    this.at(target).push(creation);
  }

  /** The first creation `pattern` removes (as `pathCovers` reads it). */
  firstRemovedBy(pattern: string): Creation | undefined {
    const clean = pattern.replace(TRAILING_GLOB, "").replace(TRAILING_SLASHES, "");
    const glob = clean.indexOf("*");
    if (glob === -1) return this.byFolder.get(clean)?.[0];
    const folder = clean.slice(0, clean.lastIndexOf("/", glob));
    return this.byFolder.get(folder)?.find((creation) => pathCovers(pattern, creation.path));
  }

  private at(folder: string): Creation[] {
    let list = this.byFolder.get(folder);
    if (!list) {
      list = [];
      this.byFolder.set(folder, list);
    }
    return list;
  }
}

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
    const created = new CreationIndex();
    for (const stage of finalStageChain(dockerfile)) {
      for (const instruction of stage.instructions) {
        for (const removed of removedPaths(instruction)) {
          const earlier = created.firstRemovedBy(removed.pattern);
          if (!earlier) continue;
          reports.push({
            message: `${removed.pattern} is deleted here but was added by the ${earlier.instruction.keywordToken.value.toUpperCase()} on line ${earlier.instruction.startLine}: that layer still ships it`,
            range: removed.range,
            related: [{ message: "created here", range: earlier.range }],
          });
        }
        const creation = creationOf(instruction);
        if (creation) created.add(creation);
      }
    }
    return reports;
  },
};
