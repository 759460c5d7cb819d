import { subcommandWord } from "../../knowledge/commands.js";
import { aptAssumesYes, isAptInstall } from "../../knowledge/package-managers.js";
import { missingFlagRule } from "../factories.js";

export const DL3014 = missingFlagRule({
  meta: {
    id: "DL3014",
    origin: "hadolint",
    severity: "warning",
    category: "correctness",
    title: "Use the -y switch with apt-get install",
    why: "Without -y, apt-get asks for confirmation; in a build nobody answers, so the build fails on the prompt.",
    fix: "Add `-y` after `install` (`--fix` does this).",
    fixable: true,
    examples: { bad: "RUN apt-get install curl", good: "RUN apt-get install -y curl" },
  },
  anchor: (command) => (isAptInstall(command) ? subcommandWord(command)?.range : undefined),
  satisfied: aptAssumesYes,
  insert: "-y",
  message: "apt-get install without -y waits for a confirmation that never comes in a build; add -y",
});
