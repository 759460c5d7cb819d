import { isSubcommand } from "../../knowledge/commands.js";
import { missingCleanupRule } from "../factories.js";
import { hasCacheMount, removesPath } from "../helpers.js";

export const DL3032 = missingCleanupRule({
  meta: {
    id: "DL3032",
    origin: "hadolint",
    severity: "warning",
    category: "size",
    title: "yum clean all missing after yum install",
    why: "yum keeps metadata and packages in /var/cache/yum: typically 50–150 MB left in the layer.",
    fix: "End the RUN with `&& yum clean all` (`--fix` does this).",
    fixable: true,
    examples: { bad: "RUN yum install -y httpd", good: "RUN yum install -y httpd && yum clean all" },
  },
  installs: (command) => isSubcommand(command, ["yum"], ["install", "groupinstall", "localinstall"]),
  cleans: (commands, run) =>
    commands.some((c) => isSubcommand(c, ["yum"], ["clean"])) ||
    removesPath(commands, "/var/cache/yum") ||
    hasCacheMount(run, "/var/cache/yum"),
  message: "yum's cache stays in this layer; add `&& yum clean all` to the same RUN",
  append: "yum clean all",
});
