import type { Engine, ImageInspect } from "../engine/engine.js";
import type { ImageArchive } from "../image/archive.js";
import { type FinalFilesystem, readFinalFilesystem } from "../image/filesystem.js";
import { type Check, checkName, type ImageFacts } from "./checks.js";
import { checkNameResolution, describeResolvers, wantsForDns } from "./dns.js";
import { checkLibraries, resolveInImage, wantsForLibraries } from "./libraries.js";

export type Outcome = "pass" | "fail" | "skip";

export interface CheckResult {
  name: string;
  outcome: Outcome;
  /** Why it failed or was skipped, or what it saw. */
  detail: string;
}

/** What inference needs to know about a built image. */
export async function imageFacts(engine: Engine, image: string): Promise<ImageFacts> {
  const inspected: ImageInspect = engine.inspect(image) ?? {};
  const config = inspected.Config ?? {};
  const exposedPorts = Object.keys(config.ExposedPorts ?? {})
    .filter((key) => key.endsWith("/tcp") || !key.includes("/"))
    .map((key) => Number(key.split("/")[0]))
    .sort((a, b) => a - b);
  const shell = await engine.run({
    image,
    entrypoint: "/bin/sh",
    command: ["-c", "test ! -e /lib/ld-musl-x86_64.so.1"],
    network: "none",
  });
  return {
    exposedPorts,
    entrypoint: [...(config.Entrypoint ?? []), ...(config.Cmd ?? [])],
    user: config.User || undefined,
    minimal: shell.status !== 0,
  };
}

const ROOT_USER = /^(0|root)(:.*)?$/;

/** Where OpenSSL, Go, Rust's native-tls and Node look for CA certificates, per distribution. */
const CA_BUNDLES = [
  "etc/ssl/certs/ca-certificates.crt",
  "etc/pki/tls/certs/ca-bundle.crt",
  "etc/ssl/cert.pem",
  "etc/ssl/ca-bundle.pem",
];
/** A zone every tz database has (UTC), where glibc, musl, Go and Python's zoneinfo look. */
const ZONEINFO = ["usr/share/zoneinfo/UTC", "usr/share/zoneinfo/Etc/UTC"];

/** Runs each check against a built image in the engine; containers are removed as each check ends. */
export async function runChecks(
  engine: Engine,
  image: string,
  checks: Check[],
  load: () => Promise<ImageArchive>,
): Promise<CheckResult[]> {
  // The file checks share one read of the image's layers; file bodies only when the library or name checks need them.
  const readsBodies = checks.some((c) => ("libraries" in c && c.libraries) || ("dns" in c && c.dns));
  const wants = (path: string, size: number) => wantsForDns(path) || wantsForLibraries(path, size);
  let filesystem: Promise<FinalFilesystem> | undefined;
  const files = () => {
    filesystem ??= load().then((archive) => readFinalFilesystem(archive, readsBodies ? wants : undefined));
    return filesystem;
  };
  const results: CheckResult[] = [];
  for (const check of checks) {
    const name = checkName(check);
    try {
      results.push({ name, ...(await runOne(engine, image, check, files)) });
    } catch (error) {
      results.push({ name, outcome: "fail", detail: error instanceof Error ? error.message : String(error) });
    }
  }
  return results;
}

async function runOne(
  engine: Engine,
  image: string,
  check: Check,
  files: () => Promise<FinalFilesystem>,
): Promise<{ outcome: Outcome; detail: string }> {
  if ("http" in check) return probeHttp(engine, image, check.http);
  if ("command" in check || "test" in check) {
    const argv = "command" in check ? check.command : check.test;
    const expect = "command" in check ? check.expect : { exitCode: 0, stdoutContains: undefined };
    const [entrypoint = "", ...rest] = argv;
    const ran = await engine.run({ image, entrypoint, command: rest, network: "host" });
    if (ran.status !== expect.exitCode)
      return {
        outcome: "fail",
        detail: `exit code ${ran.status}, expected ${expect.exitCode}${ran.stderr.trim() ? `: ${lastLine(ran.stderr)}` : ""}`,
      };
    if (expect.stdoutContains !== undefined && !ran.stdout.includes(expect.stdoutContains))
      return { outcome: "fail", detail: `stdout does not contain ${JSON.stringify(expect.stdoutContains)}` };
    return { outcome: "pass", detail: `exit code ${ran.status}` };
  }
  if ("nonRoot" in check) {
    if (!check.nonRoot) return { outcome: "skip", detail: "turned off" };
    const user = engine.inspect(image)?.Config?.User ?? "";
    if (!user) return { outcome: "fail", detail: "no USER: the container runs as root" };
    if (ROOT_USER.test(user)) return { outcome: "fail", detail: `USER ${user} is root` };
    const id = await engine.run({ image, entrypoint: "id", command: ["-u"], network: "none" });
    if (id.status === 0) {
      const uid = id.stdout.trim();
      return uid === "0"
        ? { outcome: "fail", detail: `USER ${user} has uid 0` }
        : { outcome: "pass", detail: `uid ${uid}` };
    }
    return { outcome: "pass", detail: `USER ${user} (no id command in the image)` };
  }
  if ("caBundle" in check || "timezones" in check) {
    if (!("caBundle" in check ? check.caBundle : check.timezones)) return { outcome: "skip", detail: "turned off" };
    const fs = await files();
    const paths = "caBundle" in check ? CA_BUNDLES : ZONEINFO;
    const found = paths.find((path) => {
      const real = resolveInImage(fs, path);
      const entry = real ? fs.entries.get(real) : undefined;
      return entry !== undefined && (entry.type === "directory" || entry.size > 0);
    });
    if (found) return { outcome: "pass", detail: `/${found}` };
    return { outcome: "fail", detail: `none of ${paths.map((p) => `/${p}`).join(", ")} in the image` };
  }
  if ("dns" in check) {
    if (!check.dns) return { outcome: "skip", detail: "turned off" };
    const result = checkNameResolution(await files());
    if (result.problems.length) return { outcome: "fail", detail: result.problems.slice(0, 3).join("; ") };
    // Where the image has getent (glibc's libc-bin, Alpine's musl-utils), a real lookup through its configuration.
    const lookup = await engine.run({ image, entrypoint: "getent", command: ["hosts", "localhost"], network: "none" });
    if (lookup.status === 2)
      return {
        outcome: "fail",
        detail: "getent hosts localhost found nothing: look at /etc/nsswitch.conf and /etc/hosts",
      };
    const seen = lookup.status === 0 ? `; getent hosts localhost → ${lookup.stdout.trim().split(/\s+/)[0]}` : "";
    return { outcome: "pass", detail: `${describeResolvers(result)}${seen}` };
  }
  if (!check.libraries) return { outcome: "skip", detail: "turned off" };
  const result = checkLibraries(await files());
  if (result.missing.length === 0) return { outcome: "pass", detail: `${result.checked.length} ELF files checked` };
  const shown = result.missing.slice(0, 5).map((m) => `${m.binary} needs ${m.library}`);
  return { outcome: "fail", detail: `${result.missing.length} missing: ${shown.join("; ")}` };
}

async function probeHttp(
  engine: Engine,
  image: string,
  http: { port: number; path: string; status?: number; timeoutSeconds: number },
): Promise<{ outcome: Outcome; detail: string }> {
  const url = `http://127.0.0.1:${http.port}${http.path}`;
  if (await answer(url)) return { outcome: "fail", detail: `port ${http.port} is already in use on this host` };
  const started = await engine.run({ image, network: "host", detach: true });
  if (started.status !== 0 || !started.id)
    return { outcome: "fail", detail: `container did not start: ${lastLine(started.stderr)}` };
  try {
    const deadline = Date.now() + http.timeoutSeconds * 1000;
    let last = "no answer";
    while (Date.now() < deadline) {
      const status = await answer(url);
      if (status !== undefined) {
        const ok = http.status === undefined ? status < 500 : status === http.status;
        if (ok) return { outcome: "pass", detail: `GET ${http.path} → ${status}` };
        last = `GET ${http.path} → ${status}, expected ${http.status ?? "below 500"}`;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return { outcome: "fail", detail: `${last} after ${http.timeoutSeconds} s` };
  } finally {
    engine.remove(started.id);
  }
}

async function answer(url: string): Promise<number | undefined> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return undefined;
  }
}

function lastLine(text: string): string {
  return text.trim().split("\n").pop() ?? "";
}
