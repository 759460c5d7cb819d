import { isSubcommand, packageArgs } from "../../knowledge/commands.js";
import { unpinnedRule } from "../factories.js";

export const DL3062 = unpinnedRule({
  meta: {
    id: "DL3062",
    origin: "hadolint",
    severity: "warning",
    category: "correctness",
    title: "Pin versions in go install, go get and go run",
    why: "`go install pkg@latest` or a bare module path builds whatever is newest at build time. Off by default; go.mod and go.sum pin the app's own dependencies.",
    fix: "Use `module/path@vX.Y.Z`.",
    fixable: false,
    optIn: true,
    examples: {
      bad: "RUN go install golang.org/x/tools/gopls@latest",
      good: "RUN go install golang.org/x/tools/gopls@v0.16.2",
    },
  },
  packages: (command) => (isSubcommand(command, ["go"], ["install", "get", "run"]) ? packageArgs(command) : []),
  pinned: (word) =>
    (/@/.test(word) && !/@latest$/.test(word)) || word.startsWith(".") || word.endsWith(".go") || !word.includes("/"),
  message: (name) => `pin the version of ${name} (module@vX.Y.Z)`,
});
