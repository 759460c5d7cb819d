import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream } from "node:stream/web";
import type { Command } from "commander";
import { ImagedietError } from "../errors.js";
import { osvEcosystem, recordEcosystem } from "../vuln/osv.js";
import { readOsvArchive } from "../vuln/osv-archive.js";
import { OSV_MANIFEST, osvDbFolder } from "../vuln/osv-folder.js";
import { collectPackages } from "../vuln/sbom.js";
import { IMAGE_ARGUMENT, loadImage } from "./image-source.js";

/** Where OSV publishes one archive per ecosystem: `<source>/<ecosystem>/all.zip`. */
export const OSV_SOURCE = "https://osv-vulnerabilities.storage.googleapis.com";

/** The ecosystems whose records the matcher can use, by the name of OSV's archive. */
const ARCHIVES = ["Debian", "Ubuntu", "Alpine", "PyPI", "npm", "Go", "crates.io"] as const;

interface ArchiveState {
  /** The ecosystems kept from the archive (`Debian:12`), or every record when empty. */
  variants: string[];
  records: number;
  etag?: string;
  lastModified?: string;
  updated: string;
}

interface Manifest {
  source: string;
  ecosystems: Record<string, ArchiveState>;
}

export interface UpdateResult {
  ecosystem: string;
  variants: string[];
  status: "downloaded" | "up to date";
  records: number;
  bytes: number;
  seconds: number;
}

function readManifest(folder: string, source: string): Manifest {
  const file = join(folder, OSV_MANIFEST);
  if (!existsSync(file)) return { source, ecosystems: {} };
  try {
    const manifest = JSON.parse(readFileSync(file, "utf8")) as Manifest;
    return manifest.source === source ? manifest : { source, ecosystems: {} };
  } catch {
    throw new ImagedietError("not a valid database manifest; remove it to start afresh", { file });
  }
}

/** `Debian:12` → the archive `Debian` and the variant `Debian:12`; `PyPI` → `PyPI`, every record. */
export function archiveOf(ecosystem: string): { archive: string; variant?: string } {
  const [name, ...rest] = ecosystem.split(":");
  const archive = ARCHIVES.find((known) => known.toLowerCase() === name?.toLowerCase());
  if (!archive)
    throw new ImagedietError(
      `unknown ecosystem ${JSON.stringify(ecosystem)}: one of Debian:N, Ubuntu:YY.MM, Alpine:vX.Y, PyPI, npm, Go, crates.io`,
    );
  return rest.length ? { archive, variant: `${archive}:${rest.join(":")}` } : { archive };
}

/** The OSV ecosystems an image's packages need (`Debian:12`, `PyPI`, …). */
export async function ecosystemsOfImage(argument: string): Promise<string[]> {
  const { packages, distro } = await collectPackages(await loadImage(argument));
  return [...new Set(packages.map((p) => osvEcosystem(p, distro)).filter((e): e is string => !!e))].sort();
}

/** A record's id as a file name: OSV ids are letters, digits, dashes and dots; anything else becomes `_`. */
const fileName = (id: string) => `${id.replace(/[^A-Za-z0-9._-]/g, "_").replace(/^\.+/, "_")}.json`;

async function download(url: string, state: ArchiveState | undefined, part: string) {
  const headers: Record<string, string> = {};
  if (state?.etag) headers["If-None-Match"] = state.etag;
  if (state?.lastModified) headers["If-Modified-Since"] = state.lastModified;
  const response = await fetch(url, { headers }).catch((error: Error) => {
    throw new ImagedietError(`cannot download: ${error.cause instanceof Error ? error.cause.message : error.message}`, {
      file: url,
      hint: "offline? point --source or IMAGEDIET_OSV_SOURCE at a mirror",
    });
  });
  if (response.status === 304) return { fresh: false as const };
  if (!response.ok || !response.body)
    throw new ImagedietError(`download refused (HTTP ${response.status})`, { file: url });
  await pipeline(Readable.fromWeb(response.body as ReadableStream<Uint8Array>), createWriteStream(part)).catch(
    (error: Error) => {
      throw new ImagedietError(`download interrupted: ${error.message}`, { file: url });
    },
  );
  return {
    fresh: true as const,
    etag: response.headers.get("etag") ?? undefined,
    lastModified: response.headers.get("last-modified") ?? undefined,
  };
}

/**
 * Downloads OSV's archive of each ecosystem needed (conditionally, when it was fetched before for
 * the same variants) and stores its records, those of the wanted variants only, as
 * `<folder>/<archive>/<ID>.json`. The previous records stay until the new ones are complete.
 */
export async function updateOsvDb(
  folder: string,
  ecosystems: string[],
  source: string,
  onProgress: (message: string) => void = () => {},
): Promise<UpdateResult[]> {
  mkdirSync(folder, { recursive: true });
  const manifest = readManifest(folder, source);
  const wanted = new Map<string, Set<string> | "all">();
  for (const ecosystem of ecosystems) {
    const { archive, variant } = archiveOf(ecosystem);
    const now = wanted.get(archive);
    if (!variant || now === "all") wanted.set(archive, "all");
    else wanted.set(archive, new Set([...(now ?? []), variant]));
  }
  const results: UpdateResult[] = [];
  for (const [archive, want] of wanted) {
    const started = Date.now();
    const previous = manifest.ecosystems[archive];
    // Releases fetched before stay: the database grows to every release asked for.
    const keepAll = want === "all" || previous?.variants.length === 0;
    if (want !== "all") for (const variant of previous?.variants ?? []) want.add(variant);
    const variants = keepAll ? [] : [...want].sort();
    const sameScope =
      previous && previous.variants.join(",") === variants.join(",") && existsSync(join(folder, archive));
    const url = `${source.replace(/\/+$/, "")}/${encodeURIComponent(archive)}/all.zip`;
    const part = join(folder, `.${archive}.zip.part`);
    const staging = join(folder, `.${archive}.staging`);
    onProgress(`${archive}: downloading ${url}`);
    try {
      const got = await download(url, sameScope ? previous : undefined, part);
      if (!got.fresh) {
        const records = previous?.records ?? 0;
        results.push({
          ecosystem: archive,
          variants,
          status: "up to date",
          records,
          bytes: 0,
          seconds: (Date.now() - started) / 1000,
        });
        continue;
      }
      const bytes = statSync(part).size;
      onProgress(`${archive}: reading ${(bytes / 1e6).toFixed(1)} MB`);
      rmSync(staging, { recursive: true, force: true });
      mkdirSync(staging);
      let records = 0;
      await readOsvArchive(
        part,
        ({ record, bytes: body }) => {
          const wanted = (a: { package?: { ecosystem: string } }) =>
            a.package !== undefined && variants.includes(recordEcosystem(a.package.ecosystem));
          if (!keepAll && !record.affected?.some(wanted)) return;
          writeFileSync(join(staging, fileName(record.id)), body);
          records++;
        },
        url,
      );
      rmSync(join(folder, archive), { recursive: true, force: true });
      renameSync(staging, join(folder, archive));
      manifest.ecosystems[archive] = {
        variants,
        records,
        etag: got.etag,
        lastModified: got.lastModified,
        updated: new Date().toISOString(),
      };
      writeFileSync(join(folder, OSV_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
      results.push({
        ecosystem: archive,
        variants,
        status: "downloaded",
        records,
        bytes,
        seconds: (Date.now() - started) / 1000,
      });
    } finally {
      rmSync(part, { force: true });
      rmSync(staging, { recursive: true, force: true });
    }
  }
  return results;
}

export function registerDb(program: Command): void {
  const db = program
    .command("db")
    .description("the OSV vulnerability records scan matches against when no trivy or grype is installed");
  db.command("update")
    .description("download OSV's records for the ecosystems the given images (or --ecosystem) need")
    .argument("[images...]", `images whose packages decide the ecosystems: ${IMAGE_ARGUMENT}`)
    .option("--db <dir>", "the database folder (default: IMAGEDIET_OSV_DB, else ~/.cache/imagediet/osv)")
    .option(
      "--ecosystem <name>",
      "an ecosystem as OSV names it: Debian:12, Ubuntu:22.04, Alpine:v3.20, PyPI, npm, Go, crates.io (repeat it, or separate with commas)",
      (value: string, previous: string[] = []) => [...previous, ...value.split(",").filter(Boolean)],
    )
    .option(
      "--source <url>",
      "where the archives are (<url>/<ecosystem>/all.zip)",
      process.env.IMAGEDIET_OSV_SOURCE ?? OSV_SOURCE,
    )
    .option("--json", "print what was updated as JSON")
    .action(async (images: string[], flags: { db?: string; ecosystem?: string[]; source: string; json?: boolean }) => {
      const folder = osvDbFolder(flags.db);
      const ecosystems = [...(flags.ecosystem ?? [])];
      for (const image of images) ecosystems.push(...(await ecosystemsOfImage(image)));
      if (!ecosystems.length) {
        const known = readManifest(folder, flags.source).ecosystems;
        for (const [archive, state] of Object.entries(known))
          ecosystems.push(...(state.variants.length ? state.variants : [archive]));
      }
      if (!ecosystems.length)
        throw new ImagedietError(
          "nothing to update: name images, or --ecosystem (Debian:12, Alpine:v3.20, PyPI, npm, Go, crates.io)",
          { file: folder },
        );
      const tty = process.stderr.isTTY && !flags.json;
      const results = await updateOsvDb(folder, ecosystems, flags.source, (message) => {
        if (tty) process.stderr.write(`\r\x1b[2K${message}`);
      });
      if (tty) process.stderr.write("\r\x1b[2K");
      if (flags.json) {
        process.stdout.write(`${JSON.stringify({ db: folder, source: flags.source, ecosystems: results }, null, 2)}\n`);
        return;
      }
      for (const r of results)
        process.stdout.write(
          `${(r.variants.length ? r.variants.join(", ") : r.ecosystem).padEnd(24)} ${r.status.padEnd(11)} ${String(r.records).padStart(7)} records${r.bytes ? `  ${(r.bytes / 1e6).toFixed(1)} MB in ${r.seconds.toFixed(1)} s` : ""}\n`,
        );
      process.stdout.write(`database: ${folder}\n`);
    });
}
