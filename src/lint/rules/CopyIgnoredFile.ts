import { DockerIgnore } from "../../analyze/dockerignore.js";
import { contextSources } from "../copy-helpers.js";
import { copies } from "../helpers.js";
import type { Report, Rule } from "../types.js";

export const CopyIgnoredFile: Rule = {
  meta: {
    id: "CopyIgnoredFile",
    origin: "buildkit",
    severity: "warning",
    category: "correctness",
    title: "COPY or ADD of a path that .dockerignore excludes",
    why: "The path is not sent to the builder, so the COPY fails or copies less than it says.",
    fix: "Remove the path from .dockerignore (or add a `!path` exception), or stop copying it.",
    fixable: false,
    examples: {
      bad: "# .dockerignore: *.md\nCOPY README.md /app/",
      good: "# .dockerignore: *.md\n!README.md\nCOPY README.md /app/",
    },
  },
  check({ dockerfile, context }) {
    if (!context?.dockerignore) return [];
    const ignore = new DockerIgnore(context.dockerignore);
    const reports: Report[] = [];
    for (const copy of copies(dockerfile)) {
      for (const source of contextSources(copy)) {
        if (/[*?[$]/.test(source.value)) continue;
        const pattern = ignore.matching(source.value);
        if (!pattern) continue;
        reports.push({
          message: `${source.value} is excluded by .dockerignore (line ${pattern.line}: ${pattern.text}) and will not be in the build context`,
          range: source.range,
        });
      }
    }
    return reports;
  },
};
