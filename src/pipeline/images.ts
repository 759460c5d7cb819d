import type { Engine } from "../engine/engine.js";
import { type ImageArchive, openImage } from "../image/archive.js";

/** Saves an image of the engine into a temporary file (once per image) and returns its path. */
export async function saveFromEngine(engine: Engine, ref: string): Promise<string> {
  engine.requireImage(ref, `docker-daemon:${ref}`);
  return engine.saveOnce(ref);
}

/** Saves an image of the engine (see saveFromEngine) and opens it. */
export async function loadFromEngine(engine: Engine, ref: string): Promise<ImageArchive> {
  return { ...openImage(await saveFromEngine(engine, ref)), source: `docker-daemon:${ref}` };
}
