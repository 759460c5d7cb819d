import { existsSync } from "node:fs";
import { ImagedietError } from "../errors.js";
import { type ImageArchive, openImage } from "../image/archive.js";
import { openRegistryImage } from "../image/registry.js";

/**
 * An IMAGE argument: a path (docker save tar, OCI layout tar or folder), or `registry:REF` /
 * a reference with a registry host (`127.0.0.1:5000/app:1`, `ghcr.io/org/app:2`) read over the
 * distribution API.
 */
export async function loadImage(argument: string, platform?: string): Promise<ImageArchive> {
  if (existsSync(argument)) return openImage(argument);
  const ref = argument.replace(/^(registry|docker):\/?\/?/, "");
  if (argument.startsWith("registry:") || argument.startsWith("docker://") || /^[^/]+[.:][^/]*\/.+/.test(argument)) {
    return openRegistryImage(ref, platform);
  }
  throw new ImagedietError("no such file; for a registry image write registry:NAME:TAG or HOST/NAME:TAG", {
    file: argument,
  });
}
