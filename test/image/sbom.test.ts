import * as CDX from "@cyclonedx/cyclonedx-library";
import { describe, expect, it } from "vitest";
import { openImage } from "../../src/image/archive.js";
import { collectPackages, parseApkInstalled, parseDpkgStatus, toCycloneDx } from "../../src/vuln/sbom.js";
import { imagediet } from "../helpers/cli.js";
import { dockerArchive } from "../helpers/image-builder.js";

// Records in the formats dpkg, apk, pip and npm write (names and versions of real packages).
const DPKG = `Package: libssl3
Status: install ok installed
Priority: optional
Architecture: amd64
Source: openssl
Version: 3.0.15-1~deb12u1
Description: Secure Sockets Layer toolkit
 shared libraries

Package: curl
Status: deinstall ok config-files
Architecture: amd64
Version: 7.88.1-10+deb12u8

Package: zlib1g
Status: install ok installed
Architecture: amd64
Source: zlib (1:1.2.13.dfsg-1)
Version: 1:1.2.13.dfsg-1
`;
const APK =
  "C:Q1abc=\nP:busybox\nV:1.36.1-r29\nA:x86_64\no:busybox\n\nC:Q1def=\nP:libcrypto3\nV:3.3.2-r0\nA:x86_64\no:openssl\n";
const OS_RELEASE = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\n';

describe("package databases", () => {
  it("dpkg status: installed packages with their source package; removed ones left out", () => {
    expect(
      parseDpkgStatus(DPKG, "/var/lib/dpkg/status", 0).map((p) => [
        p.name,
        p.version,
        p.source?.name,
        p.source?.version,
      ]),
    ).toEqual([
      ["libssl3", "3.0.15-1~deb12u1", "openssl", "3.0.15-1~deb12u1"],
      ["zlib1g", "1:1.2.13.dfsg-1", "zlib", "1:1.2.13.dfsg-1"],
    ]);
  });

  it("apk installed: packages with their origin", () => {
    expect(parseApkInstalled(APK, "/lib/apk/db/installed", 0).map((p) => [p.name, p.version, p.source?.name])).toEqual([
      ["busybox", "1.36.1-r29", "busybox"],
      ["libcrypto3", "3.3.2-r0", "openssl"],
    ]);
  });
});

describe("imagediet sbom", () => {
  const archive = () =>
    dockerArchive([
      {
        texts: {
          "etc/os-release": OS_RELEASE,
          "var/lib/dpkg/status": DPKG,
          "var/lib/dpkg/status.d/base-files": "Package: base-files\nVersion: 12.4+deb12u7\nArchitecture: amd64\n",
          "usr/lib/python3.11/site-packages/flask-2.2.2.dist-info/METADATA":
            "Metadata-Version: 2.1\nName: Flask\nVersion: 2.2.2\n\nlong description\n",
          "app/node_modules/express/package.json": '{"name":"express","version":"4.21.1"}',
          "app/node_modules/@types/node/package.json": '{"name":"@types/node","version":"20.17.6"}',
          "app/node_modules/old/package.json": '{"name":"old","version":"1.0.0"}',
        },
      },
      { whiteouts: ["app/node_modules/old"] },
    ]);

  it("collects every ecosystem from the final filesystem (whiteouts remove packages)", async () => {
    const { packages, distro } = await collectPackages(openImage(archive()));
    expect(distro).toEqual({ id: "debian", versionId: "12" });
    expect(packages.map((p) => `${p.ecosystem}:${p.name}@${p.version}`).sort()).toEqual([
      "deb:base-files@12.4+deb12u7",
      "deb:libssl3@3.0.15-1~deb12u1",
      "deb:zlib1g@1:1.2.13.dfsg-1",
      "npm:@types/node@20.17.6",
      "npm:express@4.21.1",
      "pypi:Flask@2.2.2",
    ]);
  });

  it("writes CycloneDX 1.5 JSON that the CycloneDX library's strict validator accepts", async () => {
    const image = openImage(archive());
    const { packages, distro } = await collectPackages(image);
    const json = toCycloneDx("imagediet-test/fixture:1", packages, distro);
    const errors = await new CDX.Validation.JsonStrictValidator(CDX.Spec.Version.v1dot5).validate(json);
    expect(errors).toBeNull();
    const bom = JSON.parse(json);
    expect(bom.specVersion).toBe("1.5");
    expect(bom.components.map((c: { purl: string }) => c.purl)).toContain(
      "pkg:deb/debian/libssl3@3.0.15-1~deb12u1?arch=amd64&distro=debian-12",
    );
    expect(bom.components.map((c: { purl: string }) => c.purl)).toContain("pkg:npm/%40types/node@20.17.6");
  });

  it("prints a table", () => {
    const { code, stdout } = imagediet(["sbom", "--format", "table", archive()]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^deb {3}libssl3 +3\.0\.15-1~deb12u1 +layer 0 {2}\/var\/lib\/dpkg\/status$/m);
    expect(stdout).toContain("6 packages on debian 12");
  });
});
