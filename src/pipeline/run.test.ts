import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FakeEngine } from "../../test/helpers/fake-engine.js";
import { ROOT } from "../../test/helpers/shared.js";
import type { FlowProgress } from "./compare.js";
import { rewriteApps, runApps } from "./run.js";

const LS_APP = join(ROOT, "test/fixtures/apps/ls-app");
const GO_APP = join(ROOT, "test/fixtures/apps/go-web");
const quiet: FlowProgress = { step() {}, update() {}, note() {}, done() {} };

let reportDir: string;
afterEach(() => rmSync(reportDir, { recursive: true, force: true }));

describe("runApps", () => {
  it("compares each app and writes its reports; an app that fails does not stop the next", async () => {
    reportDir = mkdtempSync(join(tmpdir(), "imagediet-run-test-"));
    const engine = new FakeEngine({
      build: ({ target, dockerfile, text }) => {
        if (dockerfile?.includes("/go-web/")) return { fail: "ERROR: go: no such module" };
        if (target === "build") return { image: "ls-builder" };
        if (dockerfile?.endsWith("/Dockerfile")) return { image: "ls-original" };
        return {
          image: text.includes("libpcre2-8")
            ? "ls-complete"
            : text.includes("libselinux")
              ? "ls-without-pcre"
              : "ls-bare",
        };
      },
      run: ({ entrypoint }) => (entrypoint === "id" ? { stdout: "65532\n" } : {}),
    });
    const notes: string[] = [];
    const outcome = await runApps(engine, [GO_APP, LS_APP], {
      network: "host",
      reportDir,
      scanner: { skip: "no scanner here" },
      progressFor: (app) => ({ ...quiet, note: (message) => notes.push(`${app}: ${message}`) }),
    });
    expect(outcome.failed).toEqual(["go-web: docker build failed: ERROR: go: no such module"]);
    expect(outcome.apps.map((a) => a.app)).toEqual(["ls-app"]);
    expect(outcome.apps[0]?.notes?.at(-1)).toBe("CVE scan skipped: no scanner here.");
    const written = JSON.parse(readFileSync(join(reportDir, "ls-app-optimization.json"), "utf8"));
    expect(written.apps[0].app).toBe("ls-app");
    for (const ext of ["md", "html"]) expect(existsSync(join(reportDir, `ls-app-optimization.${ext}`))).toBe(true);
    expect(notes).toContain("go-web: failed: docker build failed: ERROR: go: no such module");
    expect(notes.at(-1)).toBe(`ls-app: wrote ${join(reportDir, "ls-app-optimization")}.json, .md and .html`);
  });
});

describe("rewriteApps, with no engine", () => {
  it("writes each app's optimized Dockerfile to the report folder and leaves the apps as they were", () => {
    reportDir = mkdtempSync(join(tmpdir(), "imagediet-run-test-"));
    const [rewrite] = rewriteApps([GO_APP], { reportDir });
    expect(rewrite).toMatchObject({ app: "go-web", stack: "go", target: "auto", status: "optimized" });
    expect(rewrite?.output).toBe(join(reportDir, "go-web.Dockerfile.optimized"));
    expect(readFileSync(join(reportDir, "go-web.Dockerfile.optimized"), "utf8")).toMatch(/^FROM golang:1\.22 AS build/);
    expect(rewrite?.techniques[0]).toMatch(/^Multi-stage build/);
    expect(existsSync(join(GO_APP, "Dockerfile.optimized"))).toBe(false);
    expect(existsSync(join(GO_APP, ".dockerignore"))).toBe(false);
  });

  it("says why an app was not rewritten", () => {
    reportDir = mkdtempSync(join(tmpdir(), "imagediet-run-test-"));
    const [rewrite] = rewriteApps([join(ROOT, "test/fixtures/apps/already-small")], { reportDir });
    expect(rewrite).toMatchObject({ status: "unchanged", reason: "nothing to change", techniques: [] });
    expect(rewrite?.output).toBeUndefined();
  });
});
