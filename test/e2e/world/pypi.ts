/**
 * The world's Python package index. PyPI is out of reach, so wheels are repacked from Debian's
 * python3-* binary packages (dpkg-deb -x, then each top-level package folder plus a dist-info made
 * from the egg-info) and served as a PEP 503 `simple/` tree on 127.0.0.1.
 */
import { execFileSync } from "node:child_process";
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join, relative } from "node:path";
import { type ZipEntry, zip } from "./zip.js";

/** Debian packages repacked as wheels: what the examples pin in their requirements.txt. */
export const PYTHON_DEBS = [
  "python3-flask",
  "python3-werkzeug",
  "python3-jinja2",
  "python3-itsdangerous",
  "python3-click",
  "python3-markupsafe",
];

const SITE = "usr/lib/python3/dist-packages";

function normalize(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, "-");
}

function files(dir: string, root: string): string[] {
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

/** One wheel from one extracted Debian package; returns its project name and file name. */
function wheelOf(extracted: string, out: string): { project: string; file: string } {
  const site = join(extracted, SITE);
  const info = readdirSync(site).find((n) => n.endsWith(".egg-info") || n.endsWith(".dist-info"));
  if (!info) throw new Error(`no egg-info or dist-info in ${extracted}`);
  const infoDir = join(site, info);
  const metadata = readFileSync(join(infoDir, info.endsWith(".egg-info") ? "PKG-INFO" : "METADATA"), "utf8");
  const project = /^Name: (.+)$/m.exec(metadata)?.[1]?.trim() ?? "";
  const version = /^Version: (.+)$/m.exec(metadata)?.[1]?.trim() ?? "";
  const distInfo = `${project.replace(/-/g, "_")}-${version}.dist-info`;
  const requires = existsSync(join(infoDir, "requires.txt"))
    ? readFileSync(join(infoDir, "requires.txt"), "utf8")
        .split(/\n\[/)[0]
        .split("\n")
        .filter((l) => l.trim())
    : [];
  const meta = `${metadata.replace(/\n+$/, "")}\n${requires.map((r) => `Requires-Dist: ${r}`).join("\n")}\n`;

  const entries: ZipEntry[] = [];
  let pure = true;
  for (const name of readdirSync(site)) {
    if (name === info) continue;
    for (const path of files(join(site, name), extracted)) {
      if (path.endsWith(".so")) pure = false;
      entries.push({ name: relative(site, path), data: readFileSync(path) });
    }
  }
  const tag = pure ? "py3-none-any" : "cp311-cp311-linux_x86_64";
  const add = (name: string, data: string) => entries.push({ name: `${distInfo}/${name}`, data: Buffer.from(data) });
  add("METADATA", meta);
  add("WHEEL", `Wheel-Version: 1.0\nGenerator: imagediet-world\nRoot-Is-Purelib: ${pure}\nTag: ${tag}\n`);
  if (existsSync(join(infoDir, "entry_points.txt")))
    add("entry_points.txt", readFileSync(join(infoDir, "entry_points.txt"), "utf8"));
  add("RECORD", `${[...entries.map((e) => e.name), `${distInfo}/RECORD`].map((n) => `${n},,`).join("\n")}\n`);
  const file = `${project.replace(/-/g, "_")}-${version}-${tag}.whl`;
  writeFileSync(join(out, "files", file), zip(entries));
  return { project, file };
}

/** Builds the simple/ tree under `root` once; later calls reuse it. */
export function ensurePythonIndex(root: string): void {
  if (existsSync(join(root, "simple/index.html"))) return;
  const work = mkdtempSync(join(root, "..", "pypi-work-"));
  try {
    mkdirSync(join(root, "files"), { recursive: true });
    execFileSync("apt-get", ["download", ...PYTHON_DEBS], { cwd: work, stdio: "ignore" });
    const projects: string[] = [];
    for (const deb of readdirSync(work).filter((n) => n.endsWith(".deb"))) {
      const extracted = join(work, deb.replace(/\.deb$/, ""));
      execFileSync("dpkg-deb", ["-x", join(work, deb), extracted]);
      const { project, file } = wheelOf(extracted, root);
      const dir = join(root, "simple", normalize(project));
      mkdirSync(dir, { recursive: true });
      writeFileSync(
        join(dir, "index.html"),
        `<!DOCTYPE html>\n<html><body>\n<a href="../../files/${file}">${file}</a>\n</body></html>\n`,
      );
      projects.push(normalize(project));
    }
    writeFileSync(
      join(root, "simple/index.html"),
      `<!DOCTYPE html>\n<html><body>\n${projects.map((p) => `<a href="${p}/">${p}</a>`).join("\n")}\n</body></html>\n`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
