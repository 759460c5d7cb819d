import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const BINARY = "/usr/bin/docker-registry";

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export interface Registry {
  host: string;
  stop(): void;
  /** With a token service: the requests it answered (service, scope, user), oldest first. */
  tokenRequests?: () => { service: string | null; scope: string | null; user: string | undefined }[];
  /** Pushes blobs and a manifest over the distribution API, as `docker push` does. */
  push(repository: string, reference: string, manifest: object, blobs: Buffer[], mediaType?: string): Promise<string>;
}

/** The token service (token-service.mjs) in its own process, with a fresh key and certificate. */
async function startTokenService(dir: string, credentials: { user: string; password: string }) {
  execFileSync(
    "openssl",
    ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=imagediet-test-token"].concat([
      "-keyout",
      join(dir, "token.key"),
      "-out",
      join(dir, "token.crt"),
    ]),
    { stdio: "ignore" },
  );
  const port = await freePort();
  const log = join(dir, "token-requests.jsonl");
  writeFileSync(log, "");
  const script = join(dirname(fileURLToPath(import.meta.url)), "token-service.mjs");
  const args = [
    join(dir, "token.key"),
    join(dir, "token.crt"),
    String(port),
    credentials.user,
    credentials.password,
    log,
  ];
  const child = spawn(process.execPath, [script, ...args], { stdio: "ignore" });
  const realm = `http://127.0.0.1:${port}/token`;
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(`http://127.0.0.1:${port}/ready`);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const requests = () =>
    readFileSync(log, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { service: string | null; scope: string | null; user: string | undefined });
  return { realm, requests, stop: () => child.kill() };
}

/** Debian's docker-registry (CNCF distribution) on 127.0.0.1, storage in a temp folder. */
export async function startRegistry(
  options: { user?: string; password?: string; token?: boolean } = {},
): Promise<Registry> {
  if (!existsSync(BINARY))
    throw new Error(`${BINARY} is missing: run scripts/setup.sh (it installs Debian's docker-registry)`);
  const dir = mkdtempSync(join(tmpdir(), "imagediet-registry-"));
  const port = await freePort();
  let auth = "";
  const tokens =
    options.token && options.user && options.password
      ? await startTokenService(dir, { user: options.user, password: options.password })
      : undefined;
  if (tokens) {
    auth = `auth:\n  token:\n    realm: ${tokens.realm}\n    service: imagediet-test\n    issuer: imagediet-test-issuer\n    rootcertbundle: ${join(dir, "token.crt")}\n`;
  } else if (options.user && options.password) {
    writeFileSync(join(dir, "htpasswd"), execFileSync("htpasswd", ["-Bbn", options.user, options.password]));
    auth = `auth:\n  htpasswd:\n    realm: imagediet-test\n    path: ${join(dir, "htpasswd")}\n`;
  }
  writeFileSync(
    join(dir, "config.yml"),
    `version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: ${join(dir, "data")}\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:${port}\n${auth}`,
  );
  const child: ChildProcess = spawn(BINARY, ["serve", join(dir, "config.yml")], { stdio: "ignore" });
  const host = `127.0.0.1:${port}`;
  const basic = `Basic ${Buffer.from(`${options.user}:${options.password}`).toString("base64")}`;
  const headers: Record<string, string> = options.user && !tokens ? { Authorization: basic } : {};
  /** With a token service, each request carries a token for the repository it touches. */
  const authFor = async (repository: string): Promise<Record<string, string>> => {
    if (!tokens) return headers;
    const url = `${tokens.realm}?service=imagediet-test&scope=repository:${repository}:pull,push`;
    const { token } = (await (await fetch(url, { headers: { Authorization: basic } })).json()) as { token: string };
    return { Authorization: `Bearer ${token}` };
  };
  for (let i = 0; i < 100; i++) {
    try {
      const response = await fetch(`http://${host}/v2/`, { headers });
      if (response.status === 200 || (tokens && response.status === 401)) break;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const push: Registry["push"] = async (
    repository,
    reference,
    manifest,
    blobs,
    mediaType = "application/vnd.oci.image.manifest.v1+json",
  ) => {
    const headers = await authFor(repository);
    for (const blob of blobs) {
      const digest = `sha256:${createHash("sha256").update(blob).digest("hex")}`;
      const start = await fetch(`http://${host}/v2/${repository}/blobs/uploads/`, { method: "POST", headers });
      const location = new URL(start.headers.get("location") ?? "", `http://${host}`);
      location.searchParams.set("digest", digest);
      const put = await fetch(location, {
        method: "PUT",
        headers: { ...headers, "Content-Type": "application/octet-stream" },
        body: blob,
      });
      if (put.status !== 201) throw new Error(`blob upload failed: ${put.status}`);
    }
    const body = Buffer.from(JSON.stringify(manifest));
    const put = await fetch(`http://${host}/v2/${repository}/manifests/${reference}`, {
      method: "PUT",
      headers: { ...headers, "Content-Type": mediaType },
      body,
    });
    if (put.status !== 201) throw new Error(`manifest upload failed: ${put.status} ${await put.text()}`);
    return `sha256:${createHash("sha256").update(body).digest("hex")}`;
  };
  return {
    host,
    stop: () => {
      child.kill();
      tokens?.stop();
    },
    push,
    tokenRequests: tokens?.requests,
  };
}
