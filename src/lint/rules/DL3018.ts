import { packageArgs } from "../../knowledge/commands.js";
import { isApkAdd } from "../../knowledge/package-managers.js";
import { unpinnedRule } from "../factories.js";

export const DL3018 = unpinnedRule({
  meta: {
    id: "DL3018",
    origin: "hadolint",
    severity: "warning",
    category: "correctness",
    title: "Pin versions in apk add",
    why: "Unpinned packages make builds change silently. Off by default: Alpine keeps only the latest build of each package per branch, so exact pins break; `pkg~1.2` pins a minor line.",
    fix: "Install `package=version` or `package~version`.",
    fixable: false,
    optIn: true,
    examples: { bad: "RUN apk add --no-cache curl", good: "RUN apk add --no-cache curl~8.9" },
  },
  // `--virtual NAME` / `-t NAME` names a group, not a package: the shell model reads it as the flag's value.
  packages: (command) => (isApkAdd(command) ? packageArgs(command) : []),
  pinned: (word) => /[=~<>]/.test(word) || word.endsWith(".apk") || word.startsWith("/"),
  message: (name) => `pin the version of ${name} (${name}=<version> or ${name}~<version>)`,
});
