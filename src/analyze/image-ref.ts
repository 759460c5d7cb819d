/** An image reference split as Docker reads it: `[registry/]repository[:tag][@digest]`. */
export interface ImageRef {
  registry: string | undefined;
  repository: string;
  tag: string | undefined;
  digest: string | undefined;
}

export function parseImageRef(reference: string): ImageRef {
  let rest = reference;
  let digest: string | undefined;
  const at = rest.indexOf("@");
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let registry: string | undefined;
  const slash = rest.indexOf("/");
  if (slash !== -1) {
    const first = rest.slice(0, slash);
    if (first.includes(".") || first.includes(":") || first === "localhost") {
      registry = first;
      rest = rest.slice(slash + 1);
    }
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(":");
  if (colon !== -1) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  return { registry, repository: rest, tag, digest };
}

/** `python` → `library/python` on Docker Hub; other repositories as written. */
export function normalizedRepository(ref: ImageRef): string {
  const hub = ref.registry === undefined || ref.registry === "docker.io" || ref.registry === "index.docker.io";
  return hub && !ref.repository.includes("/") ? `library/${ref.repository}` : ref.repository;
}
