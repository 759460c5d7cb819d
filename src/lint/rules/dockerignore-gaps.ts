import { UNWANTED_IN_CONTEXT } from "../../knowledge/build-context.js";
import { contextUseRange, ignoreOf } from "../context-helpers.js";
import type { Report, Rule } from "../types.js";

export const dockerignoreGaps: Rule = {
  meta: {
    id: "dockerignore-gaps",
    origin: "imagediet",
    severity: "warning",
    category: "cache",
    title: ".dockerignore lets unwanted files into the context",
    why: ".git, node_modules, __pycache__, target/, .env files and keys in the context slow every build, break the cache on unrelated changes and can end up in image layers.",
    fix: "Add the listed entries to .dockerignore.",
    fixable: false,
    examples: {
      bad: "# .dockerignore: *.md\n# context has .git/ and node_modules/",
      good: "# .dockerignore: *.md .git node_modules",
    },
  },
  check({ dockerfile, context }) {
    if (!context?.dockerignore) return [];
    const range = contextUseRange(dockerfile);
    if (!range) return [];
    const ignore = ignoreOf(context);
    const reports: Report[] = [];
    for (const unwanted of UNWANTED_IN_CONTEXT) {
      const leaked = context.paths.find((p) => unwanted.pattern.test(p) && !ignore.ignores(p));
      if (!leaked) continue;
      reports.push({
        message: `.dockerignore does not exclude ${leaked} (${unwanted.why}); add ${unwanted.entry}`,
        range,
      });
    }
    return reports;
  },
};
