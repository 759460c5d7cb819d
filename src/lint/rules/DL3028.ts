import { hasFlag, isSubcommand, packageArgs } from "../../knowledge/commands.js";
import { unpinnedRule } from "../factories.js";

export const DL3028 = unpinnedRule({
  meta: {
    id: "DL3028",
    origin: "hadolint",
    severity: "warning",
    category: "correctness",
    title: "Pin versions in gem install",
    why: "`gem install pkg` without a version takes the newest release at build time. Off by default; a Gemfile.lock with `bundle install` pins better.",
    fix: "Install `gem:version` or pass `-v version`.",
    fixable: false,
    optIn: true,
    examples: { bad: "RUN gem install bundler", good: "RUN gem install bundler:2.5.22" },
  },
  packages: (command) =>
    isSubcommand(command, ["gem"], ["install"]) && !hasFlag(command, "v", "version") ? packageArgs(command) : [],
  pinned: (word) => word.includes(":") || word.endsWith(".gem"),
  message: (name) => `pin the version of ${name} (${name}:<version>)`,
});
