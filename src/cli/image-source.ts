import { existsSync } from "node:fs";
import { openEngine } from "../engine/select.js";
import { ImagedietError } from "../errors.js";
import { type ImageArchive, openImage } from "../image/archive.js";
import { openRegistryImage } from "../image/registry.js";
import { loadFromEngine } from "../pipeline/images.js";

/** How the IMAGE argument is described in help. */
export const IMAGE_ARGUMENT =
  "a docker save tar, an OCI layout tar or folder, a registry image (registry:NAME:TAG) or a local engine image (docker-daemon:NAME:TAG)";

/**
 * An IMAGE argument: a path (docker save tar, OCI layout tar or folder), or `registry:REF` /
 * a reference with a registry host (`127.0.0.1:5000/app:1`, `ghcr.io/org/app:2`) read over the
 * distribution API, or `docker-daemon:REF` saved from the local engine (DOCKER_HOST is respected).
 */
export async function loadImage(argument: string, platform?: string): Promise<ImageArchive> {
  if (existsSync(argument)) return openImage(argument);
  if (argument.startsWith("docker-daemon:")) return loadFromDaemon(argument.slice("docker-daemon:".length));
  const ref = argument.replace(/^(registry|docker):\/?\/?/, "");
  if (argument.startsWith("registry:") || argument.startsWith("docker://") || /^[^/]+[.:][^/]*\/.+/.test(argument)) {
    return openRegistryImage(ref, platform);
  }
  throw new ImagedietError(
    "no such file; for a registry image write registry:NAME:TAG or HOST/NAME:TAG, for the local engine docker-daemon:NAME:TAG",
    {
      file: argument,
    },
  );
}

/** Reads `docker-daemon:REF` through a client found as usual. */
async function loadFromDaemon(ref: string): Promise<ImageArchive> {
  const engine = openEngine();
  engine.ping();
  return loadFromEngine(engine, ref);
}
