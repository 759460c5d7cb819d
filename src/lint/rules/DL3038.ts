import { hasFlag, isSubcommand, subcommandWord } from "../../knowledge/commands.js";
import { missingFlagRule } from "../factories.js";

export const DL3038 = missingFlagRule({
  meta: {
    id: "DL3038",
    origin: "hadolint",
    severity: "warning",
    category: "correctness",
    title: "Use the -y switch with dnf install",
    why: "dnf asks for confirmation without -y; a build cannot answer and fails.",
    fix: "Add `-y` after `install` (`--fix` does this).",
    fixable: true,
    examples: { bad: "RUN dnf install httpd", good: "RUN dnf install -y httpd && dnf clean all" },
  },
  anchor: (command) =>
    isSubcommand(command, ["dnf", "microdnf"], ["install", "groupinstall", "localinstall"])
      ? subcommandWord(command)?.range
      : undefined,
  satisfied: (command) => hasFlag(command, "y", "assumeyes"),
  insert: "-y",
  message: "dnf install without -y waits for a confirmation; add -y",
});
