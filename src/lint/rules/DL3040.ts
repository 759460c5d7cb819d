import { isSubcommand } from "../../knowledge/commands.js";
import { missingCleanupRule } from "../factories.js";
import { hasCacheMount, removesPath } from "../helpers.js";

export const DL3040 = missingCleanupRule({
  meta: {
    id: "DL3040",
    origin: "hadolint",
    severity: "warning",
    category: "size",
    title: "dnf clean all missing after dnf install",
    why: "dnf keeps metadata in /var/cache/dnf: typically 20–100 MB left in the layer.",
    fix: "End the RUN with `&& dnf clean all` (`--fix` does this).",
    fixable: true,
    examples: { bad: "RUN dnf install -y httpd", good: "RUN dnf install -y httpd && dnf clean all" },
  },
  installs: (command) => isSubcommand(command, ["dnf", "microdnf"], ["install", "groupinstall", "localinstall"]),
  cleans: (commands, run) =>
    commands.some((c) => isSubcommand(c, ["dnf", "microdnf"], ["clean"])) ||
    removesPath(commands, "/var/cache/dnf") ||
    hasCacheMount(run, "/var/cache/dnf"),
  message: "dnf's cache stays in this layer; add `&& dnf clean all` to the same RUN",
  append: "dnf clean all",
});
