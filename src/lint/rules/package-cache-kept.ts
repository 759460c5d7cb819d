import type { RunInstruction, ShellCommand } from "../../dockerfile/model.js";
import { commandName, hasFlag, positionalArgs } from "../../knowledge/commands.js";
import { isNpmInstall } from "../../knowledge/package-managers.js";
import { finalStageChain, hasCacheMount, removesPath, runCommands } from "../helpers.js";
import type { Report, Rule } from "../types.js";

interface Cache {
  tool: string;
  installs: (command: ShellCommand) => boolean;
  paths: string[];
  cleans: (commands: ShellCommand[], run: RunInstruction) => boolean;
  size: string;
  hint: string;
}

const sub = (command: ShellCommand) => positionalArgs(command)[0]?.value;

const CACHES: Cache[] = [
  {
    tool: "npm",
    installs: isNpmInstall,
    paths: ["/root/.npm"],
    cleans: (commands) =>
      commands.some((c) => commandName(c) === "npm" && sub(c) === "cache" && positionalArgs(c)[1]?.value === "clean"),
    size: "tens to hundreds of MB",
    hint: "add `&& npm cache clean --force`, or mount a cache at /root/.npm",
  },
  {
    tool: "pnpm",
    installs: (c) => commandName(c) === "pnpm" && ["install", "i", "add"].includes(sub(c) ?? ""),
    paths: ["/root/.local/share/pnpm", "/root/.pnpm-store", "/pnpm"],
    cleans: (commands) =>
      commands.some((c) => commandName(c) === "pnpm" && sub(c) === "store" && positionalArgs(c)[1]?.value === "prune"),
    size: "as large as node_modules",
    hint: "mount a cache on the pnpm store, or add `&& pnpm store prune`",
  },
  {
    tool: "go",
    installs: (c) => commandName(c) === "go" && ["build", "install", "mod"].includes(sub(c) ?? ""),
    paths: ["/root/.cache/go-build", "/go/pkg/mod"],
    cleans: (commands) =>
      commands.some((c) => commandName(c) === "go" && sub(c) === "clean" && hasFlag(c, "cache", "modcache")),
    size: "hundreds of MB: the build and module caches",
    hint: "build in a builder stage, or mount caches at /root/.cache/go-build and /go/pkg/mod",
  },
  {
    tool: "cargo",
    installs: (c) => commandName(c) === "cargo" && ["build", "install", "fetch"].includes(sub(c) ?? ""),
    paths: ["/usr/local/cargo/registry", "/root/.cargo/registry"],
    cleans: () => false,
    size: "hundreds of MB: the registry index and crate sources",
    hint: "build in a builder stage, or mount a cache at /usr/local/cargo/registry",
  },
  {
    tool: "composer",
    installs: (c) => commandName(c) === "composer" && ["install", "require", "update"].includes(sub(c) ?? ""),
    paths: ["/root/.composer/cache", "/tmp/composer-cache"],
    cleans: (commands) => commands.some((c) => commandName(c) === "composer" && sub(c) === "clear-cache"),
    size: "tens of MB",
    hint: "add `&& composer clear-cache`, or mount a cache",
  },
];

export const packageCacheKept: Rule = {
  meta: {
    id: "package-cache-kept",
    origin: "imagediet",
    severity: "warning",
    category: "size",
    title: "A package manager's download cache is left in the layer",
    why: "npm, pnpm, go, cargo and composer keep every download in a cache folder; in an image that is dead weight — often as big as the installed dependencies themselves. (apt, apk, pip, yarn and yum/dnf have their own rules: DL3009, DL3019, DL3042, DL3060, DL3032, DL3040.)",
    fix: "Clean the cache in the same RUN, mount it with `RUN --mount=type=cache,target=…`, or install in a builder stage.",
    fixable: false,
    examples: {
      bad: "RUN npm ci --omit=dev",
      good: "RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev",
    },
  },
  check({ dockerfile }) {
    const reports: Report[] = [];
    const inFinal = new Set(finalStageChain(dockerfile).map((s) => s.index));
    for (const [run, commands] of runCommands(dockerfile)) {
      if (!inFinal.has(run.stageIndex)) continue;
      for (const cache of CACHES) {
        const install = commands.find(cache.installs);
        if (!install) continue;
        if (
          cache.cleans(commands, run) ||
          hasCacheMount(run, ...cache.paths) ||
          cache.paths.some((p) => removesPath(commands, p))
        )
          continue;
        reports.push({
          message: `${cache.tool}'s cache (${cache.size}) stays in this layer; ${cache.hint}`,
          range: install.range,
        });
      }
    }
    return reports;
  },
};
