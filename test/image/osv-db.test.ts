import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { zip } from "../e2e/world/zip.js";
import { imagediet } from "../helpers/cli.js";
import { dockerArchive } from "../helpers/image-builder.js";
import { freePort } from "../helpers/registry.js";
import { ROOT } from "../helpers/shared.js";

const FIXTURES = join(ROOT, "test", "fixtures", "osv");
const fixture = (name: string) => readFileSync(join(FIXTURES, name), "utf8");

/**
 * OSV's layout (`<ecosystem>/all.zip`, one `<ID>.json` per entry), packed by Info-ZIP's zip from
 * the real advisories in test/fixtures/osv, served over HTTP by a static server that sends ETags
 * and answers conditional requests with 304, as OSV's bucket does.
 */
let site: string;
let source: string;
let requests: string;
let server: ChildProcess;

function pack(ecosystem: string, records: Record<string, string>) {
  const folder = mkdtempSync(join(tmpdir(), "imagediet-osv-src-"));
  for (const [name, text] of Object.entries(records)) writeFileSync(join(folder, name), text);
  mkdirSync(join(site, ecosystem), { recursive: true });
  rmSync(join(site, ecosystem, "all.zip"), { force: true });
  execFileSync("zip", ["-q", "-X", join(site, ecosystem, "all.zip"), ...Object.keys(records)], { cwd: folder });
}

const dsa = JSON.parse(fixture("DSA-5514-1.json"));
/** The same advisory narrowed to Debian 11: a record the Debian 12 database must leave out. */
const bullseyeOnly = {
  ...dsa,
  id: "DSA-5514-1-bullseye",
  affected: dsa.affected.filter((a: { package: { ecosystem: string } }) => a.package.ecosystem === "Debian:11"),
};

function image() {
  return dockerArchive([
    {
      texts: {
        "etc/os-release": 'ID=debian\nVERSION_ID="12"\n',
        "var/lib/dpkg/status":
          "Package: libc6\nStatus: install ok installed\nSource: glibc\nVersion: 2.36-9+deb12u1\nArchitecture: amd64\n",
        "app/node_modules/semver/package.json": JSON.stringify({ name: "semver", version: "7.5.1" }),
        "usr/local/lib/python3.11/site-packages/Flask-2.2.2.dist-info/METADATA":
          "Metadata-Version: 2.1\nName: Flask\nVersion: 2.2.2\n",
      },
    },
  ]);
}

const requested = () =>
  readFileSync(requests, "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as { path: string; ifNoneMatch: string | null });

beforeAll(async () => {
  const base = mkdtempSync(join(tmpdir(), "imagediet-osv-site-"));
  site = join(base, "site");
  requests = join(base, "requests.jsonl");
  writeFileSync(requests, "");
  pack("Debian", {
    "DSA-5514-1.json": fixture("DSA-5514-1.json"),
    "DSA-5514-1-bullseye.json": JSON.stringify(bullseyeOnly),
  });
  pack("npm", { "GHSA-c2qf-rxjj-qqgw.json": fixture("GHSA-c2qf-rxjj-qqgw.json") });
  pack("PyPI", { "PYSEC-2023-62.json": JSON.stringify(parseYaml(fixture("PYSEC-2023-62.yaml"))) });
  pack("Go", { "GO-2023-1878.json": fixture("GO-2023-1878.json") });
  const port = await freePort();
  server = spawn(
    process.execPath,
    [join(ROOT, "test", "helpers", "static-server.mjs"), site, "127.0.0.1", String(port), requests],
    { stdio: "ignore" },
  );
  source = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 50; i++) {
    try {
      await fetch(`${source}/`);
      break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
});

afterAll(() => {
  server?.kill();
});

describe("imagediet db update", () => {
  it("downloads the ecosystems an image needs, keeps only its Debian release, and scan then uses the records", () => {
    const db = mkdtempSync(join(tmpdir(), "imagediet-osv-db-"));
    const archive = image();
    const { code, stdout, stderr } = imagediet(["db", "update", archive, "--db", db, "--source", source, "--json"]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(
      result.ecosystems.map((e: { ecosystem: string; variants: string[]; status: string; records: number }) => [
        e.ecosystem,
        e.variants,
        e.status,
        e.records,
      ]),
    ).toEqual([
      ["Debian", ["Debian:12"], "downloaded", 1],
      ["PyPI", [], "downloaded", 1],
      ["npm", [], "downloaded", 1],
    ]);
    expect(readdirSync(join(db, "Debian"))).toEqual(["DSA-5514-1.json"]);
    expect(readFileSync(join(db, "Debian", "DSA-5514-1.json"), "utf8")).toBe(fixture("DSA-5514-1.json"));
    const scan = imagediet(["scan", "--scanner", "osv", "--db", db, "--json", archive]);
    expect(scan.code).toBe(0);
    expect(
      JSON.parse(scan.stdout)
        .vulnerabilities.map((v: { id: string }) => v.id)
        .sort(),
    ).toEqual(["DSA-5514-1", "GHSA-c2qf-rxjj-qqgw", "PYSEC-2023-62"]);
  });

  it("fills the user's cache folder when no --db is given, and scan reads it from there", () => {
    const cache = mkdtempSync(join(tmpdir(), "imagediet-cache-"));
    const env = { ...process.env, XDG_CACHE_HOME: cache, IMAGEDIET_OSV_DB: undefined, NO_COLOR: "1" };
    const archive = image();
    const update = imagediet(["db", "update", archive, "--source", source], { env });
    expect(update.code, update.stderr).toBe(0);
    expect(update.stdout).toContain(`database: ${join(cache, "imagediet", "osv")}`);
    const scan = imagediet(["scan", "--scanner", "osv", "--json", archive], { env });
    expect(scan.code, scan.stderr).toBe(0);
    expect(JSON.parse(scan.stdout).vulnerabilities).toHaveLength(3);
  });

  it("asks again with the archive's ETag, and says up to date on a 304 without rewriting the records", () => {
    const db = mkdtempSync(join(tmpdir(), "imagediet-osv-db-"));
    const args = ["db", "update", "--db", db, "--source", source, "--ecosystem", "Go"];
    expect(imagediet(args).code).toBe(0);
    writeFileSync(requests, "");
    const again = imagediet(args);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^Go\s+up to date\s+1 records/m);
    const [request] = requested();
    expect(request?.path).toBe("/Go/all.zip");
    expect(request?.ifNoneMatch).toMatch(/^".+"$/);
    // With no image and no --ecosystem, the ecosystems already in the database are refreshed.
    expect(imagediet(["db", "update", "--db", db, "--source", source]).stdout).toMatch(/^Go\s+up to date/m);
    // A list, and the flag again, before an image argument or after it.
    const both = imagediet([
      "db",
      "update",
      "--db",
      db,
      "--source",
      source,
      "--ecosystem",
      "Go,npm",
      "--ecosystem",
      "PyPI",
    ]);
    expect(both.stdout).toMatch(/^Go\s+up to date/m);
    expect(both.stdout).toMatch(/^npm\s+downloaded/m);
    expect(both.stdout).toMatch(/^PyPI\s+downloaded/m);
  });

  it("keeps the releases fetched before when another one is asked for", () => {
    const db = mkdtempSync(join(tmpdir(), "imagediet-osv-db-"));
    const update = (ecosystem: string) =>
      JSON.parse(imagediet(["db", "update", "--db", db, "--source", source, "--ecosystem", ecosystem, "--json"]).stdout)
        .ecosystems[0];
    expect(update("Debian:12")).toMatchObject({ variants: ["Debian:12"], records: 1 });
    expect(update("Debian:11")).toMatchObject({ variants: ["Debian:11", "Debian:12"], records: 2 });
    expect(readdirSync(join(db, "Debian")).sort()).toEqual(["DSA-5514-1-bullseye.json", "DSA-5514-1.json"]);
  });

  it("keeps the previous records when the new archive is broken, and says which archive", () => {
    const db = mkdtempSync(join(tmpdir(), "imagediet-osv-db-"));
    const args = ["db", "update", "--db", db, "--source", source, "--ecosystem", "crates.io"];
    const good = zip([{ name: "RUSTSEC-2020-0071.json", data: Buffer.from(JSON.stringify(rustsec)) }]);
    mkdirSync(join(site, "crates.io"), { recursive: true });
    writeFileSync(join(site, "crates.io", "all.zip"), good);
    expect(imagediet(args).code).toBe(0);
    writeFileSync(join(site, "crates.io", "all.zip"), good.subarray(0, good.length - 30));
    const { code, stderr } = imagediet(args);
    expect(code).toBe(2);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toContain(`${source}/crates.io/all.zip: not a zip archive`);
    expect(readdirSync(join(db, "crates.io"))).toEqual(["RUSTSEC-2020-0071.json"]);
    expect(readdirSync(db).filter((name) => name.startsWith("."))).toEqual([]);
  });

  it("refuses an entry larger than a record can be without inflating it all, and never uses entry names as paths", () => {
    const db = mkdtempSync(join(tmpdir(), "imagediet-osv-db-"));
    const folder = mkdtempSync(join(tmpdir(), "imagediet-osv-bomb-"));
    writeFileSync(join(folder, "BOMB.json"), "");
    for (let i = 0; i < 17; i++) appendFileSync(join(folder, "BOMB.json"), Buffer.alloc(1024 * 1024, 0x20));
    mkdirSync(join(site, "Alpine"), { recursive: true });
    rmSync(join(site, "Alpine", "all.zip"), { force: true });
    execFileSync("zip", ["-q", "-X", join(site, "Alpine", "all.zip"), "BOMB.json"], { cwd: folder });
    const bomb = imagediet(["db", "update", "--db", db, "--source", source, "--ecosystem", "Alpine:v3.20"]);
    expect(bomb.code).toBe(2);
    expect(bomb.stderr).toContain("BOMB.json: 17825792 bytes, more than an OSV record can be");

    const crates = ["db", "update", "--db", db, "--source", source, "--ecosystem", "crates.io"];
    const record = (id: string) => Buffer.from(JSON.stringify({ ...rustsec, id }));
    writeFileSync(join(site, "crates.io", "all.zip"), zip([{ name: "../../outside.json", data: record("X-1") }]));
    const climbing = imagediet(crates);
    expect(climbing.code).toBe(2);
    expect(climbing.stderr).toContain("broken zip archive: invalid relative path: ../../outside.json");
    writeFileSync(join(site, "crates.io", "all.zip"), zip([{ name: "X-2.json", data: record("../../ESCAPE/x") }]));
    expect(imagediet(crates).code).toBe(0);
    expect(readdirSync(join(db, "crates.io"))).toEqual(["__.._ESCAPE_x.json"]);
    expect(existsSync(join(db, "..", "outside.json"))).toBe(false);
    expect(existsSync(join(db, "..", "ESCAPE"))).toBe(false);
  });

  it("says in one line what is wrong: an unknown ecosystem, nothing to update, a server that is down", async () => {
    const db = mkdtempSync(join(tmpdir(), "imagediet-osv-db-"));
    const unknown = imagediet(["db", "update", "--db", db, "--ecosystem", "Maven"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown ecosystem "Maven"');
    const nothing = imagediet(["db", "update", "--db", db]);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain("nothing to update");
    const down = imagediet([
      "db",
      "update",
      "--db",
      db,
      "--ecosystem",
      "npm",
      "--source",
      `http://127.0.0.1:${await freePort()}`,
    ]);
    expect(down.code).toBe(2);
    expect(down.stderr.trim().split("\n")).toHaveLength(1);
    expect(down.stderr).toMatch(/npm\/all\.zip: cannot download: .*ECONNREFUSED/);
    const missing = imagediet(["db", "update", "--db", db, "--ecosystem", "Ubuntu:22.04", "--source", source]);
    expect(missing.stderr).toContain("Ubuntu/all.zip: download refused (HTTP 404)");
  });
});

/** RUSTSEC-2020-0071 (time, CVE-2020-26235), in the shape of the Rust advisory database's OSV export. */
const rustsec = {
  id: "RUSTSEC-2020-0071",
  summary: "Potential segfault in the time crate",
  aliases: ["CVE-2020-26235", "GHSA-wcg3-cvx6-7396"],
  affected: [
    {
      package: { ecosystem: "crates.io", name: "time", purl: "pkg:cargo/time" },
      ranges: [
        {
          type: "SEMVER",
          events: [{ introduced: "0.0.0-0" }, { fixed: "0.2.23" }],
        },
      ],
    },
  ],
};
