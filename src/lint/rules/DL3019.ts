import { hasFlag, subcommandWord } from "../../knowledge/commands.js";
import { isApkAdd } from "../../knowledge/package-managers.js";
import { missingFlagRule } from "../factories.js";
import { hasCacheMount } from "../helpers.js";

export const DL3019 = missingFlagRule({
  meta: {
    id: "DL3019",
    origin: "hadolint",
    severity: "info",
    category: "size",
    title: "Use the --no-cache switch with apk add",
    why: "apk add without --no-cache stores the package index in /var/cache/apk (about 2–3 MB per repository) in the layer.",
    fix: "Add `--no-cache` after `add` (`--fix` does this), or mount a cache: `RUN --mount=type=cache,target=/var/cache/apk`.",
    fixable: true,
    examples: { bad: "RUN apk add curl", good: "RUN apk add --no-cache curl" },
  },
  anchor: (command) => (isApkAdd(command) ? subcommandWord(command)?.range : undefined),
  satisfied: (command, run) => hasFlag(command, "no-cache") || hasCacheMount(run, "/var/cache/apk"),
  insert: "--no-cache",
  message: "apk add without --no-cache keeps the package index in the layer (~2 MB); add --no-cache",
});
