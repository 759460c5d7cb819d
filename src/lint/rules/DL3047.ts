import { commandName, hasFlag } from "../../knowledge/commands.js";
import { missingFlagRule } from "../factories.js";

export const DL3047 = missingFlagRule({
  meta: {
    id: "DL3047",
    origin: "hadolint",
    severity: "info",
    category: "maintainability",
    title: "Avoid wget without --progress: it floods the build log",
    why: "wget's default progress bar writes a line per refresh into non-interactive logs: megabytes of log for a large download, slowing CI log viewers.",
    fix: "Add `--progress=dot:giga` (`--fix` does this), or `-q`/`-nv`.",
    fixable: true,
    examples: {
      bad: "RUN wget https://example.com/big.tar.gz",
      good: "RUN wget --progress=dot:giga https://example.com/big.tar.gz",
    },
  },
  anchor: (command) => (commandName(command) === "wget" ? command.name?.range : undefined),
  satisfied: (command) =>
    hasFlag(command, "progress", "q", "quiet", "nv", "no-verbose") || command.args.some((a) => a.value === "-nv"),
  insert: "--progress=dot:giga",
  message: "wget without --progress fills the build log with its progress bar; add --progress=dot:giga",
});
