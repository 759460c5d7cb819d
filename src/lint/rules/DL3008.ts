import { hasFlag, packageArgs } from "../../knowledge/commands.js";
import { isAptInstall } from "../../knowledge/package-managers.js";
import { unpinnedRule } from "../factories.js";

export const DL3008 = unpinnedRule({
  meta: {
    id: "DL3008",
    origin: "hadolint",
    severity: "warning",
    category: "correctness",
    title: "Pin versions in apt-get install",
    why: "Unpinned packages make builds change silently. Off by default: Debian removes old versions from its archive, so pinned builds break within weeks; prefer pinning the base image digest.",
    fix: "Install `package=version`.",
    fixable: false,
    optIn: true,
    examples: { bad: "RUN apt-get install -y curl", good: "RUN apt-get install -y curl=7.88.1-10+deb12u5" },
  },
  packages: (command) =>
    isAptInstall(command) && !hasFlag(command, "t", "target-release") ? packageArgs(command) : [],
  pinned: (word) => word.includes("=") || word.endsWith(".deb") || word.startsWith("/") || word.startsWith("./"),
  message: (name) => `pin the version of ${name} (${name}=<version>)`,
});
