import { posix } from "node:path";
import { decompressedLayer, type ImageArchive } from "./archive.js";
import { type LayerEntry, readLayerEntries } from "./layers.js";

export interface FinalEntry extends LayerEntry {
  /** The layer that last wrote it. */
  layer: number;
}

export interface FinalFilesystem {
  /** Every path the final image shows (`a/b/c`, no leading slash). */
  entries: Map<string, FinalEntry>;
  /** Contents of the files `wants` asked for, as the final image shows them. */
  contents: Map<string, Buffer>;
}

/**
 * The image's final filesystem, layer over layer: later layers replace earlier entries, whiteouts
 * remove a path and everything below it, opaque whiteouts empty a folder of what earlier layers put
 * there. File bodies are read only for the paths `wants` accepts.
 */
export async function readFinalFilesystem(
  image: ImageArchive,
  wants: (path: string, size: number) => boolean = () => false,
  /** What to keep of a body read (a digest of a large file, say); undefined keeps nothing. */
  keep: (path: string, content: Buffer) => Buffer | undefined = (_path, content) => content,
): Promise<FinalFilesystem> {
  const entries = new Map<string, FinalEntry>();
  const contents = new Map<string, Buffer>();
  const removeBelow = (target: string) => {
    for (const path of [...entries.keys()])
      if (path === target || path.startsWith(`${target}/`)) {
        entries.delete(path);
        contents.delete(path);
      }
  };
  for (const [index, layer] of image.layers.entries()) {
    const read = new Map<string, Buffer>();
    const layerEntries = await readLayerEntries(decompressedLayer(layer), {
      wants,
      found: (path, content) => {
        const kept = keep(path, content);
        if (kept) read.set(path, kept);
      },
    });
    for (const entry of layerEntries) {
      const base = posix.basename(entry.path);
      const dir = posix.dirname(entry.path);
      if (base === ".wh..wh..opq") {
        for (const path of [...entries.keys()])
          if (path.startsWith(`${dir}/`) && (entries.get(path)?.layer ?? 0) < index) {
            entries.delete(path);
            contents.delete(path);
          }
      } else if (base.startsWith(".wh.")) {
        removeBelow(dir === "." ? base.slice(4) : posix.join(dir, base.slice(4)));
      } else {
        // A file or link replacing a folder hides what was below it; otherwise it only replaces itself.
        if (entry.type !== "directory" && entries.get(entry.path)?.type === "directory") removeBelow(entry.path);
        else contents.delete(entry.path);
        entries.set(entry.path, { ...entry, layer: index });
        const content = read.get(entry.path);
        if (content) contents.set(entry.path, content);
      }
    }
  }
  return { entries, contents };
}
