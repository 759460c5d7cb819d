import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { AppFiles } from "../analyze/stack.js";

/** Reads small text files of the app for the analysis (bounded: the first 256 KiB of each). */
export function appFiles(root: string, paths: string[]): AppFiles {
  return {
    paths,
    read(path) {
      const full = join(root, path);
      try {
        if (!existsSync(full) || statSync(full).size > 256 * 1024) return undefined;
        return readFileSync(full, "utf8");
      } catch {
        return undefined;
      }
    },
  };
}
