/**
 * The e2e apps (test/e2e/apps/<name>): small apps written here the way people write them, one for
 * each Dockerfile shape and build idiom the optimizer must handle. Each original Dockerfile builds
 * offline in the test world and passes its own checks (its imagediet.yaml) through
 * `imagediet verify`. A row's `original` says what its original image is; expectations for the
 * optimized image go beside it, per app, as the optimizer learns each shape.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DockerEngine, findDockerCli } from "../../src/engine/docker.js";
import { imagediet } from "../helpers/cli.js";
import { ROOT } from "../helpers/shared.js";
import { ensureWorld, type World } from "./world/world.js";

interface AppCase {
  name: string;
  /** The shape it brings: what an optimizer must understand in its Dockerfile. */
  shape: string;
  original: {
    /** The user the original runs as (`root` when it sets none). */
    user: string;
  };
}

const APPS: AppCase[] = [
  // From "optimize improves every Dockerfile it can read".
  {
    name: "node-multistage-root",
    shape: "two stages, npm ci + tsc + npm prune, final stage as root",
    original: { user: "root" },
  },
  {
    name: "node-serve-cli",
    shape: "npm run build, then `npm install -g serve` serving build/",
    original: { user: "root" },
  },
  {
    name: "php-guestbook",
    shape: "Debian's PHP through `sudo apt-get`, useradd, writes data/",
    original: { user: "dev" },
  },
  {
    name: "go-cgo-sqlite",
    shape: "cgo with mattn/go-sqlite3 on Debian's libsqlite3, VOLUME",
    original: { user: "root" },
  },
  {
    name: "c-server-port80",
    shape: "apt-get install gcc make, own Makefile, port 80, www/ files",
    original: { user: "root" },
  },
  { name: "rust-cargo-install", shape: "`cargo install --path .` into $CARGO_HOME/bin", original: { user: "root" } },
  {
    name: "python-extra-steps",
    shape: "curl + sha256sum download, useradd, echo > config, tini",
    original: { user: "appuser" },
  },
  // From "multi-stage split for every build idiom".
  { name: "cmake-out-of-tree", shape: "mkdir build && cd build && cmake .. && make", original: { user: "root" } },
  {
    name: "autotools-configure",
    shape: "./configure --prefix && make && make install, share/ data",
    original: { user: "root" },
  },
  {
    name: "go-two-binaries",
    shape: "go build -o for two programs under cmd/, HEALTHCHECK",
    original: { user: "root" },
  },
  { name: "rust-workspace", shape: "cargo build --release of a two-crate workspace", original: { user: "root" } },
  {
    name: "node-frontend-express",
    shape: "npm run build (esbuild) to dist/, Express, CMD npm start",
    original: { user: "root" },
  },
  {
    name: "python-pyproject",
    shape: "pip install . from pyproject.toml (setuptools, click)",
    original: { user: "root" },
  },
];

/** Kept as a CI artifact: each original's size, build time and checks. */
const REPORT = join(ROOT, "reports/e2e-apps/originals.json");

interface CheckOutcome {
  name: string;
  outcome: "pass" | "fail" | "skip";
  detail: string;
}

interface Measured {
  app: string;
  sizeBytes: number;
  buildSeconds: number;
  checks: CheckOutcome[];
}

let world: World;
let engine: DockerEngine;
const measured: Measured[] = [];

beforeAll(async () => {
  world = await ensureWorld();
  engine = new DockerEngine(findDockerCli({ env: world.env }), world.env);
}, 1_800_000);

afterAll(() => {
  engine?.cleanup();
  mkdirSync(join(REPORT, ".."), { recursive: true });
  writeFileSync(REPORT, `${JSON.stringify(measured, null, 2)}\n`);
});

const appDir = (name: string) => join(ROOT, "test/e2e/apps", name);

/** Builds one of the app's Dockerfiles in the world and runs the app's checks on it with `imagediet verify`. */
async function buildAndVerify(app: AppCase, dockerfile: string): Promise<Measured> {
  const tag = `imagediet-e2e/${app.name}:${engine.session}`;
  const built = await engine.build({
    context: appDir(app.name),
    dockerfile: join(appDir(app.name), dockerfile),
    tag,
    network: "host",
  });
  const size = Number((engine.inspect(tag) as { Size?: number } | undefined)?.Size ?? 0);
  const verified = imagediet(["verify", tag, "-f", join(appDir(app.name), "imagediet.yaml"), "--json"], {
    env: { ...world.env, NO_COLOR: "1" },
  });
  if (!verified.stdout) throw new Error(`imagediet verify ${tag} printed nothing:\n${verified.stderr}`);
  const { checks } = JSON.parse(verified.stdout) as { checks: CheckOutcome[] };
  return { app: app.name, sizeBytes: size, buildSeconds: built.seconds, checks };
}

describe("the e2e apps as written", () => {
  // The examples' test runs beside this one, so their HTTP probes' ports stay theirs.
  it("no app probes a port the examples probe", () => {
    const ports = (dir: string) =>
      [...readFileSync(join(dir, "imagediet.yaml"), "utf8").matchAll(/http: \{ port: (\d+)/g)].map((m) => m[1]);
    const examples = ["python-flask-app", "go-api-server", "node-express-app"].flatMap((name) =>
      ports(join(ROOT, "examples", name)),
    );
    expect(examples.length).toBeGreaterThan(0);
    for (const app of APPS)
      for (const port of ports(appDir(app.name)))
        expect(examples, `${app.name} probes port ${port}`).not.toContain(port);
  });

  it("lists every app folder (zlib-dynamic belongs to the fix loop's test)", () => {
    const folders = readdirSync(join(ROOT, "test/e2e/apps")).filter((name) => name !== "zlib-dynamic");
    expect(APPS.map((app) => app.name).sort()).toEqual(folders.sort());
  });

  it.each(APPS.map((app) => [app.name, app.shape, app] as const))(
    "%s (%s): the original builds in the world and passes its checks",
    async (_name, _shape, app) => {
      const result = await buildAndVerify(app, "Dockerfile");
      measured.push(result);
      expect(result.checks.length, "checks run").toBeGreaterThan(0);
      for (const check of result.checks) expect(check.outcome, `${check.name}: ${check.detail}`).toBe("pass");
      const user = (engine.inspect(`imagediet-e2e/${app.name}:${engine.session}`) as { Config?: { User?: string } })
        ?.Config?.User;
      expect(user || "root").toBe(app.original.user);
    },
    900_000,
  );
});
