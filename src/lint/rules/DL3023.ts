import { copies } from "../helpers.js";
import type { Report, Rule } from "../types.js";
import { fromValue } from "./DL3022.js";

export const DL3023: Rule = {
  meta: {
    id: "DL3023",
    origin: "hadolint",
    severity: "error",
    category: "correctness",
    title: "COPY --from cannot reference its own FROM alias",
    why: "A stage cannot copy from itself; the build fails with a cycle.",
    fix: "Copy from an earlier stage.",
    fixable: false,
    examples: {
      bad: "FROM debian:bookworm AS app\nCOPY --from=app /a /b",
      good: "FROM debian:bookworm AS build\nFROM debian:bookworm AS app\nCOPY --from=build /a /b",
    },
  },
  check({ dockerfile }) {
    const reports: Report[] = [];
    for (const copy of copies(dockerfile)) {
      const stage = dockerfile.stages[copy.stageIndex];
      if (!copy.from?.value || !stage) continue;
      const value = fromValue(dockerfile, copy.from.value).toLowerCase();
      if (value === stage.name || value === String(stage.index)) {
        reports.push({ message: `COPY --from=${copy.from.value} references its own stage`, range: copy.from.range });
      }
    }
    return reports;
  },
};
