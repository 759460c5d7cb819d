import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readGoBuildInfo } from "./gobuildinfo.js";
import { goPackages } from "./sbom.js";

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
