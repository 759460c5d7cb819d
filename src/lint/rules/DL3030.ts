import { hasFlag, isSubcommand, subcommandWord } from "../../knowledge/commands.js";
import { missingFlagRule } from "../factories.js";

export const DL3030 = missingFlagRule({
  meta: {
    id: "DL3030",
    origin: "hadolint",
    severity: "warning",
    category: "correctness",
    title: "Use the -y switch with yum install",
    why: "yum asks for confirmation without -y; a build cannot answer and fails.",
    fix: "Add `-y` after `install` (`--fix` does this).",
    fixable: true,
    examples: { bad: "RUN yum install httpd", good: "RUN yum install -y httpd && yum clean all" },
  },
  anchor: (command) =>
    isSubcommand(command, ["yum"], ["install", "groupinstall", "localinstall"])
      ? subcommandWord(command)?.range
      : undefined,
  satisfied: (command) => hasFlag(command, "y", "assumeyes"),
  insert: "-y",
  message: "yum install without -y waits for a confirmation; add -y",
});
