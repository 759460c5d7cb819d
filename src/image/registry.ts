import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { ImagedietError } from "../errors.js";
import type { ImageArchive, ImageConfig, LayerBlob } from "./archive.js";

const MANIFEST_TYPES = [
  "application/vnd.oci.image.index.v1+json",
  "application/vnd.docker.distribution.manifest.list.v2+json",
  "application/vnd.oci.image.manifest.v1+json",
  "application/vnd.docker.distribution.manifest.v2+json",
].join(", ");

export interface RegistryRef {
  registry: string;
  repository: string;
  reference: string;
}

/** `host[:port]/repo[:tag|@digest]`; Docker Hub names (`python:3.12`) go to registry-1.docker.io/library/. */
export function parseRegistryRef(text: string): RegistryRef {
  const at = text.indexOf("@");
  const [path, digest] = at === -1 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
  const slash = path.indexOf("/");
  const first = slash === -1 ? "" : path.slice(0, slash);
  const hasRegistry = first.includes(".") || first.includes(":") || first === "localhost";
  const registry = hasRegistry ? first : "registry-1.docker.io";
  let repository = hasRegistry ? path.slice(slash + 1) : path;
  let tag = "latest";
  const colon = repository.lastIndexOf(":");
  if (colon !== -1) {
    tag = repository.slice(colon + 1);
    repository = repository.slice(0, colon);
  }
  if (!hasRegistry && !repository.includes("/")) repository = `library/${repository}`;
  return { registry, repository, reference: digest ?? tag };
}

/** Basic credentials for a registry from ~/.docker/config.json (`auths.<host>.auth`). */
function dockerConfigAuth(registry: string): string | undefined {
  const file = join(process.env.DOCKER_CONFIG ?? join(homedir(), ".docker"), "config.json");
  if (!existsSync(file)) return undefined;
  try {
    const config = JSON.parse(readFileSync(file, "utf8")) as { auths?: Record<string, { auth?: string }> };
    const hub =
      registry === "registry-1.docker.io" ? ["https://index.docker.io/v1/", "index.docker.io", "docker.io"] : [];
    for (const key of [registry, `https://${registry}`, `http://${registry}`, ...hub]) {
      const auth = config.auths?.[key]?.auth;
      if (auth) return auth;
    }
  } catch {
    // An unreadable docker config means no credentials.
  }
  return undefined;
}

class Client {
  private authorization: string | undefined;
  private readonly base: string;

  constructor(private readonly ref: RegistryRef) {
    const local = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/.test(ref.registry);
    this.base = `${local ? "http" : "https"}://${ref.registry}/v2/${ref.repository}`;
  }

  /** GET with the registry's auth dance: 401 → Bearer token (anonymous or with basic credentials) or Basic. */
  async get(path: string, accept?: string): Promise<Response> {
    const url = `${this.base}/${path}`;
    const attempt = () =>
      fetch(url, {
        headers: {
          ...(accept ? { Accept: accept } : {}),
          ...(this.authorization ? { Authorization: this.authorization } : {}),
        },
      }).catch((error: Error) => {
        throw new ImagedietError(
          `cannot reach the registry: ${error.cause instanceof Error ? error.cause.message : error.message}`,
          { file: this.ref.registry },
        );
      });
    let response = await attempt();
    if (response.status === 401 && !this.authorization) {
      await this.authenticate(response.headers.get("www-authenticate") ?? "");
      response = await attempt();
    }
    if (!response.ok) {
      const reason =
        response.status === 401
          ? "unauthorized (credentials in ~/.docker/config.json?)"
          : response.status === 404
            ? "not found"
            : `HTTP ${response.status}`;
      throw new ImagedietError(`${this.ref.repository}/${path}: ${reason}`, { file: this.ref.registry });
    }
    return response;
  }

  private async authenticate(challenge: string): Promise<void> {
    const basic = dockerConfigAuth(this.ref.registry);
    if (/^basic/i.test(challenge)) {
      if (!basic)
        throw new ImagedietError("the registry asks for credentials; none found in ~/.docker/config.json", {
          file: this.ref.registry,
        });
      this.authorization = `Basic ${basic}`;
      return;
    }
    const params = Object.fromEntries([...challenge.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (!params.realm)
      throw new ImagedietError(`unsupported authentication challenge: ${challenge.slice(0, 80)}`, {
        file: this.ref.registry,
      });
    const url = new URL(params.realm);
    if (params.service) url.searchParams.set("service", params.service);
    url.searchParams.set("scope", params.scope ?? `repository:${this.ref.repository}:pull`);
    const response = await fetch(url, { headers: basic ? { Authorization: `Basic ${basic}` } : {} });
    if (!response.ok)
      throw new ImagedietError(`token service refused (HTTP ${response.status})`, { file: this.ref.registry });
    const body = (await response.json()) as { token?: string; access_token?: string };
    const token = body.token ?? body.access_token;
    if (!token) throw new ImagedietError("the token service returned no token", { file: this.ref.registry });
    this.authorization = `Bearer ${token}`;
  }

  async json<T>(path: string, accept?: string): Promise<T> {
    return (await (await this.get(path, accept)).json()) as T;
  }
}

interface ManifestDocument {
  mediaType?: string;
  manifests?: { digest: string; platform?: { os?: string; architecture?: string; variant?: string } }[];
  config?: { digest: string };
  layers?: { digest: string; size: number }[];
}

/**
 * Reads an image from a registry over the distribution v2 API without pulling it into an engine:
 * manifest lists and OCI indexes resolve to `platform`; layers stream when read.
 */
export async function openRegistryImage(text: string, platform = "linux/amd64"): Promise<ImageArchive> {
  const ref = parseRegistryRef(text);
  const client = new Client(ref);
  let manifest = await client.json<ManifestDocument>(`manifests/${ref.reference}`, MANIFEST_TYPES);
  if (manifest.manifests) {
    const [os, architecture, variant] = platform.split("/");
    const chosen = manifest.manifests.find(
      (m) =>
        m.platform?.os === os &&
        m.platform?.architecture === architecture &&
        (!variant || m.platform?.variant === variant),
    );
    if (!chosen) throw new ImagedietError(`no ${platform} image in ${text}`, { file: ref.registry });
    manifest = await client.json<ManifestDocument>(`manifests/${chosen.digest}`, MANIFEST_TYPES);
  }
  if (!manifest.config || !manifest.layers)
    throw new ImagedietError(`${text} is not an image manifest`, { file: ref.registry });
  const config = await client.json<ImageConfig>(`blobs/${manifest.config.digest}`);
  const layers: LayerBlob[] = manifest.layers.map((layer) => ({
    digest: layer.digest,
    storedSize: layer.size,
    open: () => {
      const out = new PassThrough();
      client
        .get(`blobs/${layer.digest}`)
        .then((response) => {
          if (!response.body) throw new ImagedietError(`empty blob ${layer.digest}`);
          Readable.fromWeb(response.body as import("node:stream/web").ReadableStream).pipe(out);
        })
        .catch((error: Error) => out.destroy(error));
      return out;
    },
  }));
  return {
    kind: "oci-layout",
    source: `${ref.registry}/${ref.repository}:${ref.reference}`,
    repoTags: [text],
    config,
    layers,
  };
}
