import { UNWANTED_IN_CONTEXT } from "../../knowledge/build-context.js";
import { contextUseRange } from "../context-helpers.js";
import type { Rule } from "../types.js";

export const dockerignoreMissing: Rule = {
  meta: {
    id: "dockerignore-missing",
    origin: "imagediet",
    severity: "warning",
    category: "cache",
    title: "No .dockerignore in the build context",
    why: "Without .dockerignore the whole folder is sent to the builder on every build (.git, node_modules, build output): slower builds, cache misses on every unrelated change, and secrets in `COPY . .` layers.",
    fix: "Add a .dockerignore (`imagediet optimize` writes one for the detected stack).",
    fixable: false,
    examples: { bad: "# (no .dockerignore)\nCOPY . .", good: "# .dockerignore: .git node_modules .env*\nCOPY . ." },
  },
  check({ dockerfile, context }) {
    if (!context || context.dockerignore !== undefined) return [];
    const range = contextUseRange(dockerfile);
    if (!range) return [];
    const present = UNWANTED_IN_CONTEXT.filter((u) => context.paths.some((p) => u.pattern.test(p))).map((u) => u.entry);
    const extra = present.length > 0 ? `; the context holds ${present.join(", ")}` : "";
    return [{ message: `no .dockerignore: the whole context is sent to the builder${extra}`, range }];
  },
};
