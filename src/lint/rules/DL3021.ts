import { copies, endOf } from "../helpers.js";
import type { Report, Rule } from "../types.js";

export const DL3021: Rule = {
  meta: {
    id: "DL3021",
    origin: "hadolint",
    severity: "error",
    category: "correctness",
    title: "COPY with more than 2 arguments requires the last argument to end with /",
    why: "With several sources the destination must be a folder; without the trailing `/` the build fails.",
    fix: "End the destination with `/` (`--fix` does this).",
    fixable: true,
    examples: { bad: "COPY package.json package-lock.json /app", good: "COPY package.json package-lock.json /app/" },
  },
  check({ dockerfile }) {
    const reports: Report[] = [];
    for (const copy of copies(dockerfile)) {
      const dest = copy.destination;
      if (
        !dest ||
        copy.sources.length + copy.heredocs.length < 2 ||
        dest.value.endsWith("/") ||
        dest.value.includes("$")
      )
        continue;
      const quoted = copy.json;
      reports.push({
        message: `${copy.keyword} with several sources needs a folder destination ending with /`,
        range: dest.range,
        fix: quoted ? undefined : [{ range: endOf(dest.range), text: "/" }],
      });
    }
    return reports;
  },
};
