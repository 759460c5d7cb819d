import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { imagediet } from "../helpers/cli.js";
import { ROOT } from "../helpers/shared.js";

function templateApp(stack: string): string {
  const dir = mkdtempSync(join(tmpdir(), `imagediet-${stack}-`));
  cpSync(join(ROOT, "templates", stack), dir, { recursive: true });
  renameSync(join(dir, "Dockerfile.original"), join(dir, "Dockerfile"));
  for (const file of readdirSync(dir)) if (file.startsWith("Dockerfile.")) writeFileSync(join(dir, file), "");
  return dir;
}

describe("imagediet optimize", () => {
  it("writes Dockerfile.optimized and a .dockerignore, prints the diff and numbered techniques, leaves the original alone", () => {
    const dir = templateApp("go");
    const before = readFileSync(join(dir, "Dockerfile"), "utf8");
    const { code, stdout } = imagediet(["optimize", dir]);
    expect(code).toBe(0);
    expect(readFileSync(join(dir, "Dockerfile"), "utf8")).toBe(before);
    expect(readFileSync(join(dir, "Dockerfile.optimized"), "utf8")).toBe(
      readFileSync(join(ROOT, "templates", "go", "Dockerfile.scratch"), "utf8"),
    );
    expect(stdout).toContain("+FROM scratch");
    expect(stdout).toMatch(/^1\. Multi-stage build: .* See docs\/techniques\/multi-stage\.md$/m);
    expect(readFileSync(join(dir, ".dockerignore"), "utf8")).toContain(".git\n");
  });

  it("keeps every line of an existing .dockerignore and appends what is missing", () => {
    const dir = templateApp("python");
    writeFileSync(join(dir, ".dockerignore"), "# mine\nsecret-notes.txt\n.git");
    imagediet(["optimize", dir, "--target", "slim"]);
    const text = readFileSync(join(dir, ".dockerignore"), "utf8");
    expect(text.startsWith("# mine\nsecret-notes.txt\n.git\n# Added by imagediet optimize\n")).toBe(true);
    expect(text.split("\n").filter((l) => l === ".git")).toHaveLength(1);
    expect(text).toContain("__pycache__");
  });

  it("--write replaces the Dockerfile and keeps a backup", () => {
    const dir = templateApp("nodejs");
    const before = readFileSync(join(dir, "Dockerfile"), "utf8");
    imagediet(["optimize", dir, "--write"]);
    expect(readFileSync(join(dir, "Dockerfile.bak"), "utf8")).toBe(before);
    expect(readFileSync(join(dir, "Dockerfile"), "utf8")).toContain("FROM node:20-alpine AS build");
  });

  it("--json prints the plan", () => {
    const dir = templateApp("rust");
    const plan = JSON.parse(imagediet(["optimize", dir, "--json"]).stdout);
    expect(plan).toMatchObject({ status: "optimized", strategy: "rust", facts: { stack: "rust" } });
    expect(plan.techniques.map((t: { id: string }) => t.id)).toContain("static-linking");
  });

  it("--cache-mounts adds BuildKit cache mounts", () => {
    const dir = templateApp("python");
    imagediet(["optimize", dir, "--target", "slim", "--cache-mounts"]);
    expect(readFileSync(join(dir, "Dockerfile.optimized"), "utf8")).toContain(
      "RUN --mount=type=cache,target=/root/.cache/pip pip wheel",
    );
  });

  it("declines with a reason, writes nothing and exits 0", () => {
    const dir = mkdtempSync(join(tmpdir(), "imagediet-win-"));
    writeFileSync(join(dir, "Dockerfile"), "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir\n");
    const { code, stdout } = imagediet(["optimize", dir]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^declined: line 1: Windows base images are not supported\nNothing was written\.$/m);
    expect(existsSync(join(dir, "Dockerfile.optimized"))).toBe(false);
    expect(existsSync(join(dir, ".dockerignore"))).toBe(false);
  });

  it("says which file is missing", () => {
    const { code, stderr } = imagediet(["optimize", mkdtempSync(join(tmpdir(), "imagediet-empty-"))]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/Dockerfile: no Dockerfile here \(use -f FILE\)/);
  });
});

describe("templates", () => {
  it("lists every stack and prints one", () => {
    const list = imagediet(["templates"]).stdout;
    for (const stack of ["go", "python", "nodejs", "rust", "c-cpp", "java"]) expect(list).toContain(stack);
    expect(imagediet(["templates", "go", "scratch"]).stdout).toBe(
      readFileSync(join(ROOT, "templates", "go", "Dockerfile.scratch"), "utf8"),
    );
  });

  it("the optimized templates have no lint finding at warning or above", () => {
    for (const stack of readdirSync(join(ROOT, "templates"))) {
      for (const file of readdirSync(join(ROOT, "templates", stack)).filter(
        (f) => f.startsWith("Dockerfile.") && f !== "Dockerfile.original",
      )) {
        const dir = mkdtempSync(join(tmpdir(), "imagediet-tpl-"));
        cpSync(join(ROOT, "templates", stack), dir, { recursive: true });
        writeFileSync(join(dir, ".dockerignore"), ".git\n.env*\n");
        const { code, stdout } = imagediet(["lint", "-t", "warning", "-f", "json", join(dir, file)]);
        expect(code, `${stack}/${file}: ${stdout}`).toBe(0);
      }
    }
  }, 120_000);
});
