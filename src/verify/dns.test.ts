import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { imageOf as image } from "../../test/helpers/final-fs.js";
import { ROOT } from "../../test/helpers/shared.js";
import { checkNameResolution, describeResolvers } from "./dns.js";

const LIBC = "/usr/lib/x86_64-linux-gnu/libc.so.6";
const LOADER = "/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2";
const NSS_DNS = "/usr/lib/x86_64-linux-gnu/libnss_dns.so.2";
const NSS_FILES = "/usr/lib/x86_64-linux-gnu/libnss_files.so.2";

/** The same getaddrinfo program built three ways by this machine's compilers (gcc, musl-gcc from setup.sh). */
const built: Record<"dynamic" | "glibcStatic" | "muslStatic", string> = {
  dynamic: "",
  glibcStatic: "",
  muslStatic: "",
};

beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), "imagediet-dns-"));
  const source = join(ROOT, "test", "fixtures", "dns", "resolve.c");
  const cc = (compiler: string, out: string, flags: string[]) => {
    execFileSync(compiler, [...flags, "-O2", "-o", join(dir, out), source], { stdio: "ignore" });
    return join(dir, out);
  };
  built.dynamic = cc("gcc", "dynamic", []);
  built.glibcStatic = cc("gcc", "glibc-static", ["-static", "-s"]);
  built.muslStatic = cc("musl-gcc", "musl-static", ["-static"]);
});

describe("checkNameResolution", () => {
  it("passes a dynamic glibc 2.34+ program: files and dns are part of libc.so.6", () => {
    const result = checkNameResolution(
      image({
        "app/resolve": built.dynamic,
        "lib/x86_64-linux-gnu/libc.so.6": LIBC,
        "lib64/ld-linux-x86-64.so.2": LOADER,
      }),
    );
    expect(result).toEqual({ programs: [{ path: "/app/resolve", resolver: "glibc" }], glibc: "new", problems: [] });
    expect(describeResolvers(result)).toBe(
      "1 program resolves names (resolve): 1 with glibc NSS (files and dns built into libc)",
    );
  });

  it("fails a dynamic program on an older glibc without its NSS modules, and passes it with them", () => {
    // glibc 2.31 as Debian 11 installs it: libc.so.6 → libc-2.31.so, no GLIBC_2.34 symbol version.
    const old = { "lib/x86_64-linux-gnu/libc.so.6": "libc-2.31.so" };
    const libc231 = { "lib/x86_64-linux-gnu/libc-2.31.so": "GLIBC_2.30\0GLIBC_2.31\0" };
    const lacking = checkNameResolution(image({ "app/resolve": built.dynamic }, old, libc231));
    expect(lacking.glibc).toBe("old");
    expect(lacking.problems).toEqual([
      "/app/resolve: glibc before 2.34 loads libnss_files.so.2 and libnss_dns.so.2 to resolve names; not in the image",
    ]);
    const withModules = checkNameResolution(
      image(
        {
          "app/resolve": built.dynamic,
          "lib/x86_64-linux-gnu/libnss_dns.so.2": NSS_DNS,
          "lib/x86_64-linux-gnu/libnss_files.so.2": NSS_FILES,
        },
        old,
        libc231,
      ),
    );
    expect(withModules.problems).toEqual([]);
  });

  it("tells static glibc from static musl, and leaves out programs that never resolve names", () => {
    const result = checkNameResolution(
      image({ "app/glibc": built.glibcStatic, "app/musl": built.muslStatic, "bin/ls": "/bin/ls" }),
    );
    expect(result.programs).toEqual([
      { path: "/app/glibc", resolver: "glibc-static" },
      { path: "/app/musl", resolver: "musl" },
    ]);
    expect(result.problems).toEqual([]);
    expect(describeResolvers(result)).toContain(
      "static glibc (built-in files and dns if linked with glibc 2.34 or later)",
    );
  });

  it("reads Go's build settings: a cgo program resolves through glibc", () => {
    const result = checkNameResolution(image({ "usr/bin/docker-registry": "/usr/bin/docker-registry" }));
    expect(result.programs).toEqual([{ path: "/usr/bin/docker-registry", resolver: "glibc" }]);
  });

  it("fails a name service switch whose hosts line has neither files nor dns", () => {
    const result = checkNameResolution(
      image(
        { "app/resolve": built.glibcStatic },
        {},
        { "etc/nsswitch.conf": "passwd: files\nhosts: mdns4_minimal # local only\n" },
      ),
    );
    expect(result.problems).toEqual(['/etc/nsswitch.conf has "hosts: mdns4_minimal": neither files nor dns']);
    const fine = checkNameResolution(
      image(
        { "app/resolve": built.glibcStatic },
        {},
        { "etc/nsswitch.conf": "hosts: files mdns4_minimal [NOTFOUND=return] dns\n" },
      ),
    );
    expect(fine.problems).toEqual([]);
  });
});
