import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { cratePackages } from "../vuln/sbom.js";
import { readCargoAuditable } from "./cargoauditable.js";
import { elfSection } from "./elf.js";

/** A real ELF program (/bin/true) with a `.dep-v0` section added by binutils, as cargo-auditable's linker step adds it. */
function auditableBinary(json: object): Buffer {
  const dir = mkdtempSync(join(tmpdir(), "imagediet-auditable-"));
  writeFileSync(join(dir, "dep.z"), deflateSync(Buffer.from(JSON.stringify(json))));
  execFileSync("objcopy", [
    "--add-section",
    `.dep-v0=${join(dir, "dep.z")}`,
    "--set-section-flags",
    ".dep-v0=noload,readonly",
    "/bin/true",
    join(dir, "rcli"),
  ]);
  return readFileSync(join(dir, "rcli"));
}

describe("ELF sections", () => {
  it("finds a section by name, as readelf lists it", () => {
    const registry = readFileSync("/usr/bin/docker-registry");
    const section = elfSection(registry, ".go.buildinfo");
    expect(section?.subarray(0, 14).toString("latin1")).toBe("\xff Go buildinf:");
    const offset = execFileSync("readelf", ["-S", "-W", "/usr/bin/docker-registry"], { encoding: "utf8" })
      .split("\n")
      .find((line) => line.includes(" .go.buildinfo "))
      ?.trim()
      .split(/\s+/)[4];
    expect(section?.byteOffset).toBeDefined();
    expect(registry.indexOf(section as Buffer)).toBe(Number.parseInt(offset ?? "", 16));
    expect(elfSection(registry, ".no-such-section")).toBeUndefined();
    expect(elfSection(Buffer.from("not elf at all, not at all"), ".text")).toBeUndefined();
  });
});

describe("readCargoAuditable", () => {
  it("reads the crates of a binary built with cargo-auditable, and keeps the registry ones", () => {
    const crates = readCargoAuditable(
      auditableBinary({
        packages: [
          { name: "rcli", version: "0.1.0", source: "local", root: true, dependencies: [1, 2] },
          { name: "regex", version: "1.5.4", source: "crates.io", dependencies: [2] },
          { name: "memchr", version: "2.4.1", source: "crates.io" },
        ],
      }),
    );
    expect(crates).toEqual([
      { name: "rcli", version: "0.1.0", source: "local", root: true },
      { name: "regex", version: "1.5.4", source: "crates.io", root: false },
      { name: "memchr", version: "2.4.1", source: "crates.io", root: false },
    ]);
    expect(cratePackages(crates ?? [], "/app/rcli", 1).map((p) => `${p.ecosystem}:${p.name}@${p.version}`)).toEqual([
      "cargo:regex@1.5.4",
      "cargo:memchr@2.4.1",
    ]);
  });

  it("ignores binaries without the section and sections that are not zlib JSON", () => {
    expect(readCargoAuditable(readFileSync("/bin/true"))).toBeUndefined();
    const dir = mkdtempSync(join(tmpdir(), "imagediet-auditable-"));
    writeFileSync(join(dir, "junk"), "not compressed");
    execFileSync("objcopy", ["--add-section", `.dep-v0=${join(dir, "junk")}`, "/bin/true", join(dir, "out")]);
    expect(readCargoAuditable(readFileSync(join(dir, "out")))).toBeUndefined();
  });
});
