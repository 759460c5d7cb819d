import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { imagediet } from "../helpers/cli.js";
import { ociLayout } from "../helpers/image-builder.js";
import { type Registry, startRegistry } from "../helpers/registry.js";

/** Pushes an OCI layout folder's manifest, config and layers to the registry. */
async function pushLayout(
  registry: Registry,
  dir: string,
  repository: string,
  tag: string,
  platform?: { os: string; architecture: string },
) {
  const index = JSON.parse(readFileSync(join(dir, "index.json"), "utf8"));
  const manifestDigest = index.manifests[0].digest as string;
  const blob = (digest: string) => readFileSync(join(dir, "blobs", "sha256", digest.slice(7)));
  const manifest = JSON.parse(blob(manifestDigest).toString());
  const blobs = [manifest.config.digest, ...manifest.layers.map((l: { digest: string }) => l.digest)].map(blob);
  const digest = await registry.push(repository, tag, manifest, blobs);
  return { digest, size: blob(manifestDigest).length, platform };
}

const LAYERS = [
  {
    files: { "usr/bin/app": 2000 },
    texts: {
      "etc/os-release": "ID=alpine\nVERSION_ID=3.20.3\n",
      "lib/apk/db/installed": "P:busybox\nV:1.36.1-r29\nA:x86_64\no:busybox\n",
    },
  },
  { files: { "usr/bin/app": 2000 } },
];

describe("images read from a real registry (Debian's docker-registry)", () => {
  let open: Registry;
  let locked: Registry;
  let tokened: Registry;
  beforeAll(async () => {
    open = await startRegistry();
    locked = await startRegistry({ user: "ci", password: "s3cret" });
    tokened = await startRegistry({ user: "ci", password: "s3cret", token: true });
    await pushLayout(tokened, ociLayout(LAYERS), "team/app", "1.0");
    await pushLayout(tokened, ociLayout(LAYERS), "private/app", "1.0");
    await pushLayout(open, ociLayout(LAYERS), "team/app", "1.0");
    const amd = await pushLayout(open, ociLayout(LAYERS), "team/multi", "amd64");
    const arm = await pushLayout(open, ociLayout([{ files: { "usr/bin/app": 10 } }]), "team/multi", "arm64");
    await open.push(
      "team/multi",
      "1.0",
      {
        schemaVersion: 2,
        mediaType: "application/vnd.oci.image.index.v1+json",
        manifests: [
          {
            mediaType: "application/vnd.oci.image.manifest.v1+json",
            digest: amd.digest,
            size: amd.size,
            platform: { os: "linux", architecture: "amd64" },
          },
          {
            mediaType: "application/vnd.oci.image.manifest.v1+json",
            digest: arm.digest,
            size: arm.size,
            platform: { os: "linux", architecture: "arm64" },
          },
        ],
      },
      [],
      "application/vnd.oci.image.index.v1+json",
    );
    await pushLayout(locked, ociLayout(LAYERS), "private/app", "1.0");
  }, 60_000);
  afterAll(() => {
    open?.stop();
    locked?.stop();
    tokened?.stop();
  });

  it("bearer tokens from the registry's token service, as Docker Hub's: anonymous for public repositories", () => {
    const config = mkdtempSync(join(tmpdir(), "imagediet-docker-config-"));
    const json = imagediet(["layers", "--json", `${tokened.host}/team/app:1.0`], {
      env: { ...process.env, DOCKER_CONFIG: config },
    });
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout).layers).toHaveLength(2);
    expect(tokened.tokenRequests?.().at(-1)).toEqual({
      service: "imagediet-test",
      scope: "repository:team/app:pull",
      user: undefined,
    });
  });

  it("bearer tokens with basic credentials from ~/.docker/config.json; refused without them", () => {
    const config = mkdtempSync(join(tmpdir(), "imagediet-docker-config-"));
    const ref = `${tokened.host}/private/app:1.0`;
    const denied = imagediet(["layers", ref], { env: { ...process.env, DOCKER_CONFIG: config } });
    expect(denied.code).toBe(2);
    expect(denied.stderr.trim()).toBe(`${tokened.host}: token service refused (HTTP 401)`);
    writeFileSync(
      join(config, "config.json"),
      JSON.stringify({ auths: { [tokened.host]: { auth: Buffer.from("ci:s3cret").toString("base64") } } }),
    );
    const allowed = imagediet(["layers", "--json", ref], { env: { ...process.env, DOCKER_CONFIG: config } });
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(JSON.parse(allowed.stdout).layers).toHaveLength(2);
    expect(tokened.tokenRequests?.().at(-1)).toEqual({
      service: "imagediet-test",
      scope: "repository:private/app:pull",
      user: "ci",
    });
  });

  it("layers of an anonymous pull: manifest, config and streamed gzip layers", () => {
    const json = JSON.parse(imagediet(["layers", "--json", `${open.host}/team/app:1.0`]).stdout);
    expect(json.layers.map((l: { sizeBytes: number }) => l.sizeBytes)).toEqual([2000 + 28 + 42, 2000]);
    expect(json.reclaimableBytes).toBe(2000);
  });

  it("an OCI index resolves to --platform", () => {
    const amd = JSON.parse(imagediet(["layers", "--json", `registry:${open.host}/team/multi:1.0`]).stdout);
    const arm = JSON.parse(
      imagediet(["layers", "--json", "--platform", "linux/arm64", `registry:${open.host}/team/multi:1.0`]).stdout,
    );
    expect(amd.layers).toHaveLength(2);
    expect(arm.layers.map((l: { sizeBytes: number }) => l.sizeBytes)).toEqual([10]);
  });

  it("the SBOM of a registry image", () => {
    const { stdout } = imagediet(["sbom", "--format", "table", `${open.host}/team/app:1.0`]);
    expect(stdout).toContain("busybox");
    expect(stdout).toContain("1 packages on alpine 3.20.3");
  });

  it("basic auth from ~/.docker/config.json; without it, a one-line error", () => {
    const config = mkdtempSync(join(tmpdir(), "imagediet-docker-config-"));
    const ref = `${locked.host}/private/app:1.0`;
    const denied = imagediet(["layers", ref], { env: { ...process.env, DOCKER_CONFIG: config } });
    expect(denied.code).toBe(2);
    expect(denied.stderr.trim()).toBe(
      `${locked.host}: the registry asks for credentials; none found in ~/.docker/config.json`,
    );
    writeFileSync(
      join(config, "config.json"),
      JSON.stringify({ auths: { [locked.host]: { auth: Buffer.from("ci:s3cret").toString("base64") } } }),
    );
    const allowed = imagediet(["layers", "--json", ref], { env: { ...process.env, DOCKER_CONFIG: config } });
    expect(allowed.code).toBe(0);
    expect(JSON.parse(allowed.stdout).layers).toHaveLength(2);
  });

  it("a missing tag and a registry that is down are one-line errors", () => {
    expect(imagediet(["layers", `${open.host}/team/app:nope`]).stderr.trim()).toBe(
      `${open.host}: team/app/manifests/nope: not found`,
    );
    const down = imagediet(["layers", "127.0.0.1:9/team/app:1.0"]);
    expect(down.code).toBe(2);
    expect(down.stderr).toMatch(/^127\.0\.0\.1:9: cannot reach the registry: /);
  });
});
