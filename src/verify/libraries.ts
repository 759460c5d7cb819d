import { posix } from "node:path";
import { type ElfInfo, readElf } from "../binary/elf.js";
import type { FinalFilesystem } from "../image/filesystem.js";

export interface MissingLibrary {
  /** The ELF file that needs it (`/app/server`, or a library it loads). */
  binary: string;
  /** The loader path or the DT_NEEDED name. */
  library: string;
  kind: "interpreter" | "needed";
}

export interface LibrariesResult {
  /** ELF files whose needs were checked, transitively through the libraries they load. */
  checked: string[];
  missing: MissingLibrary[];
}

/**
 * Files whose bodies the check reads: anything that may be a program or a shared library (ELF is
 * told by content, not by name), and the loader's configuration; trees of data and text are skipped.
 */
export function wantsForLibraries(path: string, size: number): boolean {
  if (size < 64 || size > 256 * 1024 * 1024) return false;
  if (/^etc\/ld\.so\.conf(\.d\/[^/]+\.conf)?$/.test(path)) return true;
  if (/^(etc|var|usr\/share|usr\/include|proc|sys|dev|run|tmp)\//.test(path)) return false;
  return !/\.(py|pyc|js|mjs|cjs|ts|json|txt|md|html|css|map|h|c|go|rs|java|class|jar|rb|pl|pm|sh|yaml|yml|xml|gz|zip|png|jpg|svg)$/i.test(
    path,
  );
}

const DEFAULT_DIRS = [
  "lib/x86_64-linux-gnu",
  "usr/lib/x86_64-linux-gnu",
  "lib/aarch64-linux-gnu",
  "usr/lib/aarch64-linux-gnu",
  "lib64",
  "usr/lib64",
  "lib",
  "usr/lib",
  "usr/local/lib",
];

/** Follows symlinks (absolute ones from the image root) to the file the image really shows. */
export function resolveInImage(fs: FinalFilesystem, path: string): string | undefined {
  let parts = posix.normalize(`/${path}`).split("/").filter(Boolean);
  for (let hops = 0, i = 0; i < parts.length; i++) {
    const here = parts.slice(0, i + 1).join("/");
    const entry = fs.entries.get(here);
    if (!entry) return undefined;
    if (entry.type === "symlink" && entry.target !== undefined) {
      if (++hops > 40) return undefined;
      const base = entry.target.startsWith("/") ? "" : parts.slice(0, i).join("/");
      parts = posix
        .normalize(`/${base}/${entry.target}/${parts.slice(i + 1).join("/")}`)
        .split("/")
        .filter(Boolean);
      i = -1;
    } else if (entry.type === "link" && entry.target !== undefined && i === parts.length - 1) {
      return resolveInImage(fs, entry.target);
    }
  }
  return parts.join("/");
}

/** Where the loader would find a library by name (loader config, then the default folders), if anywhere. */
export function locateLibrary(fs: FinalFilesystem, name: string): string | undefined {
  const found = loaderDirs(fs)
    .map((dir) => posix.join(dir, name))
    .find((path) => {
      const real = resolveInImage(fs, path);
      return real !== undefined && fs.entries.has(real);
    });
  return found ? `/${found}` : undefined;
}

function loaderDirs(fs: FinalFilesystem): string[] {
  const dirs: string[] = [];
  for (const [path, content] of fs.contents)
    if (path.startsWith("etc/ld.so.conf"))
      for (const line of content.toString("utf8").split("\n")) {
        const dir = line.replace(/#.*/, "").trim();
        if (dir && !dir.startsWith("include")) dirs.push(dir.replace(/^\/+/, ""));
      }
  return [...dirs, ...DEFAULT_DIRS];
}

/**
 * The programs a check looks at: those named (resolved in the image), else every file whose body
 * was read that is not named like a shared library.
 */
export function programPaths(fs: FinalFilesystem, programs?: string[]): string[] {
  return (
    programs?.map((p) => resolveInImage(fs, p) ?? p.replace(/^\/+/, "")) ??
    [...fs.contents.keys()].filter((path) => !/\.so(\.[\d.]+)?$/.test(path))
  );
}

/**
 * For every ELF program in the final filesystem (or those named), checks that its loader and each
 * DT_NEEDED library can be found the way the loader looks — RUNPATH/RPATH (with $ORIGIN), the
 * loader's configured folders, the default folders — and then the same for each library found.
 */
export function checkLibraries(fs: FinalFilesystem, programs?: string[]): LibrariesResult {
  const elf = new Map<string, ElfInfo | undefined>();
  const info = (path: string) => {
    if (!elf.has(path)) {
      const bytes = fs.contents.get(path);
      let parsed: ElfInfo | undefined;
      try {
        parsed = bytes ? readElf(bytes) : undefined;
      } catch {
        parsed = undefined;
      }
      elf.set(path, parsed);
    }
    return elf.get(path);
  };
  const roots = programPaths(fs, programs).filter((path) => programs || info(path));
  const dirs = loaderDirs(fs);
  const checked: string[] = [];
  const missing: MissingLibrary[] = [];
  const queue = [...new Set(roots)];
  const seen = new Set(queue);
  while (queue.length > 0) {
    const path = queue.shift() as string;
    const needs = info(path);
    if (!needs) continue;
    checked.push(`/${path}`);
    if (needs.interpreter && !resolveInImage(fs, needs.interpreter))
      missing.push({ binary: `/${path}`, library: needs.interpreter, kind: "interpreter" });
    const origin = posix.dirname(`/${path}`);
    const search = [...needs.searchPath.map((dir) => dir.replace(/\$\{?ORIGIN\}?/g, origin)), ...dirs];
    for (const library of needs.needed) {
      const candidates = library.includes("/") ? [library] : search.map((dir) => posix.join(dir, library));
      const found = candidates.map((candidate) => resolveInImage(fs, candidate)).find((p) => p && fs.entries.has(p));
      if (!found) missing.push({ binary: `/${path}`, library, kind: "needed" });
      else if (!seen.has(found)) {
        seen.add(found);
        queue.push(found);
      }
    }
  }
  return { checked, missing };
}
