import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

/** The file in the database folder that says what was fetched, from where and when. */
export const OSV_MANIFEST = "imagediet-osv.json";

/** The user's cache folder for the records (`$XDG_CACHE_HOME/imagediet/osv`). */
const cacheFolder = () => join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "imagediet", "osv");

/** Where `db update` writes: `--db`, else IMAGEDIET_OSV_DB, else the cache folder. */
export function osvDbFolder(flag?: string): string {
  return flag ?? process.env.IMAGEDIET_OSV_DB ?? cacheFolder();
}

/** What scan reads: `--db`, else IMAGEDIET_OSV_DB, else the cache folder once `db update` has filled it. */
export function osvRecordsFolder(flag?: string): string | undefined {
  const named = flag ?? process.env.IMAGEDIET_OSV_DB;
  if (named !== undefined) return named;
  const cache = cacheFolder();
  return existsSync(join(cache, OSV_MANIFEST)) ? cache : undefined;
}
