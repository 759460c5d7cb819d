import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readElf } from "./elf.js";

/** binutils' readelf, the reference these tests hold the reader to. */
function readelfDynamic(path: string): { needed: string[]; interpreter?: string; runpath?: string } {
  const dynamic = execFileSync("readelf", ["-d", "-W", path], { encoding: "utf8" });
  const program = execFileSync("readelf", ["-l", "-W", path], { encoding: "utf8" });
  return {
    needed: [...dynamic.matchAll(/\(NEEDED\)\s+Shared library: \[(.+)\]/g)].map((m) => m[1] as string),
    interpreter: /Requesting program interpreter: (.+)\]/.exec(program)?.[1],
    runpath: /\((?:RUNPATH|RPATH)\)\s+Library (?:runpath|rpath): \[(.+)\]/.exec(dynamic)?.[1],
  };
}

// Real programs and libraries of this Debian machine: PIE and non-PIE, a shared library, a Go binary.
const SAMPLES = [
  "/bin/ls",
  "/usr/bin/docker-registry",
  "/usr/sbin/dockerd",
  "/usr/lib/x86_64-linux-gnu/libc.so.6",
  "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
  process.execPath,
];

describe("readElf", () => {
  for (const path of SAMPLES) {
    it(`reads what readelf reads from ${path}`, () => {
      const expected = readelfDynamic(path);
      const info = readElf(readFileSync(path));
      expect(info?.needed).toEqual(expected.needed);
      expect(info?.interpreter).toBe(expected.interpreter);
      expect(info?.searchPath.join(":") || undefined).toBe(expected.runpath);
      expect(info?.bits).toBe(64);
      expect(info?.machine).toBe(62);
    });
  }

  it("sees a static binary as one with no loader and no libraries", () => {
    const info = readElf(readFileSync("/usr/local/bin/docker"));
    expect(info?.interpreter).toBeUndefined();
    expect(info?.needed).toEqual([]);
  });

  it("returns undefined for files that are not ELF", () => {
    expect(readElf(Buffer.from("#!/bin/sh\necho hi\n"))).toBeUndefined();
    expect(readElf(Buffer.alloc(0))).toBeUndefined();
  });

  it("says an ELF file cut short is truncated", () => {
    const ls = readFileSync("/bin/ls");
    expect(() => readElf(ls.subarray(0, 40))).toThrow("ELF file is truncated");
    expect(() => readElf(ls.subarray(0, 600))).toThrow("ELF file is truncated");
  });
});
