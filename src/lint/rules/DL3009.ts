import { isAptInstall } from "../../knowledge/package-managers.js";
import { missingCleanupRule } from "../factories.js";
import { hasCacheMount, removesPath } from "../helpers.js";

export const DL3009 = missingCleanupRule({
  meta: {
    id: "DL3009",
    origin: "hadolint",
    severity: "info",
    category: "size",
    title: "Delete the apt-get lists after installing something",
    why: "`apt-get update` downloads package lists to /var/lib/apt/lists: 20–45 MB on Debian and Ubuntu, kept in the layer unless removed in the same RUN.",
    fix: "End the RUN with `&& rm -rf /var/lib/apt/lists/*` (`--fix` does this), or mount a cache on /var/lib/apt/lists.",
    fixable: true,
    examples: {
      bad: "RUN apt-get update && apt-get install -y curl",
      good: "RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*",
    },
  },
  installs: isAptInstall,
  cleans: (commands, run) => removesPath(commands, "/var/lib/apt/lists") || hasCacheMount(run, "/var/lib/apt/lists"),
  message: "the apt lists (~20–45 MB) stay in this layer; add `&& rm -rf /var/lib/apt/lists/*` to the same RUN",
  append: "rm -rf /var/lib/apt/lists/*",
  finalOnly: true,
});
