import { describe, expect, it } from "vitest";
import { parse } from "../dockerfile/parse.js";
import type { FinalEntry, FinalFilesystem } from "../image/filesystem.js";
import { insertIntoFinalStage, missingFrom } from "./repair.js";

/** A filesystem of the given paths: `dir/` folders, `a -> b` symlinks, files otherwise. */
function fs(paths: string[]): FinalFilesystem {
  const entries = new Map<string, FinalEntry>();
  for (const spec of paths) {
    const [path = "", target] = spec.split(" -> ");
    const clean = path.replace(/\/$/, "");
    const type = target !== undefined ? "symlink" : path.endsWith("/") ? "directory" : "file";
    entries.set(clean, { path: clean, type, size: type === "file" ? 100 : 0, target, layer: 0 });
  }
  return { entries, contents: new Map() };
}

describe("missingFrom", () => {
  const stage = fs([
    "etc/",
    "etc/ssl/",
    "etc/ssl/certs/",
    "etc/ssl/certs/ca-certificates.crt",
    "usr/",
    "usr/share/",
    "usr/share/zoneinfo/",
    "usr/share/zoneinfo/UTC",
    "usr/bin/",
    "usr/bin/curl",
    "bin -> usr/bin",
  ]);

  it("brings the CA bundle for TLS failures and for the caBundle check", () => {
    for (const failure of [
      'Get "https://api.example.com": x509: certificate signed by unknown authority',
      "none of /etc/ssl/certs/ca-certificates.crt, /etc/pki/tls/certs/ca-bundle.crt in the image",
    ])
      expect(missingFrom(fs(["app/", "app/server"]), stage, [failure]).map((n) => n.path)).toEqual([
        "/etc/ssl/certs/ca-certificates.crt",
      ]);
  });

  it("brings zoneinfo for time-zone failures, and a command the image lacks", () => {
    const needs = missingFrom(fs(["app/"]), stage, [
      "panic: unknown time zone Europe/Berlin",
      "sh: 1: curl: not found",
    ]);
    expect(needs.map((n) => [n.path, n.label])).toEqual([
      ["/usr/share/zoneinfo", "zoneinfo"],
      ["/usr/bin/curl", "curl"],
    ]);
  });

  it("adds nothing the image already has or the stage lacks", () => {
    const image = fs(["etc/", "etc/ssl/", "etc/ssl/certs/", "etc/ssl/certs/ca-certificates.crt"]);
    expect(missingFrom(image, stage, ["x509: certificate signed by unknown authority"])).toEqual([]);
    expect(missingFrom(fs([]), fs([]), ["unknown time zone", "wget: not found"])).toEqual([]);
  });
});

describe("insertIntoFinalStage", () => {
  it("adds lines right after the final FROM, before USER, keeping the rest byte for byte", () => {
    const text = [
      "FROM gcc:12 AS build",
      "RUN gcc -o /app/x x.c",
      "",
      "FROM scratch",
      "COPY --from=build /app/x /app/x",
      "USER 65532:65532",
      'CMD ["/app/x"]',
      "",
    ].join("\n");
    const out = insertIntoFinalStage(text, "Dockerfile", [
      "COPY --from=build /lib64/ld-linux-x86-64.so.2 /lib64/ld-linux-x86-64.so.2",
    ]);
    expect(out).toBe(
      text.replace(
        "FROM scratch\n",
        "FROM scratch\nCOPY --from=build /lib64/ld-linux-x86-64.so.2 /lib64/ld-linux-x86-64.so.2\n",
      ),
    );
    const final = parse(out).stages[1];
    expect(final?.instructions.map((i) => i.keyword)).toEqual(["FROM", "COPY", "COPY", "USER", "CMD"]);
  });
});

describe("missingFrom, name lookups", () => {
  const stage = fs([
    "etc/",
    "etc/nsswitch.conf",
    "lib/",
    "lib/x86_64-linux-gnu/",
    "lib/x86_64-linux-gnu/libnss_dns.so.2",
    "lib/x86_64-linux-gnu/libnss_files.so.2",
  ]);

  it("brings glibc's NSS modules when lookups fail, and the name service switch when the check blames it", () => {
    const needs = missingFrom(fs(["app/"]), stage, [
      "/app/server: glibc before 2.34 loads libnss_files.so.2 and libnss_dns.so.2 to resolve names; not in the image",
    ]);
    expect(needs.map((n) => n.path)).toEqual([
      "/lib/x86_64-linux-gnu/libnss_files.so.2",
      "/lib/x86_64-linux-gnu/libnss_dns.so.2",
    ]);
    expect(
      missingFrom(fs(["app/"]), stage, ['/etc/nsswitch.conf has "hosts: mdns4_minimal": neither files nor dns']).map(
        (n) => n.path,
      ),
    ).toContain("/etc/nsswitch.conf");
    expect(missingFrom(fs(["app/"]), stage, ["dial tcp: lookup db on 10.0.0.2:53: no such host"]).length).toBe(2);
  });
});
