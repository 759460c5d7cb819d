import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { corpusFiles, ROOT, readText } from "../../test/helpers/shared.js";
import { analyzeApp } from "../analyze/stack.js";
import { parse } from "../dockerfile/index.js";
import { optimize } from "./plan.js";
import { contractChanges, runtimeContract } from "./semantics.js";
import type { Target } from "./types.js";

const TEMPLATES = join(ROOT, "templates");

function templateApp(stack: string) {
  const dir = join(TEMPLATES, stack);
  const paths = readdirSync(dir).filter((p) => !p.startsWith("Dockerfile"));
  return {
    paths,
    read: (path: string) => {
      try {
        return readFileSync(join(dir, path), "utf8");
      } catch {
        return undefined;
      }
    },
  };
}

function run(
  text: string,
  files: { paths: string[]; read: (p: string) => string | undefined },
  target: Target = "auto",
) {
  const dockerfile = parse(text, { file: "Dockerfile" });
  const facts = analyzeApp(files, dockerfile);
  const context = { root: "/app", paths: files.paths, dockerignore: ".git\n", truncated: false };
  return optimize(dockerfile, facts, { target }, context);
}

/** The checks every optimized file must pass. */
function checkOutput(
  original: string,
  output: string,
  files: { paths: string[]; read: (p: string) => string | undefined },
) {
  const before = parse(original);
  const after = parse(output);
  expect(after.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  expect(contractChanges(runtimeContract(before), runtimeContract(after))).toEqual([]);
  // Idempotent: a second run changes nothing.
  expect(run(output, files).status).not.toBe("optimized");
  // No duplicate instructions within a stage that the original did not have.
  const duplicates = (dockerfile: typeof before) =>
    dockerfile.stages.flatMap((stage) => {
      const texts = stage.instructions.map((i) => i.original);
      return texts.filter((t, i) => texts.indexOf(t) !== i);
    });
  const allowed = new Set(duplicates(before));
  expect(duplicates(after).filter((t) => !allowed.has(t))).toEqual([]);
}

describe("optimize: Go template", () => {
  const files = templateApp("go");
  const original = () => readFileSync(join(TEMPLATES, "go", "Dockerfile.original"), "utf8");

  it.each([
    ["scratch", "Dockerfile.scratch"],
    ["alpine", "Dockerfile.alpine"],
  ] as const)("--target %s gives the golden %s", (target, golden) => {
    const result = run(original(), files, target);
    expect(result.status).toBe("optimized");
    expect(result.text).toBe(readFileSync(join(TEMPLATES, "go", golden), "utf8"));
    checkOutput(original(), result.text, files);
  });

  it("auto picks scratch for a static exec-form Go server and explains each technique", () => {
    const result = run(original(), files);
    expect(result.strategy).toBe("go");
    expect(parse(result.text).stages.map((s) => s.baseImageExpanded)).toEqual(["golang:1.22", "scratch"]);
    expect(result.techniques.map((t) => t.id)).toEqual([
      "multi-stage",
      "layer-order",
      "static-linking",
      "certs-and-timezones",
      "non-root-user",
    ]);
  });

  it("picks alpine when the CMD needs a shell, and keeps the command", () => {
    const text = original().replace('CMD ["./server"]', "CMD ./server --port $PORT");
    const result = run(text, files);
    expect(result.status).toBe("optimized");
    expect(parse(result.text).stages[1].baseImageExpanded).toBe("alpine:3.20");
    expect(result.text).toContain('CMD ["/bin/sh", "-c", "./server --port $PORT"]');
  });

  it("declines scratch when the CMD needs a shell", () => {
    const text = original().replace('CMD ["./server"]', "CMD ./server --port $PORT");
    const result = run(text, files, "scratch");
    expect(result.strategy).toBe("generic");
    expect(result.reason).toMatch(/shell/);
  });

  it("--upx compresses the binary in the builder", () => {
    const dockerfile = parse(original(), { file: "Dockerfile" });
    const result = optimize(
      dockerfile,
      analyzeApp(files, dockerfile),
      { target: "scratch", upx: true },
      { root: "/app", paths: files.paths, dockerignore: ".git\n", truncated: false },
    );
    expect(result.text).toContain("upx --best --lzma /app/server");
    expect(result.techniques.map((t) => t.id)).toContain("strip-and-upx");
  });

  it("declines cgo apps for the static rewrite", () => {
    const cgo = { ...files, read: (p: string) => (p === "main.go" ? 'package main\nimport "C"\n' : files.read(p)) };
    const result = run(original(), cgo);
    expect(result.strategy).not.toBe("go");
  });
});

describe.each([
  ["python", "alpine", "Dockerfile.alpine"],
  ["python", "slim", "Dockerfile.multistage"],
  ["nodejs", "alpine", "Dockerfile.alpine"],
  ["nodejs", "slim", "Dockerfile.multistage"],
  ["rust", "alpine", "Dockerfile.alpine-musl"],
  ["rust", "scratch", "Dockerfile.scratch"],
  ["c-cpp", "alpine", "Dockerfile.alpine"],
  ["c-cpp", "scratch", "Dockerfile.static"],
  ["java", "alpine", "Dockerfile.alpine-jre"],
  ["java", "distroless", "Dockerfile.distroless"],
] as const)("optimize: %s template, --target %s", (stack, target, golden) => {
  it(`gives the golden ${golden} and passes every check`, () => {
    const files = templateApp(stack);
    const original = readFileSync(join(TEMPLATES, stack, "Dockerfile.original"), "utf8");
    const result = run(original, files, target);
    expect(result.status, result.reason).toBe("optimized");
    expect(result.text).toBe(readFileSync(join(TEMPLATES, stack, golden), "utf8"));
    checkOutput(original, result.text, files);
  });
});

describe("optimize: Node package managers", () => {
  const app = (lockfile: string) => ({
    paths: ["package.json", lockfile, "server.js"],
    read: (p: string) => (p === "package.json" ? '{"scripts":{"build":"tsc"}}' : p === lockfile ? "" : undefined),
  });
  it.each([
    ["package-lock.json", "RUN npm ci", "npm ci --include=dev && npm cache clean --force", "npm prune --omit=dev"],
    [
      "yarn.lock",
      "RUN yarn install --frozen-lockfile",
      "yarn install --frozen-lockfile && yarn cache clean",
      "yarn install --production --frozen-lockfile",
    ],
    [
      "pnpm-lock.yaml",
      "RUN pnpm install --frozen-lockfile",
      "corepack enable && pnpm install --frozen-lockfile",
      "pnpm prune --prod",
    ],
  ])(
    "%s: install, build and prune with the project's own manager",
    (lockfile, install, expectedInstall, expectedPrune) => {
      const build = { "yarn.lock": "yarn build", "pnpm-lock.yaml": "pnpm run build" }[lockfile] ?? "npm run build";
      const text = `FROM node:20\nWORKDIR /app\nCOPY . .\n${install}\nRUN ${build}\nCMD ["node", "dist/server.js"]\n`;
      const result = run(text, app(lockfile));
      expect(result.status, result.reason).toBe("optimized");
      expect(result.text).toContain(`RUN ${expectedInstall}`);
      expect(result.text).toContain(expectedPrune);
      checkOutput(text, result.text, app(lockfile));
    },
  );

  it.each([
    ["package-lock.json", "RUN npm install", "RUN npm ci --omit=dev && npm cache clean --force"],
    ["yarn.lock", "RUN yarn install", "RUN yarn install --production --frozen-lockfile && yarn cache clean"],
    ["pnpm-lock.yaml", "RUN pnpm install", "RUN corepack enable && pnpm install --prod --frozen-lockfile"],
  ])(
    "%s without a build step: production dependencies only, before the sources, and no prune",
    (lockfile, install, expected) => {
      const files = {
        paths: ["package.json", lockfile, "server.js"],
        read: (p: string) => (p === "package.json" ? "{}" : p === lockfile ? "" : undefined),
      };
      const text = `FROM node:20\nWORKDIR /app\nCOPY . .\n${install}\nCMD ["node", "server.js"]\n`;
      const result = run(text, files);
      expect(result.status, result.reason).toBe("optimized");
      const lines = result.text.split("\n");
      expect(lines.indexOf(expected)).toBeGreaterThan(-1);
      expect(lines.indexOf(expected)).toBeLessThan(lines.indexOf("COPY . ."));
      expect(result.text).not.toMatch(/prune|AS deps|rm -rf node_modules/);
      checkOutput(text, result.text, files);
    },
  );
});

describe("optimize: what it refuses", () => {
  const none = { paths: [], read: () => undefined };
  it.each([
    ["a parse error", "FROM alpine:3.20\nRUN <<EOF\n", /does not parse/],
    ["a Windows base", "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir\n", /Windows/],
  ])("%s", (_name, text, reason) => {
    const result = run(text, none);
    expect(result.status).toBe("declined");
    expect(result.reason).toMatch(reason);
    expect(result.text).toBe(text);
  });

  it("applies only safe in-place fixes when no strategy applies, and keeps the rest byte for byte", () => {
    const text = 'FROM alpine:3.20\n# keep me\nRUN apk add curl\nUSER 1000\nCMD ["curl", "--version"]\n';
    const result = run(text, none);
    expect(result.status).toBe("optimized");
    expect(result.text).toBe(
      'FROM alpine:3.20\n# keep me\nRUN apk add --no-cache curl\nUSER 1000\nCMD ["curl", "--version"]\n',
    );
    expect(result.techniques.map((t) => t.title)).toEqual(["apk add --no-cache (DL3019)"]);
  });
});

describe("optimize over shared/corpus", () => {
  it("either declines with a reason or writes a file that passes every check", () => {
    const none = { paths: [], read: () => undefined };
    const tally: Record<string, number> = {};
    for (const [name, path] of corpusFiles()) {
      const text = readText(path);
      const result = run(text, none);
      tally[result.status] = (tally[result.status] ?? 0) + 1;
      if (result.status === "optimized") checkOutput(text, result.text, none);
      else expect(result.reason, name).toBeTruthy();
    }
    expect(Object.values(tally).reduce((a, b) => a + b, 0)).toBe(51);
  });
});

/** An example app's files as a build context lists them (folders end in /). */
function exampleApp(name: string) {
  const root = join(ROOT, "examples", name);
  const paths: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        paths.push(`${path}/`);
        walk(path);
      } else paths.push(path);
    }
  };
  walk("");
  return {
    paths,
    read: (path: string) => {
      try {
        return readFileSync(join(root, path), "utf8");
      } catch {
        return undefined;
      }
    },
  };
}

describe.each([
  // Flask and its dependencies come as wheels: nothing compiles, so no builder stage.
  ["python-flask-app", "slim", 1],
  ["go-api-server", "scratch", 2],
  ["rust-cli-tool", "scratch", 2],
  ["node-express-app", "slim", 2],
  ["c-app", "scratch", 2],
] as const)("optimize: example %s, --target %s (its imagediet.yaml)", (name, target, stages) => {
  it("gives the golden Dockerfile.optimized and passes every check", () => {
    const files = exampleApp(name);
    expect(readFileSync(join(ROOT, "examples", name, "imagediet.yaml"), "utf8")).toContain(`target: ${target}\n`);
    const original = readFileSync(join(ROOT, "examples", name, "Dockerfile"), "utf8");
    const result = run(original, files, target);
    expect(result.status, result.reason).toBe("optimized");
    expect(result.text).toBe(readFileSync(join(ROOT, "test/golden/examples", `${name}.Dockerfile.optimized`), "utf8"));
    expect(parse(result.text).stages.length).toBe(stages);
    checkOutput(original, result.text, files);
  });
});

/** A Python app installed by a lock-file tool: its files and the original Dockerfile. */
const LOCKED_APPS: Record<string, { files: Record<string, string>; dockerfile: string }> = {
  poetry: {
    files: {
      "pyproject.toml":
        '[tool.poetry]\nname = "notes"\nversion = "1.0.0"\n\n[tool.poetry.dependencies]\npython = "^3.11"\nflask = "^3.0"\n\n[tool.poetry.group.test.dependencies]\npytest = "^8.0"\n\n[tool.poetry.group.docs]\noptional = true\n\n[tool.poetry.group.docs.dependencies]\nmkdocs = "*"\n',
      "poetry.lock": '[[package]]\nname = "flask"\nversion = "3.0.3"\n',
      "app.py": "",
    },
    dockerfile:
      'FROM python:3.11\nENV POETRY_VIRTUALENVS_CREATE=false\nRUN pip install poetry==1.8.3\nWORKDIR /app\nCOPY pyproject.toml poetry.lock ./\nRUN poetry install --no-root --no-interaction\nCOPY . .\nEXPOSE 8000\nCMD ["python", "app.py"]\n',
  },
  pipenv: {
    files: { Pipfile: "", "Pipfile.lock": '{"default": {"flask": {"version": "==3.0.3"}}}', "app.py": "" },
    dockerfile:
      'FROM python:3.11\nRUN pip install pipenv==2024.0.1\nWORKDIR /app\nCOPY Pipfile Pipfile.lock ./\nRUN pipenv install --system --deploy\nCOPY . .\nCMD ["python", "app.py"]\n',
  },
  uv: {
    files: {
      "pyproject.toml": '[project]\nname = "api"\n',
      "uv.lock": '[[package]]\nname = "fastapi"\n',
      "main.py": "",
    },
    dockerfile:
      'FROM python:3.12\nRUN pip install uv==0.4.30\nWORKDIR /app\nCOPY . .\nRUN uv sync --frozen --no-dev\nENV PATH="/app/.venv/bin:$PATH"\nEXPOSE 8000\nCMD ["uvicorn", "main:app", "--host", "0.0.0.0"]\n',
  },
};

describe("optimize: Python apps installed by Poetry, Pipenv or uv", () => {
  const filesOf = (files: Record<string, string>) => ({ paths: Object.keys(files), read: (p: string) => files[p] });

  it.each(Object.keys(LOCKED_APPS))("%s: the golden rewrite on slim, and every check passes", (tool) => {
    const app = LOCKED_APPS[tool] as (typeof LOCKED_APPS)[string];
    const result = run(app.dockerfile, filesOf(app.files), "slim");
    expect(result.status, result.reason).toBe("optimized");
    expect(result.text).toBe(
      readFileSync(join(ROOT, "test/golden/python-tools", `${tool}.Dockerfile.optimized`), "utf8"),
    );
    checkOutput(app.dockerfile, result.text, filesOf(app.files));
  });

  it("exports what a plain poetry install installs: main and every non-optional group", () => {
    const app = LOCKED_APPS.poetry as (typeof LOCKED_APPS)[string];
    const result = run(app.dockerfile, filesOf(app.files), "slim");
    expect(result.text).toContain("poetry export --format requirements.txt --without-hashes --with test --output");
    const noDev = app.dockerfile.replace("--no-root --no-interaction", "--no-root --only main");
    expect(run(noDev, filesOf(app.files), "slim").text).toContain("--without-hashes --only main --output");
  });

  it("takes uv from its pinned image, and every tool install of a RUN in order", () => {
    const uv = LOCKED_APPS.uv as (typeof LOCKED_APPS)[string];
    const fromImage = uv.dockerfile.replace(
      "RUN pip install uv==0.4.30\n",
      "COPY --from=ghcr.io/astral-sh/uv:0.4.30 /uv /uvx /bin/\n",
    );
    const result = run(fromImage, filesOf(uv.files), "slim");
    expect(result.status, result.reason).toBe("optimized");
    expect(result.text).toMatch(/AS build\n(.*\n)*COPY --from=ghcr.io\/astral-sh\/uv:0.4.30 \/uv \/uvx \/bin\/\n/);
    expect(result.text.split("FROM python:3.12-slim")[1]).not.toContain("astral-sh");
    checkOutput(fromImage, result.text, filesOf(uv.files));
    const latest = fromImage.replace("uv:0.4.30", "uv:latest");
    expect(run(latest, filesOf(uv.files), "slim").reason).toMatch(/pinned tag/);

    const poetry = LOCKED_APPS.poetry as (typeof LOCKED_APPS)[string];
    const twoSteps = poetry.dockerfile.replace(
      "RUN pip install poetry==1.8.3",
      "RUN pip install --upgrade pip==24.2 && pip install poetry==1.8.3",
    );
    expect(run(twoSteps, filesOf(poetry.files), "slim").text).toContain(
      "RUN pip install --no-cache-dir --upgrade pip==24.2 && pip install --no-cache-dir poetry==1.8.3 poetry-plugin-export\n",
    );
  });

  it("builds on Alpine with no compilers when nothing is native", () => {
    const app = LOCKED_APPS.pipenv as (typeof LOCKED_APPS)[string];
    const result = run(app.dockerfile, filesOf(app.files), "alpine");
    expect(result.status, result.reason).toBe("optimized");
    expect(result.text).toMatch(/^FROM python:3\.11-alpine AS build\n/);
    expect(result.text).not.toContain("build-base");
    checkOutput(app.dockerfile, result.text, filesOf(app.files));
  });

  it.each([
    [
      "a command through poetry",
      "poetry",
      (d: string) => d.replace('CMD ["python", "app.py"]', 'CMD ["poetry", "run", "python", "app.py"]'),
      /runs through poetry/,
    ],
    [
      "poetry's own virtual environment",
      "poetry",
      (d: string) => d.replace("ENV POETRY_VIRTUALENVS_CREATE=false\n", ""),
      /its own virtual environment/,
    ],
    ["pipenv without --system", "pipenv", (d: string) => d.replace(" --system", ""), /its own virtual environment/],
    [
      "a .venv the command cannot reach",
      "uv",
      (d: string) => d.replace('ENV PATH="/app/.venv/bin:$PATH"\n', ""),
      /does not reach/,
    ],
    [
      "a tool the Dockerfile does not install",
      "uv",
      (d: string) => d.replace("RUN pip install uv==0.4.30\n", ""),
      /does not install uv itself/,
    ],
    ["pdm", "uv", (d: string) => d.replace("uv sync --frozen --no-dev", "pdm install --prod"), /pdm/],
  ] as const)("declines %s", (_name, tool, change, reason) => {
    const app = LOCKED_APPS[tool] as (typeof LOCKED_APPS)[string];
    const result = run(change(app.dockerfile), filesOf(app.files), "slim");
    expect(result.strategy).toBe("generic");
    expect(result.reason).toMatch(reason);
  });

  it("declines a poetry project whose install would create its console scripts", () => {
    const app = LOCKED_APPS.poetry as (typeof LOCKED_APPS)[string];
    const files = {
      ...app.files,
      "pyproject.toml": `${app.files["pyproject.toml"]}\n[tool.poetry.scripts]\nnotes = "notes.cli:main"\n`,
    };
    const result = run(app.dockerfile.replace("--no-root ", ""), filesOf(files), "slim");
    expect(result.reason).toMatch(/console scripts/);
  });
});

describe("optimize: a Java image whose shell-form command names the jar with a glob", () => {
  const files = { paths: ["pom.xml", "src/"], read: (p: string) => (p === "pom.xml" ? "<project/>" : undefined) };
  const original =
    "FROM maven:3.9-eclipse-temurin-17\nWORKDIR /app\nCOPY . .\nRUN mvn -B package -DskipTests\nCMD java -jar target/*.jar\n";

  it("copies every jar the glob can match and keeps the command as the shell ran it", () => {
    const result = run(original, files, "slim");
    expect(result.status, result.reason).toBe("optimized");
    expect(result.text).toContain("COPY --from=build /app/target/*.jar /app/target/\n");
    expect(result.text).toContain('CMD ["/bin/sh", "-c", "java -jar target/*.jar"]\n');
    checkOutput(original, result.text, files);
  });

  it("declines distroless, which has no shell to run it", () => {
    expect(run(original, files, "distroless").reason).toMatch(/shell form and distroless has no shell/);
  });
});
