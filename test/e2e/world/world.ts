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
import { createHash } from "node:crypto";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type Base, bases, DEBIAN_PATH, DISTROLESS, INDEX_PORT } from "./bases.js";
import { ensurePythonIndex } from "./pypi.js";

export interface World {
  root: string;
  dockerHost: string;
  registry: string;
  /** The PEP 503 index the world's python images install from. */
  pythonIndex: string;
  /** The docker CLI with BuildKit built in that the world uses. */
  cli: string;
  env: NodeJS.ProcessEnv;
  /** For podman: its own storage under the world's folder, and the same registry as Docker Hub's mirror. */
  podmanEnv: NodeJS.ProcessEnv;
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

// What the official Debian images configure (debuerreotype): apt keeps no caches and no translations.
const APT_CONFIG: Record<string, string> = {
  "docker-clean": [
    'DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };',
    'APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };',
    'Dir::Cache::pkgcache "";',
    'Dir::Cache::srcpkgcache "";',
  ].join("\n"),
  "docker-no-languages": 'Acquire::Languages "none";',
  "docker-autoremove-suggests": 'Apt::AutoRemove::SuggestsImportant "false";',
};

// And the slim variant's dpkg leaves documentation, man pages and locales out of every later install.
const SLIM_DPKG = [
  "path-exclude /usr/share/doc/*",
  "path-include /usr/share/doc/*/copyright",
  "path-exclude /usr/share/man/*",
  "path-exclude /usr/share/groff/*",
  "path-exclude /usr/share/info/*",
  "path-exclude /usr/share/locale/*",
].join("\n");

const ROOTFS_VERSION = 3;
// The official Debian images' configuration (debuerreotype's image config).
const DEBIAN_CONFIG = [`ENV PATH=${DEBIAN_PATH}`, 'CMD ["bash"]'];
const LOCAL_CA_DIR = "/usr/local/share/ca-certificates";

/**
 * The certificates this machine trusts beyond Debian's bundle (a TLS-inspecting proxy's, a company
 * CA): the world's images trust them too, so builds reach what this machine reaches.
 */
function trustedCertificates(): Record<string, string> {
  if (!existsSync(LOCAL_CA_DIR)) return {};
  const found: Record<string, string> = {};
  for (const name of readdirSync(LOCAL_CA_DIR)
    .filter((n) => n.endsWith(".crt"))
    .sort())
    found[name] = readFileSync(join(LOCAL_CA_DIR, name), "utf8");
  return found;
}

/** A debootstrap minbase rootfs tarball, made once per definition and kept in the world's folder. */
function rootfsTar(root: string, variant: "full" | "slim", trusted: Record<string, string>, stamp: string): string {
  const tar = join(root, `bookworm-${variant}-${stamp}.tar`);
  if (existsSync(tar)) return tar;
  const dir = join(root, "rootfs");
  if (!existsSync(join(dir, "etc/apt/apt.conf.d/docker-clean"))) {
    rmSync(dir, { recursive: true, force: true });
    log("debootstrap --variant=minbase bookworm (about 30 s)");
    execFileSync("debootstrap", ["--variant=minbase", "bookworm", dir], { stdio: "ignore" });
    execFileSync("sh", ["-c", `rm -rf ${dir}/var/cache/apt/archives/*.deb ${dir}/var/lib/apt/lists/*`]);
    for (const [name, text] of Object.entries(APT_CONFIG))
      writeFileSync(join(dir, "etc/apt/apt.conf.d", name), `${text}\n`);
  }
  // ca-certificates is not in minbase: its install in a later layer adds these to the bundle.
  const localCa = join(dir, LOCAL_CA_DIR);
  rmSync(localCa, { recursive: true, force: true });
  mkdirSync(localCa, { recursive: true });
  for (const [name, text] of Object.entries(trusted)) writeFileSync(join(localCa, name), text);
  if (variant === "full") {
    execFileSync("tar", ["-C", dir, "-cf", tar, "."]);
    return tar;
  }
  // The slim variant leaves out documentation, man pages and locales, as debian:bookworm-slim does.
  const extra = mkdtempSync(join(root, "slim-"));
  try {
    mkdirSync(join(extra, "etc/dpkg/dpkg.cfg.d"), { recursive: true });
    writeFileSync(join(extra, "etc/dpkg/dpkg.cfg.d/docker"), `${SLIM_DPKG}\n`);
    const excludes = ["--exclude=./usr/share/doc/*", "--exclude=./usr/share/man/*", "--exclude=./usr/share/locale/*"];
    execFileSync("tar", ["-C", dir, "-cf", tar, ...excludes, "."]);
    execFileSync("tar", ["-C", extra, "-rf", tar, "./etc/dpkg/dpkg.cfg.d/docker"]);
  } finally {
    rmSync(extra, { recursive: true, force: true });
  }
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
    pythonIndex: `http://127.0.0.1:${INDEX_PORT}/simple`,
    cli: CLI,
    env: { ...process.env, DOCKER_HOST: `unix://${socket}`, DOCKER_BUILDKIT: "1" },
    podmanEnv: podmanConfig(root, registry),
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

  // An image is rebuilt when its definition or the image it is built on changed.
  const stampFile = join(root, "bases.json");
  const stamps: Record<string, string> = existsSync(stampFile) ? JSON.parse(readFileSync(stampFile, "utf8")) : {};
  const stampOf = (definition: unknown) =>
    createHash("sha256").update(JSON.stringify(definition)).digest("hex").slice(0, 16);
  const saveStamp = (name: string, stamp: string) => {
    stamps[name] = stamp;
    writeFileSync(stampFile, JSON.stringify(stamps, null, 2));
  };
  const built = new Map<string, string>();
  const trusted = trustedCertificates();
  for (const [tag, variant] of [
    ["bookworm", "full"],
    ["bookworm-slim", "slim"],
  ] as const) {
    const tarStamp = stampOf([ROOTFS_VERSION, variant, APT_CONFIG, SLIM_DPKG, trusted]);
    const stamp = stampOf([tarStamp, DEBIAN_CONFIG]);
    const name = `debian:${tag}`;
    if (stamps[name] !== stamp || !(await hasImage(registry, "library/debian", tag))) {
      const pushed = `${registry}/library/debian:${tag}`;
      log(`importing ${pushed}`);
      const changes = DEBIAN_CONFIG.flatMap((change) => ["-c", change]);
      docker(world, ["import", ...changes, rootfsTar(root, variant, trusted, tarStamp), pushed]);
      docker(world, ["push", pushed]);
    }
    tagLocally(world, `${registry}/library/debian:${tag}`, name);
    saveStamp(name, stamp);
    built.set(name, stamp);
  }
  await ensureServedFiles(root);
  for (const base of bases()) {
    const parent = /^FROM (\S+)/m.exec(base.dockerfile)?.[1] ?? "";
    const stamp = stampOf([base, built.get(parent) ?? parent]);
    await ensureBase(world, base, stamps[base.name] !== stamp);
    saveStamp(base.name, stamp);
    built.set(base.name, stamp);
  }
  for (const image of DISTROLESS) await ensureDistroless(world, image.name, image.packages);
  return world;
}

/**
 * podman's configuration for the world: storage under the world's folder; Docker Hub names resolve
 * through the world's registry, as dockerd's --registry-mirror does; and no default ulimits, which
 * these machines refuse to set inside a container (runc: "error setting rlimits … not permitted").
 */
function podmanConfig(root: string, registry: string): NodeJS.ProcessEnv {
  const dir = join(root, "podman");
  mkdirSync(dir, { recursive: true });
  const files = {
    CONTAINERS_STORAGE_CONF: [
      "storage.conf",
      `[storage]\ndriver = "overlay"\ngraphroot = "${join(dir, "storage")}"\nrunroot = "${join(dir, "run")}"\n`,
    ],
    CONTAINERS_REGISTRIES_CONF: [
      "registries.conf",
      `unqualified-search-registries = ["docker.io"]\n\n[[registry]]\nprefix = "docker.io"\nlocation = "docker.io"\n\n[[registry.mirror]]\nlocation = "${registry}"\ninsecure = true\n`,
    ],
    CONTAINERS_CONF: ["containers.conf", "[containers]\ndefault_ulimits = []\n"],
  } as const;
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [variable, [name, text]] of Object.entries(files)) {
    writeFileSync(join(dir, name), text);
    env[variable] = join(dir, name);
  }
  return env;
}

/** `python:3.11` → the registry's `library/python` and `3.11`; other registries' names keep their path. */
function repositoryOf(name: string): { repository: string; tag: string } {
  const [path, tag = "latest"] = name.split(/:(?=[^/]+$)/);
  const repository = path.includes(".") ? path.slice(path.indexOf("/") + 1) : `library/${path}`;
  return { repository, tag };
}

/**
 * The engine's own tag of a Docker Hub name (what `docker run NAME` uses without pulling) follows the
 * registry's image, so runs see the base that builds resolve through the mirror.
 */
function tagLocally(world: World, pushed: string, name: string): void {
  const tagged = spawnSync(world.cli, ["tag", pushed, name], { env: world.env, stdio: "ignore" }).status === 0;
  if (!tagged) docker(world, ["pull", "-q", name]);
}

async function ensureBase(world: World, base: Base, rebuild: boolean): Promise<void> {
  const { repository, tag } = repositoryOf(base.name);
  const pushed = `${world.registry}/${repository}:${tag}`;
  if (!rebuild && (await hasImage(world.registry, repository, tag))) return tagLocally(world, pushed, base.name);
  const context = mkdtempSync(join(world.root, "base-"));
  try {
    writeFileSync(join(context, "Dockerfile"), `${base.dockerfile}\n`);
    for (const [name, source] of Object.entries(base.context ?? {})) {
      if ("text" in source) writeFileSync(join(context, name), source.text, { mode: source.mode ?? 0o644 });
      else cpSync(source.path, join(context, name), { recursive: true, dereference: true });
    }
    const started = Date.now();
    log(`building ${base.name}`);
    docker(world, ["build", "--network", "host", "-t", pushed, context]);
    docker(world, ["push", pushed]);
    tagLocally(world, pushed, base.name);
    log(`${base.name} built and pushed in ${Math.round((Date.now() - started) / 1000)} s`);
  } finally {
    rmSync(context, { recursive: true, force: true });
  }
}

/**
 * A distroless-style image: Debian packages unpacked with dpkg-deb, a passwd with root and nonroot
 * (65532), the CA bundle that update-ca-certificates would make; `:latest` runs as root, `:nonroot` not.
 */
async function ensureDistroless(world: World, name: string, packages: string[]): Promise<void> {
  const { repository } = repositoryOf(name);
  const local = (tag: string) =>
    spawnSync(world.cli, ["image", "inspect", `${name}:${tag}`], { env: world.env, stdio: "ignore" }).status === 0;
  if (await hasImage(world.registry, repository, "nonroot")) {
    // Not a Docker Hub name, so the mirror does not serve it: the world's engine keeps it under its own name.
    for (const tag of ["latest", "nonroot"])
      if (!local(tag)) {
        docker(world, ["pull", `${world.registry}/${repository}:${tag}`]);
        docker(world, ["tag", `${world.registry}/${repository}:${tag}`, `${name}:${tag}`]);
      }
    return;
  }
  log(`assembling ${name} from ${packages.join(", ")}`);
  const work = mkdtempSync(join(world.root, "distroless-"));
  try {
    const rootfs = join(work, "rootfs");
    mkdirSync(rootfs);
    execFileSync("apt-get", ["download", ...packages], { cwd: work, stdio: "ignore" });
    for (const deb of execFileSync("sh", ["-c", "ls *.deb"], { cwd: work, encoding: "utf8" }).split("\n"))
      if (deb) execFileSync("dpkg-deb", ["-x", join(work, deb), rootfs]);
    mkdirSync(join(rootfs, "etc/ssl/certs"), { recursive: true });
    mkdirSync(join(rootfs, "home/nonroot"), { recursive: true });
    mkdirSync(join(rootfs, "tmp"), { recursive: true, mode: 0o1777 });
    execFileSync("sh", [
      "-c",
      `cat $(find ${rootfs}/usr/share/ca-certificates -name '*.crt' | sort) > ${rootfs}/etc/ssl/certs/ca-certificates.crt`,
    ]);
    writeFileSync(
      join(rootfs, "etc/passwd"),
      "root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n",
    );
    writeFileSync(join(rootfs, "etc/group"), "root:x:0:\nnobody:x:65534:\nnonroot:x:65532:\n");
    rmSync(join(rootfs, "usr/share/doc"), { recursive: true, force: true });
    const tar = join(work, "rootfs.tar");
    execFileSync("tar", ["-C", rootfs, "--owner=0", "--group=0", "-cf", tar, "."]);
    for (const [tag, user] of [
      ["latest", "0"],
      ["nonroot", "65532"],
    ]) {
      const pushed = `${world.registry}/${repository}:${tag}`;
      docker(world, [
        "import",
        "-c",
        `USER ${user}`,
        "-c",
        "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        tar,
        pushed,
      ]);
      docker(world, ["push", pushed]);
      docker(world, ["tag", pushed, `${name}:${tag}`]);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * What the world serves on 127.0.0.1 besides the registry: the Python index (wheels repacked from
 * Debian) for `pip install` in builds, and downloads for Dockerfiles that fetch a release file
 * with curl (tini's static build, from Debian's package, with its checksum beside it).
 */
async function ensureServedFiles(root: string): Promise<void> {
  const served = join(root, "pypi");
  ensurePythonIndex(served);
  ensureDownloads(join(served, "downloads"));
  const up = async () => {
    try {
      return (await fetch(`http://127.0.0.1:${INDEX_PORT}/simple/`)).status === 200;
    } catch {
      return false;
    }
  };
  if (await up()) return;
  const server = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "helpers", "static-server.mjs");
  daemon(
    process.execPath,
    [server, served, "127.0.0.1", String(INDEX_PORT)],
    join(root, "pypi.log"),
    join(root, "run/pypi.pid"),
  );
  await waitFor(`the package index on 127.0.0.1:${INDEX_PORT}`, up, 15);
}

function ensureDownloads(dir: string): void {
  if (existsSync(join(dir, "tini-static.sha256"))) return;
  mkdirSync(dir, { recursive: true });
  const work = mkdtempSync(join(dir, ".work-"));
  try {
    execFileSync("apt-get", ["download", "tini"], { cwd: work, stdio: "ignore" });
    const deb = readdirSync(work).find((n) => n.endsWith(".deb")) ?? "";
    execFileSync("dpkg-deb", ["-x", join(work, deb), join(work, "root")]);
    cpSync(join(work, "root/usr/bin/tini-static"), join(dir, "tini-static"));
    const digest = createHash("sha256")
      .update(readFileSync(join(dir, "tini-static")))
      .digest("hex");
    writeFileSync(join(dir, "tini-static.sha256"), `${digest}  tini-static\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Stops the world's dockerd and registry; their data stays for the next start. */
export async function stopWorld(): Promise<void> {
  for (const pidfile of ["docker.pid", "registry.pid", "pypi.pid"].map((f) => join(ROOT, "run", f))) {
    if (!alive(pidfile)) continue;
    const pid = Number(readFileSync(pidfile, "utf8").trim());
    process.kill(pid, "SIGTERM");
    await waitFor(`process ${pid} to stop`, () => !alive(pidfile), 30).catch(() => process.kill(pid, "SIGKILL"));
  }
  // dockerd leaves its host network namespace mounted under the exec root; unmount it so the folder can go.
  spawnSync("umount", [join(ROOT, "exec/netns/default")], { stdio: "ignore" });
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
