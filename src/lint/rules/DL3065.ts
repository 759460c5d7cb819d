import type { Report, Rule } from "../types.js";

export const DL3065: Rule = {
  meta: {
    id: "DL3065",
    aliases: ["RedundantTargetPlatform"],
    origin: "hadolint",
    severity: "warning",
    category: "style",
    title: "FROM --platform=$TARGETPLATFORM is redundant",
    why: "The target platform is already the default for FROM; the flag adds noise and suggests a cross-build that is not there.",
    fix: "Remove `--platform=$TARGETPLATFORM` (`--fix` does this).",
    fixable: true,
    examples: { bad: "FROM --platform=$TARGETPLATFORM alpine:3.20", good: "FROM alpine:3.20" },
  },
  check({ dockerfile }) {
    const reports: Report[] = [];
    for (const stage of dockerfile.stages) {
      const platform = stage.from.platform;
      if (!platform || !/^\$\{?TARGETPLATFORM\}?$/.test(platform.value ?? "")) continue;
      const text = dockerfile.text;
      let end = platform.range.end.offset;
      while (text[end] === " " || text[end] === "\t") end++;
      const next = {
        ...platform.range.end,
        offset: end,
        column: platform.range.end.column + (end - platform.range.end.offset),
      };
      reports.push({
        message: "--platform=$TARGETPLATFORM is the default; remove it",
        range: platform.range,
        fix: [{ range: { start: platform.range.start, end: next }, text: "" }],
      });
    }
    return reports;
  },
};
