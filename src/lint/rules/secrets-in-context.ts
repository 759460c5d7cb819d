import { SECRET_FILE } from "../../knowledge/secrets.js";
import { copiesWholeContext, ignoreOf } from "../context-helpers.js";
import type { Report, Rule } from "../types.js";

export const secretsInContext: Rule = {
  meta: {
    id: "secrets-in-context",
    origin: "imagediet",
    severity: "error",
    category: "security",
    title: "Files that look like secrets would be copied into the image",
    why: "`COPY . .` copies .env files, private keys, .npmrc and cloud credentials into a layer; anyone who pulls the image can read them, and deleting them later does not remove them from the earlier layer.",
    fix: "Exclude them in .dockerignore; pass secrets at build time with `RUN --mount=type=secret`.",
    fixable: false,
    examples: {
      bad: "# context has .env, .dockerignore does not exclude it\nCOPY . .",
      good: "# .dockerignore: .env*\nCOPY . .",
    },
  },
  check({ dockerfile, context }) {
    if (!context) return [];
    const range = copiesWholeContext(dockerfile);
    if (!range) return [];
    const ignore = ignoreOf(context);
    const leaked = context.paths.filter(
      (p) => SECRET_FILE.test(p) && !p.includes("node_modules/") && !ignore.ignores(p),
    );
    if (leaked.length === 0) return [];
    const listed = leaked.slice(0, 5).join(", ") + (leaked.length > 5 ? `, and ${leaked.length - 5} more` : "");
    const reports: Report[] = [
      { message: `COPY of the whole context would put secret-looking files into the image: ${listed}`, range },
    ];
    return reports;
  },
};
