/**
 * The test world: a dedicated dockerd (its own socket, data root, exec root and pidfile — never the
 * user's daemon) whose registry mirror is a local Debian docker-registry on 127.0.0.1 holding base
 * images built from Debian packages, so unchanged `FROM debian:bookworm` lines resolve offline.
 *
 *   npm run world          bring it up (an existing world is reused) and print the DOCKER_HOST line
 *   npm run world -- down  stop it
 *
 * State lives in $IMAGEDIET_WORLD (default /var/tmp/imagediet-world).
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

export interface World {
  root: string;
  dockerHost: string;
  registry: string;
  /** The docker CLI with BuildKit built in that the world uses. */
  cli: string;
  env: NodeJS.ProcessEnv;
}

const ROOT = process.env.IMAGEDIET_WORLD ?? "/var/tmp/imagediet-world";
const PORT = Number(process.env.IMAGEDIET_WORLD_PORT ?? 5055);
const CLI = "/usr/bin/docker";
const PACKAGES: [string, string][] = [
  ["/usr/sbin/dockerd", "docker.io"],
  ["/usr/bin/docker-registry", "docker-registry"],
  ["/usr/sbin/debootstrap", "debootstrap"],
];

function log(message: string): void {
  process.stderr.write(`world: ${message}\n`);
}

/** Installs the engine, registry and debootstrap from Debian when missing; says how otherwise. */
function ensurePackages(): void {
  const missing = PACKAGES.filter(([binary]) => !existsSync(binary)).map(([, pkg]) => pkg);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0 || !existsSync("/usr/bin/apt-get"))
    throw new Error(
      `the test world needs ${missing.join(", ")} and root to run its own dockerd; install them (apt-get install -y ${missing.join(" ")}) and run as root, or run \`npm run test:unit\` for everything but the e2e suite`,
    );
  log(`installing ${missing.join(", ")}`);
  execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...missing], {
    stdio: "ignore",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
}

function alive(pidfile: string): boolean {
  if (!existsSync(pidfile)) return false;
  const pid = Number(readFileSync(pidfile, "utf8").trim());
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor(what: string, ready: () => Promise<boolean> | boolean, seconds: number): Promise<void> {
  for (let i = 0; i < seconds * 10; i++) {
    if (await ready()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not start within ${seconds} s`);
}

function daemon(binary: string, args: string[], logFile: string, pidfile?: string): void {
  const out = openSync(logFile, "a");
  const child = spawn(binary, args, { detached: true, stdio: ["ignore", out, out] });
  if (pidfile && child.pid) writeFileSync(pidfile, String(child.pid));
  child.unref();
}

async function registryUp(registry: string): Promise<boolean> {
  try {
    return (await fetch(`http://${registry}/v2/`)).status === 200;
  } catch {
    return false;
  }
}

async function hasImage(registry: string, repository: string, tag: string): Promise<boolean> {
  try {
    const response = await fetch(`http://${registry}/v2/${repository}/manifests/${tag}`, {
      method: "HEAD",
      headers: { Accept: "application/vnd.docker.distribution.manifest.v2+json" },
    });
    return response.status === 200;
  } catch {
    return false;
  }
}

function docker(world: World, args: string[], input?: Buffer | string): string {
  const result = spawnSync(world.cli, args, { env: world.env, input, maxBuffer: 256 * 1024 * 1024 });
  if (result.status !== 0)
    throw new Error(`docker ${args.join(" ")} failed: ${String(result.stderr).trim().split("\n").pop()}`);
  return String(result.stdout);
}

/** A debootstrap minbase rootfs tarball, made once and kept in the world's folder. */
function rootfsTar(root: string, variant: "full" | "slim"): string {
  const tar = join(root, `bookworm-${variant}.tar`);
  if (existsSync(tar)) return tar;
  const dir = join(root, "rootfs");
  if (!existsSync(join(dir, "etc/debian_version"))) {
    rmSync(dir, { recursive: true, force: true });
    log("debootstrap --variant=minbase bookworm (about 30 s)");
    execFileSync("debootstrap", ["--variant=minbase", "bookworm", dir], { stdio: "ignore" });
    execFileSync("sh", ["-c", `rm -rf ${dir}/var/cache/apt/archives/*.deb ${dir}/var/lib/apt/lists/*`]);
  }
  // The slim variant leaves out documentation, man pages and locales, as debian:bookworm-slim does.
  const excludes =
    variant === "slim"
      ? ["--exclude=./usr/share/doc/*", "--exclude=./usr/share/man/*", "--exclude=./usr/share/locale/*"]
      : [];
  execFileSync("tar", ["-C", dir, "-cf", tar, ...excludes, "."]);
  return tar;
}

/** Brings the world up, or reuses the one that is running. */
export async function ensureWorld(): Promise<World> {
  ensurePackages();
  const root = ROOT;
  for (const sub of ["data", "exec", "run", "registry"]) mkdirSync(join(root, sub), { recursive: true });
  const registry = `127.0.0.1:${PORT}`;
  const socket = join(root, "run/docker.sock");
  const world: World = {
    root,
    dockerHost: `unix://${socket}`,
    registry,
    cli: CLI,
    env: { ...process.env, DOCKER_HOST: `unix://${socket}`, DOCKER_BUILDKIT: "1" },
  };

  if (!(await registryUp(registry))) {
    writeFileSync(
      join(root, "registry/config.yml"),
      `version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: ${join(root, "registry/data")}\nhttp:\n  addr: ${registry}\n`,
    );
    daemon(
      "/usr/bin/docker-registry",
      ["serve", join(root, "registry/config.yml")],
      join(root, "registry.log"),
      join(root, "run/registry.pid"),
    );
    await waitFor(`the registry on ${registry}`, () => registryUp(registry), 30);
  }

  const engineUp = () => spawnSync(CLI, ["version"], { env: world.env, stdio: "ignore" }).status === 0;
  if (!engineUp()) {
    if (alive(join(root, "run/docker.pid")))
      throw new Error(`a dockerd of the world is running but ${socket} does not answer`);
    daemon(
      "/usr/sbin/dockerd",
      [
        "--storage-driver=overlay2",
        "--iptables=false",
        "--bridge=none",
        "-H",
        world.dockerHost,
        "--data-root",
        join(root, "data"),
        "--exec-root",
        join(root, "exec"),
        "--pidfile",
        join(root, "run/docker.pid"),
        "--registry-mirror",
        `http://${registry}`,
        "--insecure-registry",
        registry,
      ],
      join(root, "dockerd.log"),
    );
    await waitFor(`dockerd (log: ${join(root, "dockerd.log")})`, engineUp, 60);
  }

  for (const [tag, variant] of [
    ["bookworm", "full"],
    ["bookworm-slim", "slim"],
  ] as const) {
    if (await hasImage(registry, "library/debian", tag)) continue;
    const name = `${registry}/library/debian:${tag}`;
    log(`importing ${name}`);
    docker(world, ["import", rootfsTar(root, variant), name]);
    docker(world, ["push", name]);
  }
  return world;
}

/** Stops the world's dockerd and registry; their data stays for the next start. */
export async function stopWorld(): Promise<void> {
  for (const pidfile of [join(ROOT, "run/docker.pid"), join(ROOT, "run/registry.pid")]) {
    if (!alive(pidfile)) continue;
    const pid = Number(readFileSync(pidfile, "utf8").trim());
    process.kill(pid, "SIGTERM");
    await waitFor(`process ${pid} to stop`, () => !alive(pidfile), 30).catch(() => process.kill(pid, "SIGKILL"));
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  try {
    if (process.argv[2] === "down") {
      await stopWorld();
      log("stopped");
    } else {
      const world = await ensureWorld();
      log(`up: engine ${world.dockerHost}, registry ${world.registry}, client ${world.cli}`);
      process.stdout.write(`export DOCKER_HOST=${world.dockerHost}\n`);
    }
  } catch (error) {
    log(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
