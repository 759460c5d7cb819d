import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../test/helpers/shared.js";
import { goPackages } from "../vuln/sbom.js";
import { readGoBuildInfo } from "./gobuildinfo.js";

/** A minimal ELF file holding a 1.18+ build-info blob, as the Go linker lays it out. */
function goBinary(version: string, modinfo: string, offset = 4096): Buffer {
  const varint = (n: number) => {
    const bytes: number[] = [];
    while (n >= 0x80) {
      bytes.push((n & 0x7f) | 0x80);
      n >>>= 7;
    }
    bytes.push(n);
    return Buffer.from(bytes);
  };
  const sentinel = Buffer.alloc(16, 0x30);
  const mod = Buffer.concat([sentinel, Buffer.from(modinfo), sentinel]);
  const header = Buffer.alloc(32);
  header.write("\xff Go buildinf:", 0, "latin1");
  header[14] = 8;
  header[15] = 2;
  const blob = Buffer.concat([header, varint(version.length), Buffer.from(version), varint(mod.length), mod]);
  const file = Buffer.alloc(offset + blob.length + 64);
  file.writeUInt32BE(0x7f454c46, 0);
  // A stray, unaligned copy of the magic before the real header must not confuse the reader.
  file.write("\xff Go buildinf:", 1001, "latin1");
  blob.copy(file, offset);
  return file;
}

describe("readGoBuildInfo", () => {
  it("reads the Go version and main package of Debian's Go programs", () => {
    const registry = readGoBuildInfo(readFileSync("/usr/bin/docker-registry"));
    expect(registry?.goVersion).toMatch(/^go1\.\d+(\.\d+)?$/);
    expect(registry?.path).toBe("github.com/docker/distribution/cmd/registry");
    expect(registry?.settings.GOOS).toBe("linux");
    const dockerd = readGoBuildInfo(readFileSync("/usr/sbin/dockerd"));
    expect(dockerd?.path).toBe("github.com/docker/docker/cmd/dockerd");
  });

  it("reads modules, dependencies and replacements", () => {
    const info = readGoBuildInfo(
      goBinary(
        "go1.21.5",
        [
          "path\texample.com/api/cmd/server",
          "mod\texample.com/api\t(devel)\t",
          "dep\tgolang.org/x/net\tv0.17.0\th1:abc=",
          "dep\tgithub.com/old/lib\tv1.0.0\th1:def=",
          "=>\tgithub.com/fork/lib\tv1.0.1\th1:ghi=",
          "build\t-trimpath=true",
          "build\tCGO_ENABLED=0",
          "",
        ].join("\n"),
      ),
    );
    expect(info).toEqual({
      goVersion: "go1.21.5",
      path: "example.com/api/cmd/server",
      main: { path: "example.com/api", version: "(devel)" },
      deps: [
        { path: "golang.org/x/net", version: "v0.17.0" },
        { path: "github.com/fork/lib", version: "v1.0.1" },
      ],
      settings: { "-trimpath": "true", CGO_ENABLED: "0" },
    });
    expect(goPackages(info as NonNullable<typeof info>, "/app/server", 2).map((p) => `${p.name}@${p.version}`)).toEqual(
      ["stdlib@1.21.5", "golang.org/x/net@0.17.0", "github.com/fork/lib@1.0.1"],
    );
  });

  it("ignores files that are not Go programs", () => {
    expect(readGoBuildInfo(readFileSync("/bin/ls"))).toBeUndefined();
    expect(readGoBuildInfo(Buffer.from("#!/bin/sh\necho hi\n"))).toBeUndefined();
    const truncated = goBinary("go1.21.5", "path\tx\n").subarray(0, 4096 + 34);
    expect(readGoBuildInfo(truncated)).toBeUndefined();
  });
});

describe("readGoBuildInfo, Go 1.13–1.17", () => {
  it("follows the pointer form to the version in Debian 11's ebnflint (Go 1.15.9)", () => {
    const dir = mkdtempSync(join(tmpdir(), "imagediet-go115-"));
    const deb = join(ROOT, "test/fixtures/go/ebnflint_0.0-git20181112.a3060d4-2+b6_amd64.deb");
    execFileSync("dpkg-deb", ["-x", deb, dir]);
    const bytes = readFileSync(join(dir, "usr/bin/ebnflint"));
    // The header says: 8-byte pointers, little endian, not inline.
    const at = bytes.indexOf(Buffer.from("\xff Go buildinf:", "latin1"));
    expect([bytes[at + 14], bytes[at + 15]]).toEqual([8, 0]);
    const info = readGoBuildInfo(bytes);
    expect(info).toEqual({ goVersion: "go1.15.9", deps: [], settings: {} });
    expect(
      goPackages(info as NonNullable<typeof info>, "/usr/bin/ebnflint", 0).map((p) => [p.name, p.version]),
    ).toEqual([["stdlib", "1.15.9"]]);
  });

  it("gives nothing for a pointer that leads outside the file's segments", () => {
    const file = readFileSync("/usr/bin/docker-registry");
    const at = file.indexOf(Buffer.from("\xff Go buildinf:", "latin1"));
    const broken = Buffer.from(file);
    broken[at + 15] = 0; // claim the pointer form
    broken.writeBigUInt64LE(0xdead_beef_0000n, at + 16);
    expect(readGoBuildInfo(broken)).toBeUndefined();
  });
});
