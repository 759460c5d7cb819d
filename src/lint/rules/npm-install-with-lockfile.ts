import { positionalArgs } from "../../knowledge/commands.js";
import { copies, runCommands } from "../helpers.js";
import type { Report, Rule } from "../types.js";

export const npmInstallWithLockfile: Rule = {
  meta: {
    id: "npm-install-with-lockfile",
    origin: "imagediet",
    severity: "warning",
    category: "correctness",
    title: "npm install where a package-lock.json exists: use npm ci",
    why: "`npm install` may update the lock file and resolve different versions than you tested; `npm ci` installs exactly the lock file, fails if it is out of date, and is faster from a clean state.",
    fix: "Replace `npm install` with `npm ci` (`--fix` does this when no package names follow).",
    fixable: true,
    examples: {
      bad: "COPY package.json package-lock.json ./\nRUN npm install",
      good: "COPY package.json package-lock.json ./\nRUN npm ci",
    },
  },
  check({ dockerfile, context }) {
    const lockInContext =
      context?.paths.includes("package-lock.json") || context?.paths.includes("npm-shrinkwrap.json");
    const lockCopied = copies(dockerfile).some((c) =>
      c.sources.some((s) => /(^|\/)(package-lock|npm-shrinkwrap)\.json$|package\*\.json$/.test(s.value)),
    );
    if (!lockInContext && !lockCopied) return [];
    const reports: Report[] = [];
    for (const [, commands] of runCommands(dockerfile)) {
      for (const command of commands) {
        if (command.name?.value !== "npm") continue;
        const [sub, ...packages] = positionalArgs(command);
        if (!sub || !["install", "i"].includes(sub.value) || packages.length > 0) continue;
        reports.push({
          message: "a lock file is present: use npm ci for a reproducible install",
          range: sub.range,
          fix: [{ range: sub.range, text: "ci" }],
        });
      }
    }
    return reports;
  },
};
