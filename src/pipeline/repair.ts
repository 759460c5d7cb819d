/**
 * The fix loop's diagnosis: what the optimized image misses that its build stage has — shared
 * libraries and the loader (read from the ELF files), commands, the CA bundle, zoneinfo — and the
 * Dockerfile line that brings each into the final stage: a COPY from the build stage on images
 * without a package manager, `apt-get install` of the owning Debian package on Debian images, and
 * `apk add` of its Alpine counterpart (from the package map) on Alpine images.
 */
import { readFileSync } from "node:fs";
import { posix } from "node:path";
import { parse } from "../dockerfile/parse.js";
import type { Engine } from "../engine/engine.js";
import type { ImageArchive } from "../image/archive.js";
import { type FinalFilesystem, readFinalFilesystem } from "../image/filesystem.js";
import { mapToApk } from "../knowledge/apt-to-apk.js";
import { checkLibraries, locateLibrary, resolveInImage, wantsForLibraries } from "../verify/libraries.js";

export interface Fix {
  /** What was added, as the report shows it: `libz.so.1 (zlib1g)`. */
  added: string;
  why: string;
  /** The Dockerfile line for the final stage. */
  line: string;
}

export interface Need {
  /** Absolute path in the build stage. */
  path: string;
  label: string;
  why: string;
}

const CA_BUNDLE = "/etc/ssl/certs/ca-certificates.crt";
// TLS errors as Go, OpenSSL, Python and Node word them, and the caBundle check's own failure.
const CA_FAILURE =
  /x509: certificate signed by unknown authority|certificate verify failed|CERTIFICATE_VERIFY_FAILED|unable to get local issuer certificate|no CA certificates|ca-certificates\.crt/i;
const TZ_FAILURE = /unknown time zone|zoneinfo|No time zone found|tzdata/i;
// The dns check's own failures, and lookups failing as glibc, Go and Node word them.
const DNS_FAILURE =
  /to resolve names|Temporary failure in name resolution|Name or service not known|no such host|getaddrinfo (?:EAI_AGAIN|ENOTFOUND)|nsswitch\.conf/;
const NSS_MODULES = ["libnss_files.so.2", "libnss_dns.so.2"];
const COMMAND_FAILURE = /exec: "([^"/]+)": executable file not found|(?:^|[\s:])([\w.+-]+): (?:command )?not found/;
const COMMAND_DIRS = ["usr/local/bin", "usr/bin", "bin", "usr/local/sbin", "usr/sbin", "sbin"];

/** Finds what the failures point at and how to add it; empty when nothing can be found. */
export async function findFixes(
  engine: Engine,
  options: {
    context: string;
    dockerfile: string;
    image: string;
    failures: string[];
    network: string;
    /** Tag for the build stage, built (from cache) to read what it holds. */
    tag: string;
    load: (ref: string) => Promise<ImageArchive>;
    signal?: AbortSignal;
  },
): Promise<Fix[]> {
  const dockerfile = parse(readFileSync(options.dockerfile, "utf8"), { file: options.dockerfile });
  const final = dockerfile.stages[dockerfile.stages.length - 1];
  const source = final?.instructions.find(
    (i) => (i.keyword === "COPY" || i.keyword === "ADD") && i.from?.value !== undefined,
  );
  const builderName =
    source && (source.keyword === "COPY" || source.keyword === "ADD") ? source.from?.value : undefined;
  const builder = dockerfile.stages.find(
    (s) => s !== final && (s.name === builderName?.toLowerCase() || String(s.index) === builderName),
  );
  if (!final || !builder) return [];

  const image = await readFinalFilesystem(await options.load(options.image), wantsForLibraries);
  const family = image.entries.has("lib/apk/db/installed")
    ? "apk"
    : image.entries.has("var/lib/dpkg/status") && resolveInImage(image, "bin/sh")
      ? "apt"
      : "copy";

  await engine.build({
    context: options.context,
    dockerfile: options.dockerfile,
    tag: options.tag,
    target: builder.name ?? String(builder.index),
    network: options.network,
    noCache: false,
    signal: options.signal,
  });
  const stage = await readFinalFilesystem(
    await options.load(options.tag),
    (path) => (path.startsWith("var/lib/dpkg/info/") && path.endsWith(".list")) || /^etc\/ld\.so\.conf/.test(path),
  );
  const needs = missingFrom(image, stage, options.failures);
  if (needs.length === 0) return [];
  const from = builder.name ?? String(builder.index);
  return linesFor(needs, family, from, stage);
}

/** What the image lacks that the build stage has, for these failures (exported for its tests). */
export function missingFrom(image: FinalFilesystem, stage: FinalFilesystem, failures: string[]): Need[] {
  const needs: Need[] = [];
  const seen = new Set<string>();
  const need = (path: string, label: string, why: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    needs.push({ path, label, why });
  };
  for (const missing of checkLibraries(image).missing) {
    const found =
      missing.kind === "interpreter"
        ? resolveInImage(stage, missing.library)
          ? missing.library
          : undefined
        : locateLibrary(stage, missing.library);
    if (found)
      need(
        found,
        missing.library,
        missing.kind === "interpreter"
          ? `${missing.binary} is dynamically linked and the image has no loader`
          : `${missing.binary} needs ${missing.library}`,
      );
  }
  const text = failures.join("\n");
  if (CA_FAILURE.test(text) && !image.entries.has(CA_BUNDLE.slice(1)) && resolveInImage(stage, CA_BUNDLE))
    need(CA_BUNDLE, "the CA bundle", "TLS verification failed: the image has no CA certificates");
  if (TZ_FAILURE.test(text) && !image.entries.has("usr/share/zoneinfo") && stage.entries.has("usr/share/zoneinfo"))
    need("/usr/share/zoneinfo", "zoneinfo", "time-zone loading failed: the image has no zoneinfo");
  if (DNS_FAILURE.test(text)) {
    for (const module of NSS_MODULES) {
      const found = locateLibrary(stage, module);
      if (found && !locateLibrary(image, module))
        need(found, module, `name lookups failed: glibc's ${module.split(".")[0]} module is not in the image`);
    }
    if (/nsswitch\.conf/.test(text) && stage.entries.has("etc/nsswitch.conf"))
      need(
        "/etc/nsswitch.conf",
        "/etc/nsswitch.conf",
        "name lookups failed: the image's name service switch has neither files nor dns",
      );
  }
  const command = COMMAND_FAILURE.exec(text);
  const name = command?.[1] ?? command?.[2];
  if (name) {
    const found = COMMAND_DIRS.map((dir) => `${dir}/${name}`).find((p) => resolveInImage(stage, p));
    if (found && !COMMAND_DIRS.some((dir) => resolveInImage(image, `${dir}/${name}`)))
      need(`/${found}`, name, `the command ${name} was not found in the image`);
  }
  return needs;
}

/** The Debian package whose file list holds the path (either side of the /usr merge). */
function ownerOf(stage: FinalFilesystem, path: string): string | undefined {
  const real = resolveInImage(stage, path);
  const forms = new Set<string>();
  for (const p of [path.replace(/^\/+/, ""), real].filter((p): p is string => p !== undefined)) {
    forms.add(`/${p}`);
    forms.add(p.startsWith("usr/") ? `/${p.slice(4)}` : `/usr/${p}`);
  }
  for (const [file, content] of stage.contents) {
    const lines = content.toString("utf8").split("\n");
    if (lines.some((line) => forms.has(line))) return posix.basename(file, ".list").replace(/:.*$/, "");
  }
  return undefined;
}

function linesFor(needs: Need[], imageFamily: "apk" | "apt" | "copy", from: string, stage: FinalFilesystem): Fix[] {
  if (imageFamily === "copy")
    return needs.map((n) => {
      const owner = ownerOf(stage, n.path);
      return {
        added: `${n.label}${owner ? ` (${owner}, from the build stage's package database)` : ""}`,
        why: n.why,
        line: `COPY --from=${from} ${n.path} ${n.path}`,
      };
    });
  const owners = new Map<string, Need[]>();
  const orphans: Need[] = [];
  for (const n of needs) {
    const owner = ownerOf(stage, n.path);
    if (owner) owners.set(owner, [...(owners.get(owner) ?? []), n]);
    else orphans.push(n);
  }
  const fixes: Fix[] = [];
  const packages = [...owners.keys()];
  if (imageFamily === "apt" && packages.length > 0) {
    fixes.push({
      added: packages.join(" "),
      why: [...owners.values()]
        .flat()
        .map((n) => n.why)
        .join("; "),
      line: `RUN apt-get update && apt-get install -y --no-install-recommends ${packages.join(" ")} && rm -rf /var/lib/apt/lists/*`,
    });
  }
  if (imageFamily === "apk" && packages.length > 0) {
    const mapped = mapToApk(packages);
    const apk = [...new Set([...mapped.run, ...mapped.build.filter((p) => !p.endsWith("-dev"))])];
    if (apk.length > 0)
      fixes.push({
        added: `${apk.join(" ")} (Alpine for ${packages.join(" ")})`,
        why: [...owners.values()]
          .flat()
          .map((n) => n.why)
          .join("; "),
        line: `RUN apk add --no-cache ${apk.join(" ")}`,
      });
    for (const name of mapped.unknown) orphans.push(...(owners.get(name) ?? []));
  }
  for (const n of orphans) fixes.push({ added: n.label, why: n.why, line: `COPY --from=${from} ${n.path} ${n.path}` });
  return fixes;
}

/** Adds lines right after the final stage's FROM (as root, before any USER). */
export function insertIntoFinalStage(text: string, file: string, lines: string[]): string {
  const dockerfile = parse(text, { file });
  const final = dockerfile.stages[dockerfile.stages.length - 1];
  if (!final) return text;
  const at = final.from.range.end.offset;
  return `${text.slice(0, at)}\n${lines.join("\n")}${text.slice(at)}`;
}
