import type { Dockerfile, Range, RunInstruction, ShellCommand, ShellWord } from "../dockerfile/model.js";
import { finalStageChain, insertAfter, runCommands } from "./helpers.js";
import type { Report, Rule, RuleContext, RuleMeta } from "./types.js";

/** A command that should carry a flag: `apt-get install` without `-y`, `apk add` without `--no-cache`, … */
export function missingFlagRule(spec: {
  meta: RuleMeta;
  /** Where to insert the flag (after the subcommand word), when the command is one this rule is about. */
  anchor: (command: ShellCommand) => Range | undefined;
  satisfied: (command: ShellCommand, run: RunInstruction, context: RuleContext) => boolean;
  insert: string;
  message: string;
}): Rule {
  return {
    meta: spec.meta,
    check(context) {
      const reports: Report[] = [];
      for (const [run, commands] of runCommands(context.dockerfile)) {
        for (const command of commands) {
          const anchor = spec.anchor(command);
          if (!anchor || spec.satisfied(command, run, context)) continue;
          reports.push({ message: spec.message, range: command.range, fix: [insertAfter(anchor, ` ${spec.insert}`)] });
        }
      }
      return reports;
    },
  };
}

/** An install that leaves a cache behind unless the same RUN cleans it (or mounts a cache there). */
export function missingCleanupRule(spec: {
  meta: RuleMeta;
  installs: (command: ShellCommand) => boolean;
  cleans: (commands: ShellCommand[], run: RunInstruction) => boolean;
  message: string;
  /** Text appended to the RUN to clean up, for `--fix`. */
  append?: string;
  /** Only stages whose files reach the final image. */
  finalOnly?: boolean;
}): Rule {
  return {
    meta: spec.meta,
    check({ dockerfile }) {
      const reports: Report[] = [];
      const inFinal = finalStageIndexes(dockerfile);
      for (const [run, commands] of runCommands(dockerfile)) {
        if (spec.finalOnly && !inFinal.has(run.stageIndex)) continue;
        const install = commands.find(spec.installs);
        if (!install || spec.cleans(commands, run)) continue;
        const canFix = spec.append && !run.json && run.heredocs.length === 0 && run.command;
        reports.push({
          message: spec.message,
          range: install.range,
          fix: canFix && run.command ? [insertAfter(run.command.range, ` && ${spec.append}`)] : undefined,
        });
      }
      return reports;
    },
  };
}

function finalStageIndexes(dockerfile: Dockerfile): Set<number> {
  return new Set(finalStageChain(dockerfile).map((stage) => stage.index));
}

/** A package named without a version (opt-in: pinned versions vanish from archives and break builds). */
export function unpinnedRule(spec: {
  meta: RuleMeta;
  packages: (command: ShellCommand) => ShellWord[];
  pinned: (word: string) => boolean;
  message: (name: string) => string;
}): Rule {
  return {
    meta: spec.meta,
    check({ dockerfile }) {
      const reports: Report[] = [];
      for (const [, commands] of runCommands(dockerfile)) {
        for (const command of commands) {
          for (const word of spec.packages(command)) {
            if (word.dynamic || spec.pinned(word.value)) continue;
            reports.push({ message: spec.message(word.value), range: word.range });
          }
        }
      }
      return reports;
    },
  };
}
