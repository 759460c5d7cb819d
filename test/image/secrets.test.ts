import { describe, expect, it } from "vitest";
import { openImage } from "../../src/image/archive.js";
import { findSecrets } from "../../src/image/secrets.js";
import { imagediet } from "../helpers/cli.js";
import { dockerArchive } from "../helpers/image-builder.js";

// Shapes of real credentials; the values are AWS's and GitHub's documented example formats.
const KEY =
  "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n-----END OPENSSH PRIVATE KEY-----\n";

describe("secrets in image layers and config", () => {
  it("finds keys, cloud credentials, registry auth, tokens and .env files, with layer and path; deleting later does not hide them", async () => {
    const archive = dockerArchive(
      [
        {
          files: { "bin/app": 100 },
          texts: {
            "root/.ssh/id_ed25519": KEY,
            "app/.env": "DB_PASSWORD=hunter2\nDEBUG=0\n",
            "app/.env.example": "DB_PASSWORD=\n",
          },
        },
        {
          texts: {
            "root/.aws/credentials": "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n",
            "root/.npmrc": "//registry.npmjs.org/:_authToken=npm_abcdefghijklmnopqrstuvwxyz0123456789\n",
          },
        },
        { whiteouts: ["root/.ssh/id_ed25519"] },
      ],
      "gzip",
      ["PATH=/usr/bin", "GITHUB_TOKEN=ghp_abcdefghijklmnopqrstuvwxyz0123456789AB"],
    );
    const findings = await findSecrets(openImage(archive));
    expect(findings.map((f) => [f.layer, f.kind, f.where])).toEqual([
      [-1, "config", "config.Env"],
      [0, "env-file", "/app/.env"],
      [0, "private-key", "/root/.ssh/id_ed25519"],
      [1, "cloud-credential", "/root/.aws/credentials"],
      [1, "registry-auth", "/root/.npmrc"],
    ]);
    expect(JSON.stringify(findings)).not.toContain("hunter2");
  });

  it("a clean image has none, and the command exits 0; with secrets it exits 1", () => {
    expect(
      imagediet(["secrets", dockerArchive([{ files: { "bin/app": 10 }, texts: { "etc/app.yaml": "port: 8080\n" } }])]),
    ).toMatchObject({ code: 0, stdout: "no secrets found\n" });
    const dirty = imagediet(["secrets", dockerArchive([{ texts: { "app/.env": "API_KEY=x\n" } }])]);
    expect(dirty.code).toBe(1);
    expect(dirty.stdout).toContain("layer 0  env-file          /app/.env  1 variables");
  });
});
