import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { basename, dirname, join, relative, resolve } from "node:path";
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from "yaml";
import { ImagedietError } from "../errors.js";
import { SKIP_DIRS } from "../files/build-context.js";

/** Dockerfile, Containerfile, *.Dockerfile, Dockerfile.* (not backups). */
export function isDockerfileName(name: string): boolean {
  if (/\.(bak|orig|rej|swp|md|txt)$/i.test(name) || name.endsWith("~")) return false;
  if (/\.dockerignore$/i.test(name)) return false;
  return /^(Dockerfile|Containerfile)(\..+)?$/i.test(name) || /\.(Dockerfile|Containerfile)$/i.test(name);
}

/** Expands directories into the Dockerfiles below them; files and `-` are kept as given. */
export function discoverDockerfiles(paths: string[]): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) walk(path);
      } else if (entry.isFile() && isDockerfileName(entry.name)) {
        found.push(path);
      }
    }
  };
  for (const path of paths) {
    if (path === "-") {
      found.push(path);
      continue;
    }
    if (!existsSync(path)) throw new ImagedietError("no such file or directory", { file: path });
    if (statSync(path).isDirectory()) {
      const before = found.length;
      walk(path);
      if (found.length === before) throw new ImagedietError("no Dockerfile found in this directory", { file: path });
    } else {
      found.push(path);
    }
  }
  return found;
}

export const CONFIG_NAMES = [".imagediet.yaml", ".imagediet.yml"];

/** The nearest `.imagediet.yaml` from `start` upward, or undefined. */
export function findConfig(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const path = join(dir, name);
      if (existsSync(path)) return path;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * hadolint's config, where hadolint looks: the working folder, then `$XDG_CONFIG_HOME` (default
 * `~/.config`), then `~/.hadolint/`, then the home folder. The first file found wins.
 */
export function findHadolintConfig(cwd: string, env: NodeJS.ProcessEnv): string | undefined {
  const home = env.HOME ?? homedir();
  const xdg = env.XDG_CONFIG_HOME || join(home, ".config");
  const candidates = [
    ...[".hadolint.yaml", ".hadolint.yml"].map((name) => join(cwd, name)),
    ...["hadolint.yaml", "hadolint.yml"].map((name) => join(xdg, name)),
    ...["hadolint.yaml", "hadolint.yml", "config.yaml", "config.yml"].map((name) => join(home, ".hadolint", name)),
    ...[".hadolint.yaml", ".hadolint.yml"].map((name) => join(home, name)),
  ];
  return candidates.find((path) => existsSync(path));
}

/** A parsed YAML file and a way to find where a key path stands in it. */
export interface YamlFile {
  data: unknown;
  locate: (path: readonly PropertyKey[]) => { line: number; column: number } | undefined;
}

/** Reads a YAML file; a syntax error names the file, line and column. */
export function readYamlFile(path: string): YamlFile {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new ImagedietError("cannot read the config file", { file: path });
  }
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const error = document.errors[0];
  if (error) {
    const { line, col } = lines.linePos(error.pos[0]);
    throw new ImagedietError(`invalid YAML: ${error.message.split("\n")[0]}`, { file: path, line, column: col });
  }
  const locate = (keys: readonly PropertyKey[]) => {
    const offset = offsetOf(document.contents, keys);
    if (offset === undefined) return undefined;
    const { line, col } = lines.linePos(offset);
    return { line, column: col };
  };
  return { data: document.toJS(), locate };
}

export function readYaml(path: string): unknown {
  return readYamlFile(path).data;
}

/** The offset of the key (in a mapping) or item (in a list) a path ends at; the deepest one found. */
function offsetOf(node: unknown, keys: readonly PropertyKey[]): number | undefined {
  const [key, ...rest] = keys;
  if (key === undefined) return undefined;
  if (isMap(node)) {
    const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(key));
    const here = isScalar(pair?.key) ? pair.key.range?.[0] : undefined;
    return (rest.length > 0 ? offsetOf(pair?.value, rest) : undefined) ?? here;
  }
  if (isSeq(node) && typeof key === "number") {
    const item = node.items[key];
    const here = isScalar(item) || isMap(item) || isSeq(item) ? item.range?.[0] : undefined;
    return (rest.length > 0 ? offsetOf(item, rest) : undefined) ?? here;
  }
  return undefined;
}

export function displayPath(path: string): string {
  if (path === "-") return "<stdin>";
  const rel = relative(process.cwd(), path);
  return rel === "" ? basename(path) : rel.startsWith("..") ? path : rel;
}
