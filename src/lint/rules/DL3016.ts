import { commandName, positionalArgs } from "../../knowledge/commands.js";
import { unpinnedRule } from "../factories.js";

export const DL3016 = unpinnedRule({
  meta: {
    id: "DL3016",
    origin: "hadolint",
    severity: "warning",
    category: "correctness",
    title: "Pin versions in npm install",
    why: "`npm install pkg` without a version takes the newest release at build time. Off by default; dependencies in package.json with a lock file and `npm ci` are the better pin.",
    fix: "Install `package@version`.",
    fixable: false,
    optIn: true,
    examples: { bad: "RUN npm install -g typescript", good: "RUN npm install -g typescript@5.6.3" },
  },
  packages: (command) => {
    if (commandName(command) !== "npm") return [];
    const [sub, ...rest] = positionalArgs(command);
    return sub && ["install", "i", "add"].includes(sub.value) ? rest : [];
  },
  pinned: (word) =>
    /^@?[^@]+@.+/.test(word) ||
    word.startsWith(".") ||
    word.startsWith("/") ||
    /^(git|https?|file|github):/.test(word) ||
    /\.tgz$/.test(word),
  message: (name) => `pin the version of ${name} (${name}@<version>)`,
});
