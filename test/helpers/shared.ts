import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** The read-only shared folder beside the checkout; tests that need it fail loudly when it is missing. */
export const SHARED = resolve(process.env.IMAGEDIET_SHARED ?? join(ROOT, "../shared"));

export function sharedPath(...parts: string[]): string {
  const path = join(SHARED, ...parts);
  if (!existsSync(path)) {
    throw new Error(`${path} is missing: put the shared folder beside the checkout or set IMAGEDIET_SHARED`);
  }
  return path;
}

export const CONFORMANCE = () => sharedPath("conformance", "buildkit-parser");

export function readText(path: string): string {
  return readFileSync(path, "utf8");
}

/** Every corpus Dockerfile, as [relative name, absolute path]. */
export function corpusFiles(): [string, string][] {
  const root = sharedPath("corpus");
  const files: [string, string][] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir).sort()) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (entry.endsWith("Dockerfile")) files.push([path.slice(root.length + 1), path]);
    }
  };
  walk(root);
  return files;
}

/** Every conformance Dockerfile (positive, negative and the line-number case). */
export function conformanceFiles(): [string, string][] {
  const root = CONFORMANCE();
  const files: [string, string][] = [];
  for (const group of ["testfiles", "testfiles-negative"]) {
    for (const name of readdirSync(join(root, group)).sort())
      files.push([`${group}/${name}`, join(root, group, name, "Dockerfile")]);
  }
  files.push(["testfile-line", join(root, "testfile-line", "Dockerfile")]);
  return files;
}
