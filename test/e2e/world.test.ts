/**
 * The test world tells the truth: its stand-ins for the official images carry the official images'
 * configuration (the fixture gives the documented values and where they come from), their version
 * variables name the tools really installed, and its package index resolves dependencies as PyPI does.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../helpers/shared.js";
import { ensureWorld, type World } from "./world/world.js";

interface Documented {
  source: [repo: string, path: string, commit: string];
  env: Record<string, string>;
  versions: Record<string, string>;
  workingDir: string;
  entrypoint: string[] | null;
  cmd: string[] | null;
}

const OFFICIAL = JSON.parse(readFileSync(join(ROOT, "test/fixtures/official-images.json"), "utf8")) as {
  images: Record<string, Documented>;
};
const NAMES = Object.keys(OFFICIAL.images);

interface ImageConfig {
  Env?: string[] | null;
  WorkingDir?: string;
  Entrypoint?: string[] | null;
  Cmd?: string[] | null;
}

let world: World;
beforeAll(async () => {
  world = await ensureWorld();
}, 1_800_000);

/** The configuration a `FROM name` resolves to: read from the world's registry, as the mirror serves it. */
async function configOf(name: string): Promise<ImageConfig> {
  const [repository, tag] = name.split(":");
  const base = `http://${world.registry}/v2/library/${repository}`;
  const manifest = (await (
    await fetch(`${base}/manifests/${tag}`, {
      headers: { Accept: "application/vnd.docker.distribution.manifest.v2+json" },
    })
  ).json()) as { config: { digest: string } };
  const blob = (await (await fetch(`${base}/blobs/${manifest.config.digest}`)).json()) as { config: ImageConfig };
  return blob.config;
}

function envOf(config: ImageConfig): Record<string, string> {
  return Object.fromEntries(
    (config.Env ?? []).map((pair) => [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)]),
  );
}

/** Runs a shell command in an image of the world and returns its output. */
function inImage(image: string, script: string): string {
  const ran = spawnSync(world.cli, ["run", "--rm", "--network", "host", "--entrypoint", "sh", image, "-c", script], {
    env: world.env,
    encoding: "utf8",
  });
  expect(ran.status, `${image}: ${script}\n${ran.stderr}`).toBe(0);
  return ran.stdout.trim();
}

describe("the stand-ins keep the official images' configuration", () => {
  it.each(NAMES)("%s: Env, WorkingDir, Entrypoint and Cmd are the documented ones", async (name) => {
    const documented = OFFICIAL.images[name] as Documented;
    const config = await configOf(name);
    const env = envOf(config);
    expect(Object.keys(env).sort()).toEqual(Object.keys(documented.env).sort());
    for (const [variable, value] of Object.entries(documented.env)) {
      const prefix = documented.versions[variable];
      if (prefix === undefined) expect(env[variable], variable).toBe(value);
      else {
        expect(value.startsWith(prefix), `${variable}: the fixture's own value`).toBe(true);
        expect(env[variable], variable).toMatch(/^\d+(\.\d+)+$/);
        expect(env[variable]?.startsWith(prefix), `${variable}=${env[variable]}`).toBe(true);
      }
    }
    expect(config.WorkingDir ?? "").toBe(documented.workingDir);
    expect(config.Entrypoint?.length ? config.Entrypoint : null).toEqual(documented.entrypoint);
    expect(config.Cmd?.length ? config.Cmd : null).toEqual(documented.cmd);
  });
});

// What each stand-in really has installed, printed as the official version variables name it.
const INSTALLED: [image: string, script: string, variables: string[]][] = [
  [
    "python:3.11",
    'python -c \'import platform; from importlib.metadata import version; print(platform.python_version(), version("pip"), version("setuptools"))\'',
    ["PYTHON_VERSION", "PYTHON_PIP_VERSION", "PYTHON_SETUPTOOLS_VERSION"],
  ],
  [
    "python:3.11-slim",
    'python -c \'import platform; from importlib.metadata import version; print(platform.python_version(), version("pip"), version("setuptools"))\'',
    ["PYTHON_VERSION", "PYTHON_PIP_VERSION", "PYTHON_SETUPTOOLS_VERSION"],
  ],
  ["golang:1.19", "go version | sed 's/^go version go\\([^ ]*\\) .*/\\1/'", ["GOLANG_VERSION"]],
  ["rust:1.63", "rustc --version | cut -d' ' -f2", ["RUST_VERSION"]],
  ["gcc:12", "gcc -dumpfullversion", ["GCC_VERSION"]],
  ["node:20", 'echo "$(node --version | tr -d v) $(yarn --version)"', ["NODE_VERSION", "YARN_VERSION"]],
  ["node:20-slim", 'echo "$(node --version | tr -d v) $(yarn --version)"', ["NODE_VERSION", "YARN_VERSION"]],
];

describe("the stand-ins' version variables name what is installed", () => {
  it.each(INSTALLED)(
    "%s",
    async (image, script, variables) => {
      const env = envOf(await configOf(image));
      expect(inImage(image, script).split(" ")).toEqual(variables.map((v) => env[v]));
    },
    120_000,
  );
});

describe("the stand-ins find what their tools install", () => {
  it("golang: `go install` puts programs in $GOPATH/bin, which is on PATH", () => {
    const script =
      "mkdir -p /tmp/hi && cd /tmp/hi && printf 'package main\\nfunc main() { println(\"hi\") }\\n' > main.go && go mod init example.com/hi >/dev/null 2>&1 && go install . && command -v hi && hi 2>&1";
    expect(inImage("golang:1.19", script).split("\n")).toEqual(["/go/bin/hi", "hi"]);
  }, 300_000);

  it("rust: `cargo install --path .` puts programs in $CARGO_HOME/bin, which is on PATH", () => {
    const script =
      "cd /tmp && cargo new --quiet --bin hi && cargo install --quiet --path hi 2>/dev/null && command -v hi && hi && command -v cargo";
    expect(inImage("rust:1.63", script).split("\n")).toEqual([
      "/usr/local/cargo/bin/hi",
      "Hello, world!",
      "/usr/local/cargo/bin/cargo",
    ]);
  }, 300_000);

  it("node: the entrypoint runs a script file or an option under node, and other commands as they are", () => {
    const run = (args: string[]) =>
      spawnSync(world.cli, ["run", "--rm", "--network", "none", "node:20-slim", ...args], {
        env: world.env,
        encoding: "utf8",
      }).stdout.trim();
    expect(run(["-p", "1 + 1"])).toBe("2");
    expect(run(["node", "-e", "console.log(process.argv0)"])).toBe("node");
    expect(run(["id", "-un"])).toBe("root");
  }, 120_000);
});

describe("the package index resolves dependencies as PyPI does", () => {
  it("an unpinned `pip install flask gunicorn` brings Flask's and gunicorn's dependencies", () => {
    const out = inImage(
      "python:3.11-slim",
      "python -m venv /tmp/venv && /tmp/venv/bin/pip install -q --disable-pip-version-check flask gunicorn && /tmp/venv/bin/pip freeze --all && /tmp/venv/bin/python -c 'import flask, markupsafe, gunicorn.app.wsgiapp'",
    );
    const installed = out.split("\n").map((line) => line.split("==")[0]?.toLowerCase());
    for (const project of [
      "flask",
      "werkzeug",
      "jinja2",
      "markupsafe",
      "itsdangerous",
      "click",
      "gunicorn",
      "setuptools",
    ])
      expect(installed, project).toContain(project);
    // Windows-only and older-Python requirements stay conditional, as upstream declares them.
    expect(installed).not.toContain("colorama");
    expect(installed).not.toContain("importlib-metadata");
  }, 300_000);
});
