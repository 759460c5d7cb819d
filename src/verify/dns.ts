/**
 * Can the programs in an image resolve host names? The engine provides `/etc/resolv.conf` and
 * `/etc/hosts` at run time; what the image must bring depends on how each program resolves:
 *
 * - Go built without cgo (or with the `netgo` tag): Go's own resolver, nothing needed.
 * - musl (dynamic or static): its resolver is part of libc, nothing needed.
 * - glibc, dynamic: name lookups go through NSS; since glibc 2.34 the `files` and `dns` modules are
 *   part of libc.so.6, before that libnss_files.so.2 and libnss_dns.so.2 must be in the image.
 * - glibc, static: the same modules are linked in since 2.34 (checked for real: a `-static`
 *   getaddrinfo program from glibc 2.36 resolves in `scratch`); an older one dlopens them. A static
 *   binary does not say which glibc it was linked with, so the result says so instead of failing.
 *
 * In every case an `/etc/nsswitch.conf` whose `hosts:` line has neither `files` nor `dns` breaks
 * lookups. Programs that never resolve names (no getaddrinfo, gethostbyname or NSS in them) are
 * left out.
 */
import { posix } from "node:path";
import { readElf } from "../binary/elf.js";
import { readGoBuildInfo } from "../binary/gobuildinfo.js";
import type { FinalFilesystem } from "../image/filesystem.js";
import { locateLibrary, programPaths, resolveInImage } from "./libraries.js";

export type Resolver = "go" | "musl" | "glibc" | "glibc-static";

export interface ResolvingProgram {
  path: string;
  resolver: Resolver;
}

export interface DnsResult {
  programs: ResolvingProgram[];
  /** The glibc of the image's libc.so.6: `new` when its NSS files and dns modules are built in. */
  glibc?: "new" | "old";
  problems: string[];
}

const NAME_LOOKUP = [Buffer.from("getaddrinfo\0"), Buffer.from("gethostbyname"), Buffer.from("/etc/nsswitch.conf")];
const NSS_LIBRARIES = ["libnss_files.so.2", "libnss_dns.so.2"];

/** Bodies the check reads besides the programs and libraries: the name service switch configuration. */
export function wantsForDns(path: string): boolean {
  return path === "etc/nsswitch.conf";
}

function classify(bytes: Buffer): Resolver | undefined {
  let elf: ReturnType<typeof readElf>;
  try {
    elf = readElf(bytes);
  } catch {
    return undefined;
  }
  if (!elf) return undefined;
  const go = readGoBuildInfo(bytes);
  if (go) {
    const tags = (go.settings["-tags"] ?? "").split(",");
    if (go.settings.CGO_ENABLED !== "1" || tags.includes("netgo")) return "go";
  }
  if (!NAME_LOOKUP.some((needle) => bytes.includes(needle))) return undefined;
  if (elf.interpreter?.includes("ld-musl")) return "musl";
  if (elf.interpreter) return elf.needed.some((n) => n.startsWith("libc.musl")) ? "musl" : "glibc";
  // Static: glibc's NSS leaves its module names behind; musl's resolver has none.
  return bytes.includes("libnss_") ? "glibc-static" : "musl";
}

/** Whether glibc's libc.so.6 in the image has the NSS files and dns modules built in (2.34 and later). */
function glibcGeneration(fs: FinalFilesystem): "new" | "old" | undefined {
  const located = locateLibrary(fs, "libc.so.6");
  const real = located ? resolveInImage(fs, located) : undefined;
  if (!real) return undefined;
  const bytes = fs.contents.get(real);
  if (bytes) return bytes.includes("GLIBC_2.34\0") ? "new" : "old";
  const minor = /libc-2\.(\d+)\.so$/.exec(real)?.[1];
  return minor !== undefined && Number(minor) < 34 ? "old" : "new";
}

/** Checks name resolution for every program in the image that resolves names (or those named). */
export function checkNameResolution(fs: FinalFilesystem, programs?: string[]): DnsResult {
  const found: ResolvingProgram[] = [];
  for (const path of new Set(programPaths(fs, programs))) {
    const bytes = fs.contents.get(path);
    const resolver = bytes ? classify(bytes) : undefined;
    if (resolver) found.push({ path: `/${path}`, resolver });
  }
  const problems: string[] = [];
  const nsswitch = fs.contents.get("etc/nsswitch.conf")?.toString("utf8");
  const hosts = nsswitch
    ?.split("\n")
    .map((line) => line.replace(/#.*/, "").trim())
    .find((line) => line.startsWith("hosts:"));
  if (hosts && !/\b(files|dns)\b/.test(hosts) && found.some((p) => p.resolver !== "go" && p.resolver !== "musl"))
    problems.push(`/etc/nsswitch.conf has "${hosts}": neither files nor dns`);
  const glibc = found.some((p) => p.resolver === "glibc") ? glibcGeneration(fs) : undefined;
  const missingNss = NSS_LIBRARIES.filter((name) => !locateLibrary(fs, name));
  for (const program of found) {
    if (program.resolver === "glibc" && glibc === "old" && missingNss.length)
      problems.push(
        `${program.path}: glibc before 2.34 loads ${missingNss.join(" and ")} to resolve names; not in the image`,
      );
  }
  return { programs: found, ...(glibc ? { glibc } : {}), problems };
}

/** One line for the report: how many programs resolve names, and how. */
export function describeResolvers(result: DnsResult): string {
  if (!result.programs.length) return "no program in the image resolves host names";
  const counts = new Map<Resolver, number>();
  for (const p of result.programs) counts.set(p.resolver, (counts.get(p.resolver) ?? 0) + 1);
  const how: Record<Resolver, string> = {
    go: "Go's own resolver",
    musl: "musl's resolver",
    glibc: `glibc NSS${result.glibc === "new" ? " (files and dns built into libc)" : ""}`,
    "glibc-static": "static glibc (built-in files and dns if linked with glibc 2.34 or later)",
  };
  const parts = [...counts].map(([resolver, n]) => `${n} with ${how[resolver]}`);
  const sample = result.programs.length === 1 ? ` (${posix.basename(result.programs[0]?.path ?? "")})` : "";
  return `${result.programs.length} program${result.programs.length === 1 ? "" : "s"} resolve${result.programs.length === 1 ? "s" : ""} names${sample}: ${parts.join(", ")}`;
}
