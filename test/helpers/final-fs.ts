import { readFileSync } from "node:fs";
import type { FinalEntry, FinalFilesystem } from "../../src/image/filesystem.js";

/** A final filesystem holding real files of this machine under chosen paths, plus symlinks; `texts` are files given by their content. */
export function imageOf(
  files: Record<string, string>,
  links: Record<string, string> = {},
  texts: Record<string, string> = {},
): FinalFilesystem {
  const entries = new Map<string, FinalEntry>();
  const contents = new Map<string, Buffer>();
  const addDirs = (path: string) => {
    const parts = path.split("/");
    for (let i = 1; i < parts.length; i++)
      entries.set(parts.slice(0, i).join("/"), {
        path: parts.slice(0, i).join("/"),
        type: "directory",
        size: 0,
        layer: 0,
      });
  };
  for (const [path, source] of Object.entries(files)) {
    addDirs(path);
    const bytes = readFileSync(source);
    entries.set(path, { path, type: "file", size: bytes.length, layer: 0 });
    contents.set(path, bytes);
  }
  for (const [path, text] of Object.entries(texts)) {
    addDirs(path);
    entries.set(path, { path, type: "file", size: text.length, layer: 0 });
    contents.set(path, Buffer.from(text));
  }
  for (const [path, target] of Object.entries(links)) {
    addDirs(path);
    entries.set(path, { path, type: "symlink", size: 0, target, layer: 0 });
  }
  return { entries, contents };
}
