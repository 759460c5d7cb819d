/**
 * What a shell command does to the image's file system, as a table: one reader per command name.
 * The effects model (analyze/effects.ts) hands each reader the command's words already expanded and a
 * resolver for paths against the command's working directory; the reader says what the command
 * creates, changes, removes, reads and fetches, and what it installs or builds.
 */
import { posix } from "node:path";

/** A path a command writes: one file, one folder, or some files under a folder that only a build knows. */
export interface PathEffect {
  path: string;
  kind: "file" | "dir" | "tree";
}

export type PackageManager =
  | "apt"
  | "apk"
  | "yum"
  | "dnf"
  | "microdnf"
  | "zypper"
  | "pip"
  | "npm"
  | "yarn"
  | "pnpm"
  | "gem"
  | "composer"
  | "go"
  | "cargo"
  | "bundler";

export interface PackageInstall {
  manager: PackageManager;
  /** Package names as written, versions stripped (`curl`, `flask`, `serve`). */
  packages: string[];
  /** Installed for the whole system (`npm -g`, `pip` without a target) rather than into the project. */
  global: boolean;
}

/** A recognised build idiom: the tool, and where its outputs land. */
export interface BuildEffect {
  /** `go build`, `cargo build`, `make`, `cmake`, `npm run build`, … */
  idiom: string;
  outputs: PathEffect[];
  /** The static-linking flags given on the command line, when any. */
  staticFlags: string[];
}

export interface CommandEffect {
  writes?: PathEffect[];
  changes?: string[];
  removes?: string[];
  reads?: string[];
  fetches?: string[];
  installs?: PackageInstall;
  /** Packages removed (`apt-get purge`, `apk del`, `pip uninstall`, `npm uninstall`). */
  uninstalls?: { manager: PackageManager; packages: string[] };
  builds?: BuildEffect;
  /** `cd DIR`: the working directory of the commands after it. */
  cd?: string;
}

/** A command as the readers see it. */
export interface CommandView {
  name: string;
  /** Every word after the name, expanded where the value is known (undefined where it is not). */
  words: (string | undefined)[];
  cwd: string;
  /** A variable's value from ENV, ARG, `export` or a `VAR=… cmd` prefix. */
  env(name: string): string | undefined;
}

type Reader = (command: CommandView) => CommandEffect;

/** Options that take a value as the next word, per command (so that value is not read as an operand). */
const VALUE_OPTIONS: Record<string, string[]> = {
  cp: ["-t", "--target-directory", "-S", "--suffix"],
  mv: ["-t", "--target-directory", "-S", "--suffix"],
  install: ["-m", "--mode", "-o", "--owner", "-g", "--group", "-t", "--target-directory"],
  mkdir: ["-m", "--mode"],
  chown: ["--from", "--reference"],
  chmod: ["--reference"],
  curl: [
    "-o",
    "--output",
    "-H",
    "--header",
    "-u",
    "--user",
    "-A",
    "--user-agent",
    "-d",
    "--data",
    "-X",
    "--request",
    "-e",
    "--referer",
    "--retry",
    "--retry-delay",
    "--max-time",
    "-m",
    "--connect-timeout",
    "--proto",
    "-w",
    "--write-out",
    "--cacert",
    "-b",
    "--cookie",
    "-c",
    "--cookie-jar",
    "-T",
    "--upload-file",
    "-x",
    "--proxy",
    "-r",
    "--range",
    "-z",
    "--time-cond",
    "--output-dir",
    "--create-dirs-mode",
  ],
  wget: [
    "-O",
    "--output-document",
    "-P",
    "--directory-prefix",
    "-o",
    "--output-file",
    "-a",
    "--append-output",
    "-t",
    "--tries",
    "-T",
    "--timeout",
    "--header",
    "-U",
    "--user-agent",
    "--user",
    "--password",
  ],
  tar: [
    "-f",
    "--file",
    "-C",
    "--directory",
    "--exclude",
    "--strip-components",
    "-T",
    "--files-from",
    "--owner",
    "--group",
    "--mode",
    "-I",
    "--use-compress-program",
  ],
  unzip: ["-d", "-x"],
  git: ["-b", "--branch", "--depth", "-c", "--config", "-o", "--origin", "--reference", "-j", "--jobs", "--filter"],
  go: [
    "-o",
    "-ldflags",
    "-gcflags",
    "-tags",
    "-mod",
    "-p",
    "-buildmode",
    "-asmflags",
    "-modfile",
    "-overlay",
    "-pkgdir",
    "-C",
  ],
  cargo: [
    "--bin",
    "-p",
    "--package",
    "--target",
    "--target-dir",
    "--root",
    "--path",
    "--features",
    "-F",
    "--manifest-path",
    "-j",
    "--jobs",
    "--profile",
    "--example",
    "--version",
    "--git",
    "--branch",
    "--tag",
    "--rev",
    "-Z",
    "--config",
  ],
  make: ["-C", "--directory", "-f", "--file", "--makefile", "-j", "--jobs", "-l", "-o", "-W", "-I"],
  cmake: [
    "-B",
    "-S",
    "-G",
    "-D",
    "-C",
    "-T",
    "-A",
    "--build",
    "--install",
    "--prefix",
    "--config",
    "--target",
    "-t",
    "--component",
    "-j",
    "--parallel",
    "--preset",
  ],
  ninja: ["-C", "-f", "-j", "-k", "-l", "-t", "-d", "-w"],
  meson: ["--prefix", "--buildtype", "-D", "--backend", "-C", "--destdir", "--libdir", "--bindir"],
  npm: ["--prefix", "-C", "--workspace", "-w", "--registry", "--cache", "--omit", "--include", "--loglevel", "--tag"],
  yarn: ["--cwd", "--modules-folder", "--cache-folder", "--network-timeout", "--registry", "--mutex"],
  pnpm: ["--dir", "-C", "--filter", "-F", "--store-dir", "--reporter", "--registry"],
  pip: [
    "-r",
    "--requirement",
    "-c",
    "--constraint",
    "-e",
    "--editable",
    "-i",
    "--index-url",
    "--extra-index-url",
    "-f",
    "--find-links",
    "-t",
    "--target",
    "--prefix",
    "--root",
    "--trusted-host",
    "--log",
    "--timeout",
    "--retries",
    "--cache-dir",
    "--platform",
    "--python-version",
    "--implementation",
    "--abi",
    "--progress-bar",
    "-w",
    "--wheel-dir",
    "--src",
    "--config-settings",
    "-C",
  ],
  gem: ["-v", "--version", "-i", "--install-dir", "-n", "--bindir", "--source", "--platform"],
  composer: ["-d", "--working-dir", "--prefer-dist", "--ignore-platform-req"],
  "apt-get": ["-o", "-c", "-t", "--target-release"],
  apt: ["-o", "-c", "-t", "--target-release"],
  apk: ["-X", "--repository", "-t", "--virtual", "-p", "--root", "--arch", "--cache-dir", "--keys-dir"],
  yum: [
    "--setopt",
    "--enablerepo",
    "--disablerepo",
    "--installroot",
    "-c",
    "--config",
    "--releasever",
    "--exclude",
    "-x",
  ],
  dnf: [
    "--setopt",
    "--enablerepo",
    "--disablerepo",
    "--installroot",
    "-c",
    "--config",
    "--releasever",
    "--exclude",
    "-x",
  ],
  microdnf: ["--setopt", "--enablerepo", "--disablerepo", "--installroot", "--config", "--releasever"],
  zypper: ["--root", "-R", "-r", "--repo", "-t", "--type", "-n"],
  ln: ["-t", "--target-directory", "-S", "--suffix"],
  useradd: [
    "-u",
    "--uid",
    "-g",
    "--gid",
    "-G",
    "--groups",
    "-d",
    "--home-dir",
    "-s",
    "--shell",
    "-c",
    "--comment",
    "-k",
    "--skel",
    "-K",
    "--key",
    "-e",
    "--expiredate",
    "-f",
    "-p",
    "--password",
    "-b",
    "--base-dir",
  ],
  adduser: ["-u", "--uid", "-G", "--ingroup", "-h", "--home", "-s", "--shell", "-g", "--gecos", "-k", "--gid"],
  groupadd: ["-g", "--gid", "-K", "--key", "-p", "--password"],
  addgroup: ["-g", "--gid"],
  sed: ["-e", "--expression", "-f", "--file"],
  xargs: ["-I", "-n", "-P", "-d", "-a", "-E", "-L", "-s"],
};

/** Operands (not options, nor option values), in order. `--` ends the options. */
export function operands(command: CommandView): (string | undefined)[] {
  const takesValue = new Set(VALUE_OPTIONS[command.name] ?? []);
  const out: (string | undefined)[] = [];
  let ended = false;
  for (let i = 0; i < command.words.length; i++) {
    const word = command.words[i];
    if (ended || word === undefined || !word.startsWith("-") || word === "-") {
      out.push(word);
      continue;
    }
    if (word === "--") {
      ended = true;
      continue;
    }
    if (takesValue.has(word)) i++;
  }
  return out;
}

/** The value of an option, written `-o x`, `-ox`, `--output x` or `--output=x`. */
export function option(command: CommandView, ...names: string[]): string | undefined {
  const words = command.words;
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (word === undefined) continue;
    if (word === "--") return undefined;
    for (const name of names) {
      if (word === name) return words[i + 1];
      if (name.startsWith("--") && word.startsWith(`${name}=`)) return word.slice(name.length + 1);
      if (!name.startsWith("--") && name.length === 2 && word.startsWith(name) && !word.startsWith("--"))
        return word.slice(2) || words[i + 1];
    }
  }
  return undefined;
}

/** True when any of the flags is present (short flags may be bundled: `-xzf`). */
export function hasOption(command: CommandView, ...names: string[]): boolean {
  return command.words.some(
    (word) =>
      word !== undefined &&
      names.some(
        (name) =>
          word === name ||
          (name.startsWith("--") && word.startsWith(`${name}=`)) ||
          (name.length === 2 && /^-[a-zA-Z]+$/.test(word) && word.includes(name[1] ?? "")),
      ),
  );
}

const at = (command: CommandView, path: string | undefined) =>
  path === undefined ? undefined : posix.resolve(command.cwd, path);

const known = <T>(values: (T | undefined)[]): T[] => values.filter((v): v is T => v !== undefined);

/** `name`, `name=1.2`, `name@1`, `name==1.2` → `name`; local paths and URLs are not package names. */
function packageName(word: string | undefined): string | undefined {
  if (!word || /^(\.|\/|~)|:\/\/|^git\+|\.(whl|tgz|tar\.gz|zip|deb|rpm|gem)$/.test(word)) return undefined;
  return word.replace(/^(@?[^@=<>~!;[\s]+).*$/, "$1");
}

function basenameOfUrl(url: string): string {
  return posix.basename(url.replace(/[?#].*$/, "").replace(/\/+$/, ""));
}

const DEFAULT_PREFIX = "/usr/local";

/** Where a package manager's global installs land. */
const NPM_GLOBAL = (c: CommandView) => option(c, "--prefix") ?? c.env("NPM_CONFIG_PREFIX") ?? DEFAULT_PREFIX;

function mkdir(c: CommandView): CommandEffect {
  return { writes: known(operands(c).map((p) => at(c, p))).map((path) => ({ path, kind: "dir" })) };
}

function copyLike(c: CommandView, removesSources: boolean): CommandEffect {
  const targetDir = option(c, "-t", "--target-directory");
  const ops = operands(c);
  const sources = targetDir ? ops : ops.slice(0, -1);
  const destination = at(c, targetDir ?? ops[ops.length - 1]);
  const sourcePaths = known(sources.map((p) => at(c, p)));
  return {
    reads: sourcePaths,
    removes: removesSources ? sourcePaths : undefined,
    writes: destination ? [{ path: destination, kind: ops.length > 2 || targetDir ? "dir" : "tree" }] : [],
  };
}

function tar(c: CommandView): CommandEffect {
  const file = at(c, option(c, "-f", "--file"));
  const first = c.words[0] ?? "";
  const extracting = hasOption(c, "-x", "--extract", "--get") || /^[a-zA-Z]*x/.test(first);
  const creating = hasOption(c, "-c", "--create") || /^[a-zA-Z]*c/.test(first);
  if (extracting) {
    const into = at(c, option(c, "-C", "--directory")) ?? c.cwd;
    return { reads: known([file]), writes: [{ path: into, kind: "tree" }] };
  }
  if (creating && file)
    return { writes: [{ path: file, kind: "file" }], reads: known(operands(c).map((p) => at(c, p))) };
  return { reads: known([file]) };
}

function curl(c: CommandView): CommandEffect {
  const urls = known(operands(c)).filter((w) => /^[a-z]+:\/\//i.test(w));
  const output = option(c, "-o", "--output");
  const writes: PathEffect[] = [];
  if (output && output !== "-") writes.push({ path: at(c, output) as string, kind: "file" });
  else if (hasOption(c, "-O", "--remote-name") || hasOption(c, "--remote-name-all")) {
    const dir = at(c, option(c, "--output-dir")) ?? c.cwd;
    for (const url of urls) writes.push({ path: posix.join(dir, basenameOfUrl(url)), kind: "file" });
  }
  return { fetches: urls, writes };
}

function wget(c: CommandView): CommandEffect {
  const urls = known(operands(c)).filter((w) => /^[a-z]+:\/\//i.test(w));
  const output = option(c, "-O", "--output-document");
  if (output === "-") return { fetches: urls };
  if (output) return { fetches: urls, writes: [{ path: at(c, output) as string, kind: "file" }] };
  const dir = at(c, option(c, "-P", "--directory-prefix")) ?? c.cwd;
  return { fetches: urls, writes: urls.map((url) => ({ path: posix.join(dir, basenameOfUrl(url)), kind: "file" })) };
}

function git(c: CommandView): CommandEffect {
  const ops = operands(c);
  if (ops[0] !== "clone") return {};
  const url = ops[1];
  const dir = ops[2] ?? (url ? basenameOfUrl(url).replace(/\.git$/, "") : undefined);
  return { fetches: known([url]), writes: known([at(c, dir)]).map((path) => ({ path, kind: "tree" })) };
}

function ownership(c: CommandView): CommandEffect {
  return {
    changes: known(
      operands(c)
        .slice(1)
        .map((p) => at(c, p)),
    ),
  };
}

const APT_SUBCOMMANDS = { install: "installs", purge: "uninstalls", remove: "uninstalls", autoremove: "uninstalls" };

function systemPackages(manager: PackageManager, installWords: string[], removeWords: string[]): Reader {
  return (c) => {
    const ops = operands(c);
    const sub = ops[0];
    const names = known(ops.slice(1).map(packageName));
    if (sub && installWords.includes(sub)) return { installs: { manager, packages: names, global: true } };
    if (sub && removeWords.includes(sub)) return { uninstalls: { manager, packages: names } };
    return {};
  };
}

const apt = systemPackages("apt", ["install", "reinstall"], Object.keys(APT_SUBCOMMANDS).slice(1));

function apk(c: CommandView): CommandEffect {
  const ops = operands(c);
  const names = known(ops.slice(1).map(packageName));
  if (ops[0] === "add") return { installs: { manager: "apk", packages: names, global: true } };
  // `apk del .build-deps` names the virtual package an earlier `apk add --virtual` made.
  if (ops[0] === "del") return { uninstalls: { manager: "apk", packages: known(ops.slice(1)) } };
  return {};
}

function pip(c: CommandView): CommandEffect {
  const ops = operands(c);
  const sub = ops[0];
  if (sub === "uninstall") return { uninstalls: { manager: "pip", packages: known(ops.slice(1).map(packageName)) } };
  if (sub === "wheel") {
    const dir = at(c, option(c, "-w", "--wheel-dir")) ?? c.cwd;
    return { writes: [{ path: dir, kind: "tree" }], reads: requirementFiles(c) };
  }
  if (sub !== "install") return {};
  const target = option(c, "-t", "--target") ?? option(c, "--prefix") ?? option(c, "--root");
  const local = known(
    ops
      .slice(1)
      .filter((w) => w !== undefined && /^(\.|\/)/.test(w))
      .map((p) => at(c, p)),
  );
  return {
    installs: {
      manager: "pip",
      packages: known(ops.slice(1).map(packageName)),
      global: !target && !hasOption(c, "--user"),
    },
    writes: target ? [{ path: at(c, target) as string, kind: "tree" }] : [],
    reads: [...requirementFiles(c), ...local],
  };
}

function requirementFiles(c: CommandView): string[] {
  const found: string[] = [];
  c.words.forEach((word, i) => {
    if (word === "-r" || word === "--requirement" || word === "-c" || word === "--constraint") {
      const file = at(c, c.words[i + 1]);
      if (file) found.push(file);
    } else if (word?.startsWith("--requirement=")) found.push(at(c, word.slice(14)) as string);
  });
  return found;
}

/** npm, yarn and pnpm: installs write node_modules in the project (or the global prefix). */
function nodePackages(manager: "npm" | "yarn" | "pnpm"): Reader {
  const installs: Record<string, string[]> = {
    npm: ["install", "i", "in", "ci", "add", "isntall"],
    yarn: ["install", "add"],
    pnpm: ["install", "i", "add"],
  };
  const removes: Record<string, string[]> = {
    npm: ["uninstall", "remove", "rm", "un", "prune"],
    yarn: ["remove"],
    pnpm: ["remove", "rm", "prune"],
  };
  return (c) => {
    const ops = operands(c);
    const sub = ops[0];
    const project = at(c, option(c, "--prefix", "-C", "--cwd", "--dir")) ?? c.cwd;
    if (manager === "yarn" && (sub === "global" || ops.length === 0)) {
      if (sub === "global" && ops[1] === "add")
        return { installs: { manager, packages: known(ops.slice(2).map(packageName)), global: true } };
    }
    if (sub === undefined || installs[manager]?.includes(sub)) {
      const global = hasOption(c, "-g", "--global");
      const prefix = global ? NPM_GLOBAL(c) : project;
      const modules = global ? posix.join(prefix, "lib/node_modules") : posix.join(prefix, "node_modules");
      return {
        installs: { manager, packages: known(ops.slice(1).map(packageName)), global },
        writes: [
          { path: modules, kind: "tree" },
          ...(global ? [{ path: posix.join(prefix, "bin"), kind: "tree" as const }] : []),
        ],
        reads: global ? [] : [posix.join(project, "package.json")],
      };
    }
    if (removes[manager]?.includes(sub))
      return { uninstalls: { manager, packages: known(ops.slice(1).map(packageName)) } };
    const script = sub === "run" || sub === "run-script" ? ops[1] : manager !== "npm" ? sub : undefined;
    if (script && /(^|:)build/.test(script))
      return { builds: { idiom: `${manager} run build`, outputs: [{ path: project, kind: "tree" }], staticFlags: [] } };
    return {};
  };
}

function gem(c: CommandView): CommandEffect {
  const ops = operands(c);
  if (ops[0] === "install" || ops[0] === "i")
    return { installs: { manager: "gem", packages: known(ops.slice(1).map(packageName)), global: true } };
  if (ops[0] === "uninstall") return { uninstalls: { manager: "gem", packages: known(ops.slice(1).map(packageName)) } };
  return {};
}

function composer(c: CommandView): CommandEffect {
  const ops = operands(c);
  const project = at(c, option(c, "-d", "--working-dir")) ?? c.cwd;
  if (["install", "require", "update"].includes(ops[0] ?? ""))
    return {
      installs: { manager: "composer", packages: known(ops.slice(1).map(packageName)), global: false },
      writes: [{ path: posix.join(project, "vendor"), kind: "tree" }],
      reads: [posix.join(project, "composer.json")],
    };
  return {};
}

const STATIC_LDFLAGS = /-extldflags[= ]+['"]?[^'"]*-static|-linkmode[= ]external/;

function go(c: CommandView): CommandEffect {
  const ops = operands(c);
  const sub = ops[0];
  if (sub === "build") {
    const out = option(c, "-o");
    const packages = ops.slice(1);
    const ldflags = option(c, "-ldflags") ?? "";
    const staticFlags = STATIC_LDFLAGS.test(ldflags) ? ["-ldflags"] : [];
    // Without -o, one main package lands in the working directory under its folder's name.
    const output = out
      ? { path: at(c, out) as string, kind: out.endsWith("/") || packages.length > 1 ? "dir" : "file" }
      : { path: c.cwd, kind: "tree" };
    return { builds: { idiom: "go build", outputs: [output as PathEffect], staticFlags }, reads: [c.cwd] };
  }
  if (sub === "install") {
    const bin = c.env("GOBIN") ?? posix.join(c.env("GOPATH") ?? "/go", "bin");
    return { builds: { idiom: "go install", outputs: [{ path: bin, kind: "tree" }], staticFlags: [] } };
  }
  if (sub === "mod" && ops[1] === "download")
    return { installs: { manager: "go", packages: [], global: true }, reads: [posix.join(c.cwd, "go.mod")] };
  return {};
}

function cargo(c: CommandView): CommandEffect {
  const ops = operands(c);
  const sub = ops[0];
  if (sub === "build" || sub === "b") {
    const targetDir = at(c, option(c, "--target-dir") ?? c.env("CARGO_TARGET_DIR") ?? "target") as string;
    const triple = option(c, "--target");
    const profile = hasOption(c, "--release", "-r") ? "release" : (option(c, "--profile") ?? "debug");
    const out = posix.join(targetDir, ...(triple ? [triple] : []), profile === "dev" ? "debug" : profile);
    return {
      builds: { idiom: "cargo build", outputs: [{ path: out, kind: "tree" }], staticFlags: [] },
      reads: [c.cwd],
    };
  }
  if (sub === "install") {
    const root = option(c, "--root") ?? c.env("CARGO_INSTALL_ROOT") ?? c.env("CARGO_HOME") ?? "/root/.cargo";
    return {
      builds: {
        idiom: "cargo install",
        outputs: [{ path: posix.join(at(c, root) as string, "bin"), kind: "tree" }],
        staticFlags: [],
      },
      reads: known([at(c, option(c, "--path"))]),
    };
  }
  if (sub === "fetch") return { installs: { manager: "cargo", packages: [], global: true } };
  return {};
}

/** `make install` writes under DESTDIR + PREFIX; a plain `make` writes in its folder. */
function make(c: CommandView): CommandEffect {
  const dir = at(c, option(c, "-C", "--directory")) ?? c.cwd;
  const variables = new Map(
    known(operands(c))
      .filter((w) => /^[A-Za-z_]\w*=/.test(w))
      .map((w) => [w.slice(0, w.indexOf("=")), w.slice(w.indexOf("=") + 1)] as const),
  );
  const goals = known(operands(c)).filter((w) => !w.includes("="));
  const staticFlags = [...variables.entries()]
    .filter(([name, value]) => /FLAGS$/.test(name) && /(^|\s)-static(\s|$)/.test(value))
    .map(([name]) => name);
  const outputs: PathEffect[] = [{ path: dir, kind: "tree" }];
  if (goals.includes("install")) {
    const prefix = variables.get("PREFIX") ?? variables.get("prefix") ?? DEFAULT_PREFIX;
    const destdir = variables.get("DESTDIR") ?? "";
    outputs.push({ path: posix.join(destdir || "/", prefix), kind: "tree" });
  }
  return { builds: { idiom: goals.includes("install") ? "make install" : "make", outputs, staticFlags }, reads: [dir] };
}

function cmake(c: CommandView): CommandEffect {
  const build = option(c, "--build");
  const install = option(c, "--install");
  if (install) {
    const prefix = option(c, "--prefix") ?? DEFAULT_PREFIX;
    return {
      builds: { idiom: "cmake --install", outputs: [{ path: at(c, prefix) as string, kind: "tree" }], staticFlags: [] },
    };
  }
  if (build)
    return {
      builds: { idiom: "cmake --build", outputs: [{ path: at(c, build) as string, kind: "tree" }], staticFlags: [] },
    };
  const binary = at(c, option(c, "-B")) ?? c.cwd;
  const source = at(c, option(c, "-S") ?? operands(c).find((w) => w !== undefined && !w.startsWith("-D"))) ?? c.cwd;
  const staticFlags = known(c.words).filter((w) =>
    /^-DCMAKE_EXE_LINKER_FLAGS=.*-static|^-DBUILD_SHARED_LIBS=(OFF|0)/.test(w),
  );
  return { builds: { idiom: "cmake", outputs: [{ path: binary, kind: "tree" }], staticFlags }, reads: [source] };
}

function ninjaLike(idiom: string): Reader {
  return (c) => {
    const dir = at(c, option(c, "-C")) ?? c.cwd;
    const install = operands(c).includes("install");
    return {
      builds: {
        idiom: install ? `${idiom} install` : idiom,
        outputs: [{ path: dir, kind: "tree" }, ...(install ? [{ path: DEFAULT_PREFIX, kind: "tree" as const }] : [])],
        staticFlags: [],
      },
    };
  };
}

function meson(c: CommandView): CommandEffect {
  const ops = operands(c);
  if (ops[0] === "setup")
    return {
      builds: {
        idiom: "meson setup",
        outputs: known([at(c, ops[1])]).map((path) => ({ path, kind: "tree" })),
        staticFlags: [],
      },
    };
  if (ops[0] === "compile")
    return {
      builds: {
        idiom: "meson compile",
        outputs: [{ path: at(c, option(c, "-C")) ?? c.cwd, kind: "tree" }],
        staticFlags: [],
      },
    };
  if (ops[0] === "install")
    return { builds: { idiom: "meson install", outputs: [{ path: DEFAULT_PREFIX, kind: "tree" }], staticFlags: [] } };
  return {};
}

function configure(c: CommandView): CommandEffect {
  const prefix = known(c.words)
    .find((w) => w.startsWith("--prefix="))
    ?.slice(9);
  return {
    builds: {
      idiom: "./configure",
      outputs: [
        { path: c.cwd, kind: "tree" },
        ...(prefix ? [{ path: at(c, prefix) as string, kind: "tree" as const }] : []),
      ],
      staticFlags: known(c.words).filter((w) => /^(--enable-static|--disable-shared|LDFLAGS=.*-static)/.test(w)),
    },
  };
}

function javaBuild(idiom: string, outputDir: string): Reader {
  return (c) => {
    const ops = operands(c);
    const goals = ["package", "install", "verify", "build", "assemble", "bootJar", "installDist", "shadowJar", "jar"];
    if (!ops.some((o) => o !== undefined && goals.includes(o))) return {};
    return { builds: { idiom, outputs: [{ path: posix.join(c.cwd, outputDir), kind: "tree" }], staticFlags: [] } };
  };
}

function compiler(c: CommandView): CommandEffect {
  const out = option(c, "-o") ?? "a.out";
  if (hasOption(c, "-c") && !option(c, "-o")) return {};
  const staticFlags = known(c.words).filter((w) => w === "-static" || w === "-static-pie");
  return { builds: { idiom: c.name, outputs: [{ path: at(c, out) as string, kind: "file" }], staticFlags } };
}

function python(c: CommandView): CommandEffect {
  const words = known(c.words);
  const m = words.indexOf("-m");
  if (m === -1) return {};
  const module = words[m + 1];
  const rest: CommandView = { ...c, name: module ?? "", words: c.words.slice(m + 2) };
  if (module === "pip") return pip(rest);
  if (module === "build") {
    const outdir = option(rest, "-o", "--outdir") ?? "dist";
    return {
      builds: { idiom: "python -m build", outputs: [{ path: at(c, outdir) as string, kind: "tree" }], staticFlags: [] },
    };
  }
  return {};
}

function accounts(c: CommandView): CommandEffect {
  const home = option(c, "-d", "--home-dir", "-h", "--home");
  const createsHome = hasOption(c, "-m", "--create-home") || c.name === "adduser";
  return {
    changes: ["/etc/passwd", "/etc/group", "/etc/shadow"],
    writes: createsHome && home ? [{ path: at(c, home) as string, kind: "dir" }] : [],
  };
}

function removal(c: CommandView): CommandEffect {
  return { removes: known(operands(c).map((p) => at(c, p))) };
}

function unzip(c: CommandView): CommandEffect {
  return {
    reads: known([at(c, operands(c)[0])]),
    writes: [{ path: at(c, option(c, "-d")) ?? c.cwd, kind: "tree" }],
  };
}

function sedInPlace(c: CommandView): CommandEffect {
  if (!hasOption(c, "-i", "--in-place")) return {};
  const ops = operands(c);
  const hasScriptOption = hasOption(c, "-e", "--expression", "-f", "--file");
  return { changes: known((hasScriptOption ? ops : ops.slice(1)).map((p) => at(c, p))) };
}

function touch(c: CommandView): CommandEffect {
  return { writes: known(operands(c).map((p) => at(c, p))).map((path) => ({ path, kind: "file" })) };
}

function link(c: CommandView): CommandEffect {
  const ops = operands(c);
  const target = at(c, option(c, "-t", "--target-directory") ?? (ops.length > 1 ? ops[ops.length - 1] : "."));
  return { writes: known([target]).map((path) => ({ path, kind: "file" })) };
}

function cd(c: CommandView): CommandEffect {
  const dir = operands(c)[0];
  return { cd: dir === undefined ? undefined : posix.resolve(c.cwd, dir) };
}

/** The table: command name → what it does. */
export const COMMAND_EFFECTS: Record<string, Reader> = {
  cd,
  mkdir,
  cp: (c) => copyLike(c, false),
  mv: (c) => copyLike(c, true),
  install: (c) => copyLike(c, false),
  rm: removal,
  rmdir: removal,
  ln: link,
  touch,
  tar,
  unzip,
  curl,
  wget,
  git,
  chown: ownership,
  chmod: ownership,
  chgrp: ownership,
  sed: sedInPlace,
  "apt-get": apt,
  apt,
  aptitude: apt,
  apk,
  yum: systemPackages(
    "yum",
    ["install", "reinstall", "groupinstall", "localinstall"],
    ["remove", "erase", "autoremove"],
  ),
  dnf: systemPackages("dnf", ["install", "in", "reinstall", "groupinstall"], ["remove", "erase", "autoremove"]),
  microdnf: systemPackages("microdnf", ["install"], ["remove"]),
  zypper: systemPackages("zypper", ["install", "in"], ["remove", "rm"]),
  pip,
  pip3: pip,
  python,
  python3: python,
  npm: nodePackages("npm"),
  yarn: nodePackages("yarn"),
  pnpm: nodePackages("pnpm"),
  gem,
  composer,
  go,
  cargo,
  make,
  gmake: make,
  cmake,
  ninja: ninjaLike("ninja"),
  meson,
  configure,
  mvn: javaBuild("maven", "target"),
  mvnw: javaBuild("maven", "target"),
  gradle: javaBuild("gradle", "build"),
  gradlew: javaBuild("gradle", "build"),
  gcc: compiler,
  "g++": compiler,
  cc: compiler,
  "c++": compiler,
  clang: compiler,
  "clang++": compiler,
  useradd: accounts,
  adduser: accounts,
  groupadd: accounts,
  addgroup: accounts,
};

/** The reader for a command name (`/usr/bin/pip3.11` → pip, `./configure` → configure). */
export function effectReader(name: string): Reader | undefined {
  const base = posix.basename(name);
  return COMMAND_EFFECTS[base] ?? COMMAND_EFFECTS[base.replace(/\d+(\.\d+)*$/, "")];
}
