import { describe, expect, it } from "vitest";
import { parse } from "../../dockerfile/index.js";
import { defaultLintConfig } from "../config.js";
import { lint } from "../engine.js";
import { DL3026 } from "./DL3026.js";

const findings = (text: string, trustedRegistries: string[]) =>
  lint(parse(text), { rules: [DL3026], config: { ...defaultLintConfig(), trustedRegistries } }).map((f) => f.message);

describe("DL3026: Use only an allowed registry in the FROM image", () => {
  it.each([
    ["FROM quay.io/org/app:1.0", ["docker.io"]],
    ["FROM debian:bookworm", ["ghcr.io"]],
    ["FROM a.gcr.io/x/y:1 AS b\nFROM ghcr.io/o/i:2", ["*.gcr.io"]],
  ])("catches: %s", (text, trusted) => expect(findings(text, trusted).length).toBeGreaterThan(0));
  it.each([
    ["FROM debian:bookworm", ["docker.io"]],
    ["FROM eu.gcr.io/x/y:1", ["*.gcr.io"]],
    ["FROM quay.io/org/app:1.0", []],
    ["FROM ghcr.io/o/i:1 AS b\nFROM b", ["ghcr.io"]],
  ])("passes: %s", (text, trusted) => expect(findings(text, trusted)).toEqual([]));
});
