import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import type { BuildContextInfo } from "../lint/types.js";

/** Folders listed but never walked: version control, dependencies, virtualenvs, build output. */
export const SKIP_DIRS = new Set([".git", "node_modules", ".venv", "venv", "__pycache__", "target", "dist", "vendor"]);

const MAX_CONTEXT_ENTRIES = 50_000;

/**
 * Lists the build context (paths relative to its root) for the rules that look at it. Large folders
 * such as node_modules and .git are listed but not walked; the walk stops at 50,000 entries.
 */
export function readBuildContext(root: string, dockerfilePath: string | undefined): BuildContextInfo {
  return { root, ...listContext(root), dockerignore: readDockerignore(root, dockerfilePath) };
}

/** Reads build contexts for many Dockerfiles, listing each context root once. */
export function buildContextReader(): (root: string, dockerfilePath: string | undefined) => BuildContextInfo {
  const listings = new Map<string, ContextListing>();
  return (root, dockerfilePath) => {
    let listing = listings.get(root);
    if (!listing) {
      listing = listContext(root);
      listings.set(root, listing);
    }
    return { root, ...listing, dockerignore: readDockerignore(root, dockerfilePath) };
  };
}

interface ContextListing {
  paths: string[];
  truncated: boolean;
}

function listContext(root: string): ContextListing {
  const paths: string[] = [];
  let truncated = false;
  const walk = (dir: string) => {
    let entries: import("node:fs").Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (paths.length >= MAX_CONTEXT_ENTRIES) {
        truncated = true;
        return;
      }
      const path = join(dir, entry.name);
      const rel = relative(root, path).split("\\").join("/");
      if (entry.isDirectory()) {
        paths.push(`${rel}/`);
        if (!SKIP_DIRS.has(entry.name)) walk(path);
      } else {
        paths.push(rel);
      }
    }
  };
  walk(root);
  return { paths: paths.sort(), truncated };
}

/** BuildKit reads `<Dockerfile>.dockerignore` beside the Dockerfile first, then the context's .dockerignore. */
function readDockerignore(root: string, dockerfilePath: string | undefined): string | undefined {
  const specific = dockerfilePath ? `${dockerfilePath}.dockerignore` : undefined;
  const ignoreFile = specific && existsSync(specific) ? specific : join(root, ".dockerignore");
  return existsSync(ignoreFile) ? readFileSync(ignoreFile, "utf8") : undefined;
}
