import { describe, expect, it } from "vitest";
import { imageOf as image } from "../../test/helpers/final-fs.js";
import { checkLibraries, resolveInImage } from "./libraries.js";

const LIBC = "/usr/lib/x86_64-linux-gnu/libc.so.6";
const LOADER = "/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2";
const SELINUX = "/usr/lib/x86_64-linux-gnu/libselinux.so.1";
const PCRE = "/usr/lib/x86_64-linux-gnu/libpcre2-8.so.0";

describe("checkLibraries", () => {
  it("finds everything ls needs missing when it is copied alone into scratch", () => {
    const result = checkLibraries(image({ ls: "/bin/ls" }));
    expect(result.checked).toEqual(["/ls"]);
    expect(result.missing).toEqual([
      { binary: "/ls", library: "/lib64/ld-linux-x86-64.so.2", kind: "interpreter" },
      { binary: "/ls", library: "libselinux.so.1", kind: "needed" },
      { binary: "/ls", library: "libc.so.6", kind: "needed" },
    ]);
  });

  it("follows Debian's usrmerge symlinks and checks the libraries' own needs", () => {
    const fs = image(
      {
        "usr/bin/ls": "/bin/ls",
        "usr/lib/x86_64-linux-gnu/libc.so.6": LIBC,
        "usr/lib/x86_64-linux-gnu/libselinux.so.1": SELINUX,
        "usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2": LOADER,
      },
      {
        bin: "usr/bin",
        lib: "usr/lib",
        lib64: "usr/lib64",
        "usr/lib64/ld-linux-x86-64.so.2": "/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2",
      },
    );
    const result = checkLibraries(fs, ["/bin/ls"]);
    expect(result.checked).toContain("/usr/lib/x86_64-linux-gnu/libselinux.so.1");
    // libselinux needs PCRE2, which this image lacks: found only by following the library.
    expect(result.missing).toEqual([
      { binary: "/usr/lib/x86_64-linux-gnu/libselinux.so.1", library: "libpcre2-8.so.0", kind: "needed" },
    ]);
    const complete = image({
      "usr/bin/ls": "/bin/ls",
      "lib/x86_64-linux-gnu/libc.so.6": LIBC,
      "lib/x86_64-linux-gnu/libselinux.so.1": SELINUX,
      "lib/x86_64-linux-gnu/libpcre2-8.so.0": PCRE,
      "lib64/ld-linux-x86-64.so.2": LOADER,
    });
    expect(checkLibraries(complete).missing).toEqual([]);
  });

  it("passes a static binary with nothing beside it", () => {
    const result = checkLibraries(image({ "app/docker": "/usr/local/bin/docker" }));
    expect(result).toEqual({ checked: ["/app/docker"], missing: [] });
  });
});

describe("resolveInImage", () => {
  it("resolves relative and absolute symlinks inside the image root, and stops on loops", () => {
    const fs = image(
      { "usr/lib/libc.so.6": LIBC },
      { lib: "usr/lib", "usr/lib/libc.so": "libc.so.6", a: "/b", b: "a", up: "../../../usr/lib" },
    );
    expect(resolveInImage(fs, "/lib/libc.so")).toBe("usr/lib/libc.so.6");
    expect(resolveInImage(fs, "/up/libc.so.6")).toBe("usr/lib/libc.so.6");
    expect(resolveInImage(fs, "/a")).toBeUndefined();
    expect(resolveInImage(fs, "/lib/missing.so")).toBeUndefined();
  });
});
