import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { FakeEngine, type FakeScript } from "../../test/helpers/fake-engine.js";
import { ROOT } from "../../test/helpers/shared.js";
import type { BuildOptions } from "../engine/engine.js";
import { ImagedietError } from "../errors.js";
import { type CompareOptions, compareApp, type FlowProgress } from "./compare.js";
import { engineScanner } from "./scan.js";

const LS_APP = join(ROOT, "test/fixtures/apps/ls-app");
const GO_APP = join(ROOT, "test/fixtures/apps/go-web");
const STEP = (n: number, text: string) => [`#${n} [${n}/3] ${text}`, `#${n} DONE 0.1s`];

/** The progress the flow reported, as lines. */
function recorder(): FlowProgress & { lines: string[]; finished: number } {
  const lines: string[] = [];
  return {
    lines,
    finished: 0,
    step: (phase) => lines.push(`step: ${phase}`),
    update: () => {},
    note: (message) => lines.push(`note: ${message}`),
    done() {
      this.finished++;
    },
  };
}

/** ls copied into scratch: each repair round's COPY lines give the next image, until nothing is missing. */
const lsScript: FakeScript = {
  build: ({ target, dockerfile, text }) => {
    if (target === "build") return { image: "ls-builder", log: STEP(1, "FROM debian:bookworm") };
    if (dockerfile?.endsWith("/Dockerfile")) return { image: "ls-original", log: STEP(2, "COPY . /src") };
    if (text.includes("libpcre2-8")) return { image: "ls-complete" };
    return { image: text.includes("libselinux") ? "ls-without-pcre" : "ls-bare" };
  },
  run: ({ entrypoint }) => (entrypoint === "id" ? { stdout: "65532\n" } : {}),
};

function options(progress: FlowProgress, extra: Partial<CompareOptions> = {}): CompareOptions {
  return { network: "host", progress, ...extra };
}

/** Where the flow built from: the copy of the app, which must be gone afterwards. */
const workOf = (engine: FakeEngine) => dirname(engine.builds[0]?.context ?? "/nonexistent");

describe("compareApp through the fake engine", () => {
  it("repairs the optimized image round by round until it has what the original had", async () => {
    const engine = new FakeEngine(lsScript);
    const progress = recorder();
    const report = await compareApp(engine, LS_APP, options(progress));
    expect(report.checks).toEqual([
      { name: "shared libraries present", original: "pass", optimized: "pass", detail: undefined },
      { name: "non-root user", original: "fail", optimized: "pass", detail: "no USER: the container runs as root" },
    ]);
    expect(report.iterations.map((i) => i.added)).toEqual([
      "/lib64/ld-linux-x86-64.so.2",
      "libselinux.so.1 (libselinux1, from the build stage's package database)",
      "libc.so.6",
      "libpcre2-8.so.0 (libpcre2-8-0, from the build stage's package database)",
    ]);
    expect(engine.builds.map((b) => `${b.target ?? basenameOf(b.dockerfile)} ${b.noCache ? "cold" : "warm"}`)).toEqual([
      "Dockerfile cold",
      "Dockerfile warm",
      "Dockerfile.optimized cold",
      "Dockerfile.optimized warm",
      "build warm",
      "Dockerfile.optimized cold",
      "Dockerfile.optimized warm",
      "build warm",
      "Dockerfile.optimized cold",
      "Dockerfile.optimized warm",
    ]);
    expect(engine.builds.at(-1)?.text).toContain(
      "COPY --from=build /usr/lib/x86_64-linux-gnu/libpcre2-8.so.0 /usr/lib/x86_64-linux-gnu/libpcre2-8.so.0",
    );
    expect(report.notes?.at(-1)).toMatch(/^The fix loop changed the optimized Dockerfile:/);
    expect(report.original.baseImage).toBe("debian:bookworm");
    expect(report.optimized.baseImage).toBe("scratch");
    expect(report.reduction).toBeGreaterThan(0);
    expect(progress.lines.filter((l) => l.startsWith("note: round"))).toHaveLength(4);
    expect(progress.finished).toBe(1);
    expect(existsSync(workOf(engine))).toBe(false);
  });

  it("stops the fix loop after the rounds it is given", async () => {
    const engine = new FakeEngine(lsScript);
    const report = await compareApp(engine, LS_APP, options(recorder(), { rounds: 1 }));
    expect(report.iterations).toHaveLength(3);
    expect(report.checks[0]).toMatchObject({ original: "pass", optimized: "fail" });
    expect(report.checks[0]?.detail).toMatch(/^1 missing: .*libpcre2-8\.so\.0/);
  });

  it("says what it could not find when the build stage lacks it too", async () => {
    const engine = new FakeEngine({
      ...lsScript,
      build: (request) => (request.target === "build" ? { image: "ls-bare" } : lsScript.build(request)),
    });
    const progress = recorder();
    const report = await compareApp(engine, LS_APP, options(progress));
    expect(report.iterations).toEqual([]);
    expect(report.checks[0]).toMatchObject({ original: "pass", optimized: "fail" });
    expect(progress.lines).toContainEqual(expect.stringMatching(/^note: nothing found to add for: shared libraries/));
  });

  it("rewrites the Dockerfile, infers the checks with no imagediet.yaml, probes over HTTP and scans both", async () => {
    const engine = new FakeEngine({
      build: ({ dockerfile }) => ({
        image: dockerfile?.endsWith("/Dockerfile") ? "go-original" : "go-scratch",
        log: STEP(3, "RUN go build -o server ."),
      }),
      run: ({ entrypoint }) =>
        entrypoint === "/bin/sh" ? { status: 127 } : entrypoint === "id" ? { status: 127 } : {},
      serves: { "go-original": { port: 38471, status: 200 }, "go-scratch": { port: 38471, status: 200 } },
    });
    const progress = recorder();
    const scanner = engineScanner({ scanner: "osv", db: join(ROOT, "test/fixtures/osv") });
    const report = await compareApp(
      engine,
      GO_APP,
      options(progress, { scan: "scan" in scanner ? scanner.scan : undefined }),
    );
    expect(report.notes?.[0]).toBe("Optimized with --target auto.");
    expect(report.notes?.[1]).toBe(
      "No imagediet.yaml: inferred http GET :38471/ → <500, non-root user, shared libraries present, host names resolve, CA bundle present.",
    );
    expect(report.techniques.map((t) => t.title)[0]).toMatch(/^Multi-stage build/);
    expect(engine.builds[2]?.text).toMatch(/^FROM golang:1\.22 AS build\n/);
    expect(report.checks.map((c) => [c.name, c.original, c.optimized])).toEqual([
      ["http GET :38471/ → <500", "pass", "pass"],
      ["non-root user", "fail", "pass"],
      ["shared libraries present", "pass", "pass"],
      ["host names resolve", "pass", "pass"],
      ["CA bundle present", "fail", "pass"],
    ]);
    expect(report.original.cves).toEqual({ critical: 0, high: 0, medium: 0, low: 0, unknown: 0 });
    expect(report.optimized.layers.map((l) => l.createdBy)).toEqual([
      "COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt",
      "COPY --from=build /app/server /app/server",
    ]);
    expect(engine.removed).toHaveLength(2);
    expect(progress.lines.at(-1)).toBe("step: scanning both images for CVEs");
  });
});

describe("compareApp fails in one line, and leaves nothing behind", () => {
  const failing = async (script: FakeScript, extra: Partial<CompareOptions> = {}, app = LS_APP) => {
    const engine = new FakeEngine(script);
    const progress = recorder();
    const error = await compareApp(engine, app, options(progress, extra)).catch((e: unknown) => e);
    expect(progress.finished).toBe(1);
    if (engine.builds.length > 0) expect(existsSync(workOf(engine))).toBe(false);
    return { error, engine };
  };

  it("when the original does not build", async () => {
    const { error, engine } = await failing({
      build: (r) => (r.dockerfile?.endsWith("/Dockerfile") ? { fail: "ERROR: exit code: 3" } : lsScript.build(r)),
    });
    expect(error).toBeInstanceOf(ImagedietError);
    expect((error as ImagedietError).message).toBe("docker build failed: ERROR: exit code: 3");
    expect((error as ImagedietError).file).toMatch(/\/ls-app\/Dockerfile$/);
    expect(engine.builds).toHaveLength(1);
  });

  it("when the optimized Dockerfile does not build", async () => {
    const { error, engine } = await failing({
      build: (r) => (r.dockerfile?.endsWith(".optimized") ? { fail: "ERROR: not found" } : lsScript.build(r)),
    });
    expect((error as ImagedietError).message).toBe("docker build failed: ERROR: not found");
    expect(engine.builds.map((b) => basenameOf(b.dockerfile))).toEqual([
      "Dockerfile",
      "Dockerfile",
      "Dockerfile.optimized",
    ]);
  });

  it("when the engine goes away in the middle", async () => {
    let engine: FakeEngine | undefined;
    const script: FakeScript = {
      ...lsScript,
      build: (request) => {
        if (request.dockerfile?.endsWith(".optimized")) engine?.vanish();
        return lsScript.build(request);
      },
    };
    engine = new FakeEngine(script);
    const error = await compareApp(engine, LS_APP, options(recorder())).catch((e: unknown) => e);
    expect((error as ImagedietError).format()).toMatch(/^docker: cannot reach the Docker daemon/);
  });

  it("when optimize has nothing to rewrite", async () => {
    const { error, engine } = await failing(lsScript, {}, join(ROOT, "test/fixtures/apps/already-small"));
    expect((error as ImagedietError).message).toBe("optimize did not rewrite it: nothing to change");
    expect(engine.builds).toHaveLength(0);
  });

  it("when the optimized Dockerfile given does not exist", async () => {
    const { error, engine } = await failing(lsScript, { optimized: "/nonexistent/Dockerfile.optimized" });
    expect((error as ImagedietError).format()).toBe("/nonexistent/Dockerfile.optimized: no such file");
    expect(engine.builds).toHaveLength(0);
  });

  it("when the folder has no Dockerfile", async () => {
    const engine = new FakeEngine(lsScript);
    const folder = join(ROOT, "test/fixtures/images");
    await expect(compareApp(engine, folder, options(recorder()))).rejects.toThrow("no Dockerfile here");
    expect(engine.builds).toHaveLength(0);
  });

  it("when it is cancelled during a build: the build stops and nothing else runs", async () => {
    const controller = new AbortController();
    const engine = new FakeEngine({
      ...lsScript,
      build: (r) => ({ ...lsScript.build(r), log: STEP(1, "RUN sleep 600") }),
    });
    const progress = { ...recorder(), update: () => controller.abort(new ImagedietError("cancelled")) };
    const error = await compareApp(engine, LS_APP, options(progress, { signal: controller.signal })).catch(
      (e: unknown) => e,
    );
    expect((error as ImagedietError).message).toBe("cancelled");
    expect(engine.builds).toHaveLength(1);
    expect(engine.runs).toHaveLength(0);
    expect(existsSync(workOf(engine))).toBe(false);
  });
});

function basenameOf(path: BuildOptions["dockerfile"]): string {
  return (path ?? "").split("/").pop() ?? "";
}
