import { commandName, positionalArgs } from "../../knowledge/commands.js";
import { isYarnInstall } from "../../knowledge/package-managers.js";
import { missingCleanupRule } from "../factories.js";
import { hasCacheMount, removesPath } from "../helpers.js";

export const DL3060 = missingCleanupRule({
  meta: {
    id: "DL3060",
    origin: "hadolint",
    severity: "info",
    category: "size",
    title: "yarn cache clean missing after yarn install",
    why: "yarn v1 keeps every downloaded package in its cache (/usr/local/share/.cache/yarn): often as large as node_modules itself, 50–500 MB.",
    fix: "End the RUN with `&& yarn cache clean` (`--fix` does this), or mount a cache there.",
    fixable: true,
    examples: {
      bad: "RUN yarn install --frozen-lockfile",
      good: "RUN yarn install --frozen-lockfile && yarn cache clean",
    },
  },
  installs: isYarnInstall,
  cleans: (commands, run) =>
    commands.some(
      (c) =>
        commandName(c) === "yarn" && positionalArgs(c)[0]?.value === "cache" && positionalArgs(c)[1]?.value === "clean",
    ) ||
    removesPath(commands, "/usr/local/share/.cache/yarn") ||
    hasCacheMount(run, "/usr/local/share/.cache/yarn", "/root/.cache/yarn", "/root/.yarn"),
  message: "yarn's package cache stays in this layer; add `&& yarn cache clean` to the same RUN",
  append: "yarn cache clean",
});
