import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openImage } from "../../src/image/archive.js";
import { loadOsv, matchOsv } from "../../src/vuln/osv.js";
import { collectPackages } from "../../src/vuln/sbom.js";
import { imagediet } from "../helpers/cli.js";
import { dockerArchive } from "../helpers/image-builder.js";
import { ROOT } from "../helpers/shared.js";

const DB = join(ROOT, "test", "fixtures", "osv");
const SCANNERS = join(ROOT, "test", "fixtures", "scanners");
const OS_RELEASE = 'ID=debian\nVERSION_ID="12"\n';
const dpkg = (glibc: string) =>
  `Package: libc6\nStatus: install ok installed\nSource: glibc\nVersion: ${glibc}\nArchitecture: amd64\n`;

function image(glibc: string, semver: string, flask: string) {
  return dockerArchive([
    {
      texts: {
        "etc/os-release": OS_RELEASE,
        "var/lib/dpkg/status": dpkg(glibc),
        "app/node_modules/semver/package.json": JSON.stringify({ name: "semver", version: semver }),
        [`usr/local/lib/python3.11/site-packages/Flask-${flask}.dist-info/METADATA`]: `Metadata-Version: 2.1\nName: Flask\nVersion: ${flask}\n`,
      },
    },
  ]);
}

describe("imagediet scan against OSV records", () => {
  it("matches Debian packages by source package, npm and PyPI by name, with ranges and severities", async () => {
    const { packages, distro } = await collectPackages(openImage(image("2.36-9+deb12u1", "7.5.1", "2.2.2")));
    const found = matchOsv(packages, distro, loadOsv(DB));
    expect(found.map((v) => [v.id, v.package, v.installedVersion, v.fixedVersion, v.severity])).toEqual([
      ["PYSEC-2023-62", "Flask", "2.2.2", "2.2.5", "unknown"],
      ["DSA-5514-1", "libc6", "2.36-9+deb12u1", "2.36-9+deb12u3", "unknown"],
      ["GHSA-c2qf-rxjj-qqgw", "semver", "7.5.1", "7.5.2", "medium"],
    ]);
  });

  it("finds the Go standard library a program was built with, and matches Go's advisories", async () => {
    // Debian's docker-registry is a Go 1.19 program; its build information names the toolchain.
    const archive = dockerArchive([
      { texts: { "etc/os-release": OS_RELEASE }, copies: { "usr/bin/docker-registry": "/usr/bin/docker-registry" } },
    ]);
    const { packages, distro } = await collectPackages(openImage(archive));
    const stdlib = packages.find((p) => p.ecosystem === "golang" && p.name === "stdlib");
    expect(stdlib?.location).toBe("/usr/bin/docker-registry");
    expect(stdlib?.version).toMatch(/^1\.\d+(\.\d+)?$/);
    const go = matchOsv(packages, distro, loadOsv(DB)).filter((v) => v.id.startsWith("GO-"));
    // GO-2023-1878 is fixed in 1.19.11 and 1.20.6.
    const [major, minor, patch] = (stdlib?.version ?? "0.0.0").split(".").map(Number);
    const affected =
      major === 1 && (minor < 19 || (minor === 19 && (patch ?? 0) < 11) || (minor === 20 && (patch ?? 0) < 6));
    expect(go.map((v) => v.id)).toEqual(affected ? ["GO-2023-1878"] : []);
    const bom = JSON.parse(imagediet(["sbom", archive]).stdout) as { components: { purl: string }[] };
    expect(bom.components.map((c) => c.purl)).toContain(`pkg:golang/stdlib@${stdlib?.version}`);
  });

  it("reads Go 1.13–1.17 programs too: Debian 11's ebnflint, built with Go 1.15.9, is affected", async () => {
    const dir = mkdtempSync(join(tmpdir(), "imagediet-go115-"));
    execFileSync("dpkg-deb", [
      "-x",
      join(ROOT, "test/fixtures/go/ebnflint_0.0-git20181112.a3060d4-2+b6_amd64.deb"),
      dir,
    ]);
    const archive = dockerArchive([
      { texts: { "etc/os-release": OS_RELEASE }, copies: { "usr/bin/ebnflint": join(dir, "usr/bin/ebnflint") } },
    ]);
    const { packages, distro } = await collectPackages(openImage(archive));
    expect(packages.filter((p) => p.ecosystem === "golang").map((p) => [p.name, p.version, p.location])).toEqual([
      ["stdlib", "1.15.9", "/usr/bin/ebnflint"],
    ]);
    expect(matchOsv(packages, distro, loadOsv(DB)).map((v) => [v.id, v.installedVersion, v.fixedVersion])).toEqual([
      ["GO-2023-1878", "1.15.9", "1.19.11"],
    ]);
  });

  it("matches Ubuntu's records, whose ecosystem names the LTS (Ubuntu:22.04:LTS)", async () => {
    // UBUNTU-CVE-2023-4911 (glibc "Looney Tunables"), fixed for 22.04 in 2.35-0ubuntu3.4 (USN-6409-1),
    // in the shape of Ubuntu's OSV records; and the same for Ubuntu Pro, which a plain image is not.
    const record = (ecosystem: string) => ({
      id: `UBUNTU-CVE-2023-4911${ecosystem.includes("Pro") ? "-pro" : ""}`,
      affected: [
        {
          package: { ecosystem, name: "glibc" },
          ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "0" }, { fixed: "2.35-0ubuntu3.4" }] }],
        },
      ],
    });
    const ubuntu = dockerArchive([
      {
        texts: {
          "etc/os-release": 'ID=ubuntu\nVERSION_ID="22.04"\n',
          "var/lib/dpkg/status":
            "Package: libc6\nStatus: install ok installed\nSource: glibc\nVersion: 2.35-0ubuntu3.1\nArchitecture: amd64\n",
        },
      },
    ]);
    const { packages, distro } = await collectPackages(openImage(ubuntu));
    const found = matchOsv(packages, distro, [record("Ubuntu:22.04:LTS"), record("Ubuntu:Pro:22.04:LTS")]);
    expect(found.map((v) => [v.id, v.ecosystem, v.installedVersion, v.fixedVersion])).toEqual([
      ["UBUNTU-CVE-2023-4911", "Ubuntu:22.04", "2.35-0ubuntu3.1", "2.35-0ubuntu3.4"],
    ]);
  });

  it("reports nothing for fixed versions", async () => {
    const { packages, distro } = await collectPackages(openImage(image("2.36-9+deb12u3", "7.5.2", "2.3.2")));
    expect(matchOsv(packages, distro, loadOsv(DB))).toEqual([]);
  });

  it("prints counts by severity, honours --fail-on, and compares two images", () => {
    const before = image("2.36-9+deb12u1", "7.5.1", "2.2.2");
    const after = image("2.36-9+deb12u3", "7.5.1", "2.3.2");
    const table = imagediet(["scan", "--db", DB, before]);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain("3 vulnerabilities: 0 critical, 0 high, 1 medium, 0 low, 2 unknown");
    expect(imagediet(["scan", "--db", DB, "--fail-on", "high", before]).code).toBe(0);
    const delta = JSON.parse(imagediet(["scan", "--db", DB, "--json", after, "--against", before]).stdout);
    expect(delta.fixed.map((v: { id: string }) => v.id).sort()).toEqual(["DSA-5514-1", "PYSEC-2023-62"]);
    expect(delta.new).toEqual([]);
  });

  it("reads trivy's and grype's JSON reports", () => {
    const archive = image("2.36-9+deb12u1", "7.5.1", "2.2.2");
    const trivy = JSON.parse(imagediet(["scan", "--import", join(SCANNERS, "trivy.json"), "--json", archive]).stdout);
    expect(trivy.scanner).toBe("trivy");
    expect(trivy.counts).toEqual({ critical: 0, high: 1, medium: 1, low: 0, unknown: 0 });
    const grype = JSON.parse(
      imagediet(["scan", "--import", join(SCANNERS, "grype.json"), "--json", "--fail-on", "high", archive]).stdout,
    );
    expect(grype.vulnerabilities[0]).toMatchObject({
      id: "CVE-2023-4911",
      package: "libc6",
      fixedVersion: "2.36-9+deb12u3",
      severity: "high",
    });
    expect(imagediet(["scan", "--import", join(SCANNERS, "grype.json"), "--fail-on", "high", archive]).code).toBe(1);
  });

  it("says what is missing when there is no vulnerability source", () => {
    const { code, stderr } = imagediet(["scan", "--scanner", "osv", image("2.36-9", "7.5.2", "2.3.2")], {
      env: { ...process.env, IMAGEDIET_OSV_DB: "", XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), "imagediet-cache-")) },
    });
    expect(code).toBe(2);
    expect(stderr).toContain(
      "no vulnerability source: install trivy or grype, run `imagediet db update IMAGE`, or pass --db DIR with OSV records",
    );
  });
});
