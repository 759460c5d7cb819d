import { hasFlag, subcommandWord } from "../../knowledge/commands.js";
import { isAptInstall } from "../../knowledge/package-managers.js";
import { missingFlagRule } from "../factories.js";

export const DL3015 = missingFlagRule({
  meta: {
    id: "DL3015",
    origin: "hadolint",
    severity: "info",
    category: "size",
    title: "Avoid additional packages by specifying --no-install-recommends",
    why: "apt installs recommended packages by default; they are rarely needed in an image and commonly add tens to hundreds of MB (e.g. `curl` pulls ~10 MB of recommends, `build-essential` over 100 MB).",
    fix: "Add `--no-install-recommends` after `install` (`--fix` does this); add back the few recommended packages the app needs.",
    fixable: true,
    examples: { bad: "RUN apt-get install -y curl", good: "RUN apt-get install -y --no-install-recommends curl" },
  },
  anchor: (command) => (isAptInstall(command) ? subcommandWord(command)?.range : undefined),
  satisfied: (command) =>
    hasFlag(command, "no-install-recommends") ||
    command.args.some((a) => /APT::Install-Recommends=(false|0)/i.test(a.value)),
  insert: "--no-install-recommends",
  message:
    "apt-get install without --no-install-recommends also installs recommended packages; add --no-install-recommends",
});
