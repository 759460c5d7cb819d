import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../test/helpers/shared.js";

describe("docs/techniques", () => {
  const sources = readdirSync(join(ROOT, "src", "optimize"), { recursive: true })
    .map(String)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
    .map((f) => readFileSync(join(ROOT, "src", "optimize", f), "utf8"))
    .join("\n");
  const ids = [...new Set([...sources.matchAll(/\bid: "([a-z-]+)"/g)].map((m) => m[1]))];

  it("has a page for every technique the optimizer names", () => {
    expect(ids.length).toBeGreaterThan(5);
    for (const id of ids) expect(existsSync(join(ROOT, "docs", "techniques", `${id}.md`)), id).toBe(true);
  });

  it.each([
    "alpine-and-musl",
    "virtual-packages",
    "multi-stage",
    "static-linking",
    "cache-cleanup",
    "layer-order",
    "dockerignore",
    "non-root-user",
    "scratch-and-distroless",
    "certs-and-timezones",
    "cache-mounts",
    "strip-and-upx",
  ])("%s.md states the bytes or seconds at stake and the pitfalls", (name) => {
    const text = readFileSync(join(ROOT, "docs", "techniques", `${name}.md`), "utf8");
    expect(text).toMatch(/(MB|KB|seconds|size|%)/i);
    expect(text.toLowerCase()).toMatch(/pitfall|fails|not found|warn/);
  });
});
