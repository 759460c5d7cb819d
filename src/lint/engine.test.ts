import { describe, expect, it } from "vitest";
import { parse } from "../dockerfile/index.js";
import { defaultLintConfig } from "./config.js";
import { lint } from "./engine.js";
import { ALL_RULES } from "./rules/index.js";

const linesOf = (text: string, rule: string) =>
  lint(parse(text), { rules: ALL_RULES, config: defaultLintConfig() })
    .filter((f) => f.rule === rule)
    .map((f) => f.range.start.line);

describe("ignore pragmas reach the instruction that holds each finding", () => {
  it("a pragma covers only the instruction after it", () => {
    const text = [
      "FROM debian:12",
      "RUN apt-get install -y curl",
      "# hadolint ignore=DL3015",
      "RUN apt-get install -y \\",
      "    wget",
      "RUN apt-get install -y git",
      "",
    ].join("\n");
    expect(linesOf(text, "DL3015")).toEqual([2, 6]);
  });

  it("a pragma before ONBUILD covers its trigger, whose findings lie inside it", () => {
    const text = [
      "FROM debian:12",
      "# hadolint ignore=DL3015",
      "ONBUILD RUN apt-get install -y curl",
      "ONBUILD RUN apt-get install -y wget",
      "",
    ].join("\n");
    expect(linesOf(text, "DL3015")).toEqual([4]);
  });
});
