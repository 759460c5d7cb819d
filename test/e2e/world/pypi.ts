/**
 * The world's Python package index. PyPI is out of reach, so wheels are repacked from Debian's
 * python3-* binary packages (dpkg-deb -x, then each top-level module plus a dist-info made from the
 * egg-info) and served as a PEP 503 `simple/` tree on 127.0.0.1.
 *
 * Debian removes install_requires from the egg-info it ships (its own Depends carry them), so each
 * wheel's Requires-Dist is rebuilt: upstream's conditional requirements where Debian kept them
 * (requires.txt sections, a dist-info's Requires-Dist), and the rest from the package's Depends.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, relative } from "node:path";
import { type ZipEntry, zip } from "./zip.js";

/**
 * Debian packages repacked as wheels, each with the Debian packages its wheel also carries (as
 * upstream's setuptools wheel carries pkg_resources, which Debian ships on its own).
 */
export const PYTHON_DEBS: Record<string, string[]> = {
  "python3-flask": [],
  "python3-werkzeug": [],
  "python3-jinja2": [],
  "python3-itsdangerous": [],
  "python3-click": [],
  "python3-markupsafe": [],
  "python3-blinker": [],
  "python3-gunicorn": [],
  "python3-setuptools": ["python3-pkg-resources"],
  "python3-wheel": [],
};

/** python3-* dependencies that are no package on PyPI: the standard library split out by Debian. */
const STANDARD_LIBRARY = new Set(["python3-distutils", "python3-lib2to3", "python3-tk", "python3-venv"]);

/** Bump when the wheels' layout or metadata changes, so existing worlds rebuild their index. */
const INDEX_FORMAT = 2;

const SITE = "usr/lib/python3/dist-packages";
const MACHINE: Record<string, string> = { x64: "x86_64", arm64: "aarch64" };

function normalize(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, "-");
}

function files(dir: string, root: string): string[] {
  if (!lstatSync(dir).isDirectory()) return [dir];
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === "__pycache__") continue;
    const stat = lstatSync(path);
    if (stat.isDirectory()) out.push(...files(path, root));
    else if (stat.isFile()) out.push(path);
    else if (stat.isSymbolicLink()) {
      // Debian links some assets to other packages (werkzeug's debugger → jquery): keep those that resolve.
      try {
        if (realpathSync(path).startsWith(root)) out.push(path);
      } catch {}
    }
  }
  return out;
}

interface Clause {
  name: string;
  op?: string;
  version?: string;
}

/** `python3-click (>= 8.0), python3-importlib-metadata | python3 (>> 3.10)` → clauses of alternatives. */
export function parseDepends(field: string): Clause[][] {
  return field
    .split(",")
    .map((clause) =>
      clause.split("|").map((alternative) => {
        const match = /^\s*([a-z0-9][a-z0-9+.-]*)(?::\w+)?\s*(?:\(\s*(<<|<=|=|>=|>>)\s*([^)\s]+)\s*\))?/.exec(
          alternative,
        );
        return { name: match?.[1] ?? "", op: match?.[2], version: match?.[3] };
      }),
    )
    .filter((alternatives) => alternatives.some((a) => a.name));
}

const PEP440_OP: Record<string, string> = { ">=": ">=", "<=": "<=", ">>": ">", "<<": "<", "=": "==" };
// The Python versions for which an alternative `python3 (OP X)` does NOT hold.
const NEGATED_OP: Record<string, string> = { ">>": "<=", ">=": "<", "<<": ">=", "<=": ">", "=": "!=" };

/** A Debian version as a PEP 440 release (epoch, revision and ~/+ suffixes dropped), if it is one. */
function upstreamVersion(version: string): string | undefined {
  const release = version.replace(/^\d+:/, "").replace(/[-~+].*$/, "");
  return /^\d+(\.\d+)*$/.test(release) ? release : undefined;
}

/**
 * Requirements from a Debian Depends field: python3-X packages become projects (`projectOf`), a
 * `python3 (>> 3.10)` alternative becomes a marker, and everything else (python3 itself, C
 * libraries, JavaScript) is no Python requirement. Projects upstream already declares (`declared`,
 * with its markers) are left to that declaration.
 */
export function requirementsFromDepends(
  field: string,
  projectOf: (deb: string) => string | undefined,
  declared: Set<string>,
  owner: string,
): string[] {
  const out: string[] = [];
  for (const alternatives of parseDepends(field)) {
    const python = alternatives.find((a) => a.name === "python3" && a.op && a.version);
    const wanted = alternatives.find((a) => a.name.startsWith("python3-"));
    if (!wanted || STANDARD_LIBRARY.has(wanted.name)) continue;
    const guess = wanted.name.replace(/^python3-/, "");
    const project = projectOf(wanted.name);
    if (declared.has(normalize(project ?? guess))) continue;
    const marker =
      python?.op && python.version
        ? `python_version ${NEGATED_OP[python.op]} "${python.version.split(".").slice(0, 2).join(".")}"`
        : undefined;
    if (!project && !marker)
      throw new Error(`${owner} depends on ${wanted.name}, which the index does not repack; add it to PYTHON_DEBS`);
    const version = wanted.op && wanted.version ? upstreamVersion(wanted.version) : undefined;
    const specifier = version && wanted.op ? `${PEP440_OP[wanted.op]}${version}` : "";
    out.push(`${project ?? guess}${specifier}${marker ? `; ${marker}` : ""}`);
  }
  return out;
}

/** An egg-info requires.txt as Requires-Dist lines: `[extra:marker]` sections become markers. */
export function requirementsFromRequiresTxt(text: string): string[] {
  const out: string[] = [];
  let markers: string[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!line) continue;
    const section = /^\[(.*)\]$/.exec(line);
    if (section) {
      const [extra = "", marker = ""] = (section[1] ?? "").split(":");
      markers = [...(marker ? [marker] : []), ...(extra ? [`extra == "${extra}"`] : [])];
      continue;
    }
    const joined = markers.length > 1 ? markers.map((m) => `(${m})`).join(" and ") : markers[0];
    out.push(joined ? `${line}; ${joined}` : line);
  }
  return out;
}

function requirementName(requirement: string): string {
  return normalize(/^[A-Za-z0-9._-]+/.exec(requirement)?.[0] ?? requirement);
}

const REQUIRES = "Requires-Dist: ";

interface Repacked {
  deb: string;
  extracted: string;
  /** The egg-info or dist-info folder's name in the site folder. */
  info: string;
  /** Its PKG-INFO or METADATA. */
  metadata: string;
  project: string;
  version: string;
  /** The requirements upstream's metadata still declares (with markers) after Debian's changes. */
  declared: string[];
}

/** The project one extracted Debian package holds, and what its metadata still declares. */
function projectIn(deb: string, extracted: string): Repacked {
  const site = join(extracted, SITE);
  const info = readdirSync(site).find((n) => n.endsWith(".egg-info") || n.endsWith(".dist-info"));
  if (!info) throw new Error(`no egg-info or dist-info in ${deb}`);
  const metadata = readFileSync(join(site, info, info.endsWith(".egg-info") ? "PKG-INFO" : "METADATA"), "utf8");
  const requiresTxt = join(site, info, "requires.txt");
  const declared = [
    ...metadata
      .split("\n")
      .filter((l) => l.startsWith(REQUIRES))
      .map((l) => l.slice(REQUIRES.length)),
    ...(existsSync(requiresTxt) ? requirementsFromRequiresTxt(readFileSync(requiresTxt, "utf8")) : []),
  ];
  const field = (name: string) => new RegExp(`^${name}: (.+)$`, "m").exec(metadata)?.[1]?.trim() ?? "";
  return { deb, extracted, info, metadata, project: field("Name"), version: field("Version"), declared };
}

/** METADATA: the headers with every requirement, then the description. */
function metadataWith(metadata: string, requirements: string[]): string {
  const lines = metadata
    .replace(/\n+$/, "")
    .split("\n")
    .filter((l) => !l.startsWith(REQUIRES));
  const blank = lines.indexOf("");
  const head = blank < 0 ? lines : lines.slice(0, blank);
  const body = blank < 0 ? [] : lines.slice(blank);
  return `${[...head, ...requirements.map((r) => `${REQUIRES}${r}`), ...body].join("\n")}\n`;
}

/** One wheel from one extracted Debian package (with the packages it carries unpacked beside it). */
function wheelOf(repacked: Repacked, requirements: string[], out: string): string {
  const { extracted, info, project, version } = repacked;
  const site = join(extracted, SITE);
  const infoDir = join(site, info);
  const distInfo = `${project.replace(/-/g, "_")}-${version}.dist-info`;

  const entries: ZipEntry[] = [];
  let pure = true;
  for (const name of readdirSync(site)) {
    if (name === info) continue;
    for (const path of files(join(site, name), extracted)) {
      if (path.endsWith(".so")) pure = false;
      entries.push({ name: relative(site, path), data: readFileSync(path) });
    }
  }
  const tag = pure ? "py3-none-any" : `cp311-cp311-linux_${MACHINE[process.arch] ?? process.arch}`;
  const add = (name: string, data: string) => entries.push({ name: `${distInfo}/${name}`, data: Buffer.from(data) });
  add("METADATA", metadataWith(repacked.metadata, requirements));
  add("WHEEL", `Wheel-Version: 1.0\nGenerator: imagediet-world\nRoot-Is-Purelib: ${pure}\nTag: ${tag}\n`);
  if (existsSync(join(infoDir, "entry_points.txt")))
    add("entry_points.txt", readFileSync(join(infoDir, "entry_points.txt"), "utf8"));
  add("RECORD", `${[...entries.map((e) => e.name), `${distInfo}/RECORD`].map((n) => `${n},,`).join("\n")}\n`);
  const file = `${project.replace(/-/g, "_")}-${version}-${tag}.whl`;
  writeFileSync(join(out, "files", file), zip(entries));
  return file;
}

function writeIndex(root: string, links: Map<string, string>): void {
  for (const [project, file] of links) {
    mkdirSync(join(root, "simple", project), { recursive: true });
    writeFileSync(
      join(root, "simple", project, "index.html"),
      `<!DOCTYPE html>\n<html><body>\n<a href="../../files/${file}">${file}</a>\n</body></html>\n`,
    );
  }
  const anchors = [...links.keys()].map((p) => `<a href="${p}/">${p}</a>`).join("\n");
  writeFileSync(join(root, "simple/index.html"), `<!DOCTYPE html>\n<html><body>\n${anchors}\n</body></html>\n`);
}

/** Downloads every Debian package the index repacks and builds the simple/ tree under `root`. */
function buildIndex(root: string, work: string): void {
  mkdirSync(join(root, "files"), { recursive: true });
  const debs = Object.entries(PYTHON_DEBS).flatMap(([deb, carried]) => [deb, ...carried]);
  execFileSync("apt-get", ["download", ...debs], { cwd: work, stdio: "ignore" });
  const debFile = (deb: string) => {
    const file = readdirSync(work).find((n) => n.startsWith(`${deb}_`) && n.endsWith(".deb"));
    if (!file) throw new Error(`apt-get download ${deb} left no .deb in ${work}`);
    return join(work, file);
  };
  const repacked = Object.entries(PYTHON_DEBS).map(([deb, carried]) => {
    const extracted = join(work, deb);
    for (const part of [deb, ...carried]) execFileSync("dpkg-deb", ["-x", debFile(part), extracted]);
    return projectIn(deb, extracted);
  });
  const projects = new Map<string, string>();
  for (const r of repacked) projects.set(r.deb, r.project);
  for (const [deb, carried] of Object.entries(PYTHON_DEBS))
    for (const part of carried) projects.set(part, projects.get(deb) ?? "");
  const links = new Map<string, string>();
  for (const r of repacked) {
    const carried = new Set([r.deb, ...(PYTHON_DEBS[r.deb] ?? [])]);
    const depends = execFileSync("dpkg-deb", ["-f", debFile(r.deb), "Depends"], { encoding: "utf8" }).trim();
    const fromDepends = requirementsFromDepends(
      depends,
      (deb) => (carried.has(deb) ? r.project : projects.get(deb)),
      new Set(r.declared.map(requirementName)),
      r.deb,
    ).filter((req) => requirementName(req) !== normalize(r.project));
    links.set(normalize(r.project), wheelOf(r, [...r.declared, ...fromDepends], root));
  }
  writeIndex(root, new Map([...links].sort()));
}

/**
 * Builds the index (`simple/` and `files/`) under the served folder `root`, again whenever its
 * definition changed; the new trees replace the old ones by rename, under a running server.
 */
export function ensurePythonIndex(root: string): void {
  const stamp = createHash("sha256")
    .update(JSON.stringify([INDEX_FORMAT, PYTHON_DEBS]))
    .digest("hex")
    .slice(0, 16);
  const stampFile = join(root, "simple", "stamp");
  if (existsSync(stampFile) && readFileSync(stampFile, "utf8") === stamp) return;
  mkdirSync(root, { recursive: true });
  const next = mkdtempSync(join(root, ".next-"));
  const old = mkdtempSync(join(root, ".old-"));
  const work = mkdtempSync(join(dirname(root), "pypi-work-"));
  try {
    buildIndex(next, work);
    writeFileSync(join(next, "simple", "stamp"), stamp);
    for (const tree of ["files", "simple"]) {
      if (existsSync(join(root, tree))) renameSync(join(root, tree), join(old, tree));
      renameSync(join(next, tree), join(root, tree));
    }
  } finally {
    for (const dir of [work, next, old]) rmSync(dir, { recursive: true, force: true });
  }
}
