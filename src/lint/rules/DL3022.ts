import { expandWord } from "../../dockerfile/expand.js";
import { globalArgEnvironment } from "../../dockerfile/stages.js";
import { copies } from "../helpers.js";
import type { Report, Rule } from "../types.js";

/** `COPY --from` value with global ARG defaults expanded (BuildKit itself refuses variables there, hadolint did not expand). */
export function fromValue(dockerfile: Parameters<Rule["check"]>[0]["dockerfile"], value: string): string {
  if (!value.includes("$")) return value;
  try {
    return expandWord(value, globalArgEnvironment(dockerfile.globalArgs));
  } catch {
    return value;
  }
}

export const DL3022: Rule = {
  meta: {
    id: "DL3022",
    origin: "hadolint",
    severity: "warning",
    category: "correctness",
    title: "COPY --from should reference a previously defined FROM alias",
    why: "A `--from` that names no earlier stage is taken as an image to pull: a typo turns into a pull of some public image, or a failed build.",
    fix: "Name an earlier stage (`FROM … AS build` then `COPY --from=build`), or a full image reference with a tag.",
    fixable: false,
    examples: {
      bad: "FROM debian:bookworm\nCOPY --from=biuld /app /app",
      good: "FROM golang:1.22 AS build\nFROM debian:bookworm\nCOPY --from=build /app /app",
    },
  },
  check({ dockerfile }) {
    const reports: Report[] = [];
    for (const copy of copies(dockerfile)) {
      if (!copy.from?.value) continue;
      const value = fromValue(dockerfile, copy.from.value).toLowerCase();
      const earlier = dockerfile.stages.slice(0, copy.stageIndex);
      const isStage = earlier.some((s) => s.name === value) || (/^\d+$/.test(value) && Number(value) < copy.stageIndex);
      const isImage = /[:/@.]/.test(value);
      if (isStage || isImage || value.includes("$")) continue;
      reports.push({
        message: `COPY --from=${copy.from.value} names no earlier stage; it would be pulled as an image`,
        range: copy.from.range,
      });
    }
    return reports;
  },
};
