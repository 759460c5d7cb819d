import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const BINARY = "/usr/bin/docker-registry";

async function freePort(): Promise<number> {
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
  /** Pushes blobs and a manifest over the distribution API, as `docker push` does. */
  push(repository: string, reference: string, manifest: object, blobs: Buffer[], mediaType?: string): Promise<string>;
}

/** Debian's docker-registry (CNCF distribution) on 127.0.0.1, storage in a temp folder. */
export async function startRegistry(options: { user?: string; password?: string } = {}): Promise<Registry> {
  if (!existsSync(BINARY))
    throw new Error(`${BINARY} is missing: run scripts/setup.sh (it installs Debian's docker-registry)`);
  const dir = mkdtempSync(join(tmpdir(), "imagediet-registry-"));
  const port = await freePort();
  let auth = "";
  if (options.user && options.password) {
    writeFileSync(join(dir, "htpasswd"), execFileSync("htpasswd", ["-Bbn", options.user, options.password]));
    auth = `auth:\n  htpasswd:\n    realm: imagediet-test\n    path: ${join(dir, "htpasswd")}\n`;
  }
  writeFileSync(
    join(dir, "config.yml"),
    `version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: ${join(dir, "data")}\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:${port}\n${auth}`,
  );
  const child: ChildProcess = spawn(BINARY, ["serve", join(dir, "config.yml")], { stdio: "ignore" });
  const host = `127.0.0.1:${port}`;
  const headers = options.user
    ? { Authorization: `Basic ${Buffer.from(`${options.user}:${options.password}`).toString("base64")}` }
    : {};
  for (let i = 0; i < 100; i++) {
    try {
      const response = await fetch(`http://${host}/v2/`, { headers });
      if (response.status === 200) break;
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
  return { host, stop: () => child.kill(), push };
}
