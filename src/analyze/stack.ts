import type { Dockerfile } from "../dockerfile/model.js";
import { parseImageRef } from "./image-ref.js";

export type StackName = "python" | "node" | "go" | "rust" | "c-cpp" | "java" | "unknown";

/** What the app folder says about itself; read by optimize, lint and the checks. */
export interface AppFacts {
  stack: StackName;
  /** Why the stack was chosen: the files or base image that told. */
  evidence: string[];
  python?: {
    requirements: string[];
    tool: "pip" | "poetry" | "pdm" | "uv" | "pipenv" | "setuptools";
    /** Packages with C extensions that need build tools on musl (no musllinux wheel assumed). */
    nativePackages: string[];
    /** Poetry's groups a plain `poetry install` installs besides main (the non-optional ones). */
    poetryGroups: string[];
    /** pyproject.toml declares console scripts (`[project.scripts]`, `[tool.poetry.scripts]`). */
    projectScripts: boolean;
  };
  node?: {
    packageManager: "npm" | "yarn" | "pnpm";
    lockfile: string | undefined;
    buildScript: boolean;
    startScript: string | undefined;
    nativeModules: string[];
  };
  go?: {
    module: string | undefined;
    cgo: boolean;
    mainPackage: string;
    /** Standard-library packages the module's own (non-test) Go files import, sorted. */
    stdImports: string[];
  };
  rust?: { binary: string | undefined; workspace: boolean };
  cpp?: { build: "cmake" | "make" | "meson" };
  java?: { build: "maven" | "gradle"; wrapper: boolean };
  /** Things that matter on musl or scratch. */
  runtime: {
    https: boolean;
    timezones: boolean;
    /** The sources look up other hosts by name (HTTP clients, database URLs, sockets). */
    dns: boolean;
    bashScripts: string[];
  };
}

/** The app folder as the analysis sees it: a listing and a reader for small text files. */
export interface AppFiles {
  paths: string[];
  read(path: string): string | undefined;
}

const PY_NATIVE =
  /^(psycopg2|psycopg2-binary|lxml|numpy|pandas|scipy|pillow|cryptography|mysqlclient|uwsgi|grpcio|gevent|greenlet|pyyaml|cffi|bcrypt|pynacl|orjson|ujson|pydantic-core|regex|matplotlib|scikit-learn|torch|tensorflow|shapely|pyproj|h5py|pycurl|python-ldap|zstandard|lz4|msgpack|markupsafe|aiohttp|yarl|multidict|frozenlist)$/i;
const NODE_NATIVE =
  /^(bcrypt|sharp|sqlite3|better-sqlite3|canvas|node-sass|argon2|bufferutil|utf-8-validate|cpu-features|ssh2|re2|leveldown|grpc|@grpc\/grpc-js-native|node-gyp)$/;

const BASE_STACK: [RegExp, StackName][] = [
  [/^(python|pypy)$/, "python"],
  [/^node$/, "node"],
  [/^golang$/, "go"],
  [/^rust$/, "rust"],
  [/^gcc$/, "c-cpp"],
  [/^(maven|gradle|eclipse-temurin|openjdk|amazoncorretto)$/, "java"],
];

function stackFromBase(dockerfile: Dockerfile): StackName | undefined {
  for (const stage of dockerfile.stages) {
    const repository = parseImageRef(stage.baseImageExpanded).repository.replace(/^library\//, "");
    for (const [pattern, stack] of BASE_STACK) if (pattern.test(repository)) return stack;
  }
  return undefined;
}

function stackFromFiles(paths: Set<string>): [StackName, string] | undefined {
  if (paths.has("go.mod")) return ["go", "go.mod"];
  if (paths.has("Cargo.toml")) return ["rust", "Cargo.toml"];
  if (paths.has("package.json")) return ["node", "package.json"];
  for (const file of ["pyproject.toml", "Pipfile", "setup.py", "requirements.txt"])
    if (paths.has(file)) return ["python", file];
  if ([...paths].some((p) => /^requirements[\w.-]*\.txt$/.test(p))) return ["python", "requirements*.txt"];
  for (const file of ["pom.xml", "build.gradle", "build.gradle.kts"]) if (paths.has(file)) return ["java", file];
  for (const file of ["CMakeLists.txt", "meson.build", "Makefile"]) if (paths.has(file)) return ["c-cpp", file];
  return undefined;
}

/** Lookups of other hosts: URLs with a host name, HTTP clients, sockets, database and cache clients. */
const DNS_USE =
  /https?:\/\/(?!localhost\b|127\.|0\.0\.0\.0)[a-z]|requests\.(get|post|put|Session)|httpx\.|aiohttp|urllib|fetch\(|axios|http\.(Get|Post|NewRequest)|net\.Dial|net\.(Lookup|Resolve)|reqwest|getaddrinfo|gethostbyname|socket\.(connect|create_connection)|createConnection|(postgres(ql)?|mysql|mongodb(\+srv)?|redis|amqp):\/\/|DATABASE_URL|REDIS_URL/i;

/** Reads the app's stack and tooling from its files and Dockerfile. */
export function analyzeApp(files: AppFiles, dockerfile: Dockerfile): AppFacts {
  const paths = new Set(files.paths.map((p) => p.replace(/\/$/, "")));
  const evidence: string[] = [];
  const fromBase = stackFromBase(dockerfile);
  const fromFiles = stackFromFiles(paths);
  let stack: StackName = "unknown";
  if (fromFiles) {
    stack = fromFiles[0];
    evidence.push(fromFiles[1]);
  }
  if (fromBase && (!fromFiles || fromBase === fromFiles[0])) {
    stack = fromBase;
    evidence.push(`FROM ${dockerfile.stages.find((s) => s.baseImageExpanded)?.baseImageExpanded ?? ""}`.trim());
  }
  const sources = files.paths
    .filter((p) => /\.(go|py|js|ts|mjs|rs|c|cc|cpp|java)$/.test(p) && !p.includes("node_modules/"))
    .slice(0, 200);
  const code = sources.map((p) => files.read(p) ?? "").join("\n");
  const facts: AppFacts = {
    stack,
    evidence,
    runtime: {
      https: /https:\/\/|net\/http|requests\.|fetch\(|axios|reqwest|urllib|tls|ssl/i.test(code),
      dns: DNS_USE.test(code),
      timezones: /time\.LoadLocation|zoneinfo|pytz|ZoneInfo|moment-timezone|Intl\.DateTimeFormat|chrono_tz|TZ=/.test(
        code,
      ),
      bashScripts: files.paths.filter(
        (p) => p.endsWith(".sh") && /^#!\s*\/(usr\/)?bin\/(env\s+)?bash/.test(files.read(p) ?? ""),
      ),
    },
  };
  if (stack === "python") facts.python = pythonFacts(paths, files);
  if (stack === "node") facts.node = nodeFacts(paths, files);
  if (stack === "go") {
    const module = /^module\s+(\S+)/m.exec(files.read("go.mod") ?? "")?.[1];
    facts.go = {
      module,
      cgo: /^\s*import\s+"C"/m.test(code),
      mainPackage: mainPackage(files),
      stdImports: goStdImports(files, module),
    };
  }
  if (stack === "rust") facts.rust = rustFacts(files);
  if (stack === "c-cpp")
    facts.cpp = { build: paths.has("CMakeLists.txt") ? "cmake" : paths.has("meson.build") ? "meson" : "make" };
  if (stack === "java")
    facts.java = {
      build: paths.has("pom.xml") ? "maven" : "gradle",
      wrapper: paths.has("mvnw") || paths.has("gradlew"),
    };
  return facts;
}

function pythonFacts(paths: Set<string>, files: AppFiles): NonNullable<AppFacts["python"]> {
  const requirements = [...paths].filter((p) => /^requirements[\w.-]*\.txt$/.test(p)).sort();
  const pyproject = files.read("pyproject.toml") ?? "";
  const tool =
    paths.has("poetry.lock") || /\[tool\.poetry\]/.test(pyproject)
      ? "poetry"
      : paths.has("pdm.lock") || /\[tool\.pdm\]/.test(pyproject)
        ? "pdm"
        : paths.has("uv.lock")
          ? "uv"
          : paths.has("Pipfile")
            ? "pipenv"
            : requirements.length > 0
              ? "pip"
              : "setuptools";
  const names = requirements
    .flatMap((file) => (files.read(file) ?? "").split("\n"))
    .map(
      (line) =>
        line
          .replace(/#.*/, "")
          .trim()
          .split(/[<>=~!;[\s]/)[0],
    )
    .filter(Boolean);
  // The locked packages of poetry.lock and uv.lock (`name = "…"` under each package), and Pipfile.lock's.
  for (const lock of ["poetry.lock", "uv.lock"])
    for (const [, name] of (files.read(lock) ?? "").matchAll(/^name = "([^"]+)"/gm)) if (name) names.push(name);
  try {
    const pipfileLock = JSON.parse(files.read("Pipfile.lock") ?? "{}") as Record<string, Record<string, unknown>>;
    names.push(...Object.keys(pipfileLock.default ?? {}));
  } catch {
    // Not JSON: nothing to learn from it.
  }
  return {
    requirements,
    tool,
    nativePackages: [...new Set(names.filter((n) => PY_NATIVE.test(n)))],
    poetryGroups: poetryGroups(pyproject),
    projectScripts: /^\[(project\.scripts|tool\.poetry\.scripts)\]/m.test(pyproject),
  };
}

/** Poetry's groups a plain `poetry install` installs besides main: every group not marked optional. */
function poetryGroups(pyproject: string): string[] {
  const groups = new Set<string>();
  if (/^\[tool\.poetry\.dev-dependencies\]/m.test(pyproject)) groups.add("dev");
  for (const [, name] of pyproject.matchAll(/^\[tool\.poetry\.group\.([\w-]+)\.dependencies\]/gm))
    if (name) groups.add(name);
  for (const [, name] of pyproject.matchAll(
    /^\[tool\.poetry\.group\.([\w-]+)\]\s*\n(?:[^[\n]*\n)*?\s*optional\s*=\s*true/gm,
  ))
    if (name) groups.delete(name);
  return [...groups].sort();
}

function nodeFacts(paths: Set<string>, files: AppFiles): NonNullable<AppFacts["node"]> {
  let manifest: { scripts?: Record<string, string>; dependencies?: Record<string, string> } = {};
  try {
    manifest = JSON.parse(files.read("package.json") ?? "{}");
  } catch {
    // An unreadable package.json leaves the defaults.
  }
  const lockfile = ["package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml"].find((f) =>
    paths.has(f),
  );
  const packageManager = lockfile === "yarn.lock" ? "yarn" : lockfile === "pnpm-lock.yaml" ? "pnpm" : "npm";
  return {
    packageManager,
    lockfile,
    buildScript: Boolean(manifest.scripts?.build),
    startScript: manifest.scripts?.start,
    nativeModules: Object.keys(manifest.dependencies ?? {}).filter((d) => NODE_NATIVE.test(d)),
  };
}

const OTHER_GOOS =
  "windows|darwin|ios|android|js|wasm|wasip1|plan9|freebsd|netbsd|openbsd|dragonfly|solaris|illumos|aix";

/** The standard-library import paths of the module's Go files (no tests, vendor or testdata). */
function goStdImports(files: AppFiles, module: string | undefined): string[] {
  const found = new Set<string>();
  for (const path of files.paths) {
    if (!path.endsWith(".go") || path.endsWith("_test.go") || /(^|\/)(vendor|testdata)\//.test(path)) continue;
    // Files for another system (`x_windows.go`, `//go:build darwin`): their imports may not build on Linux.
    if (new RegExp(`_(${OTHER_GOOS})(_\\w+)?\\.go$`).test(path)) continue;
    const text = files.read(path) ?? "";
    const constraint = /^\/\/go:build (.+)$/m.exec(text)?.[1];
    if (constraint && !constraint.includes("linux") && new RegExp(`\\b(${OTHER_GOOS})\\b`).test(constraint)) continue;
    const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
    const specs = [...code.matchAll(/^\s*import\s*(?:\(([^)]*)\)|([^\n]*))/gm)].map((m) => m[1] ?? m[2] ?? "");
    for (const spec of specs)
      for (const [, importPath] of spec.matchAll(/(?:^|\s)(?:[\w.]+\s+)?"([^"]+)"/g))
        if (
          importPath &&
          importPath !== "C" &&
          !importPath.split("/")[0]?.includes(".") &&
          !(module && (importPath === module || importPath.startsWith(`${module}/`)))
        )
          found.add(importPath);
  }
  return [...found].sort();
}

function mainPackage(files: AppFiles): string {
  if (files.paths.includes("main.go")) return ".";
  const cmd = files.paths.find((p) => /^cmd\/[^/]+\/main\.go$/.test(p));
  return cmd ? `./${cmd.replace(/\/main\.go$/, "")}` : ".";
}

function rustFacts(files: AppFiles): NonNullable<AppFacts["rust"]> {
  const manifest = files.read("Cargo.toml") ?? "";
  const bin = /\[\[bin\]\][^[]*?name\s*=\s*"([^"]+)"/s.exec(manifest)?.[1];
  const pkg = /\[package\][^[]*?name\s*=\s*"([^"]+)"/s.exec(manifest)?.[1];
  return { binary: bin ?? pkg, workspace: /\[workspace\]/.test(manifest) };
}
