import * as CDX from "@cyclonedx/cyclonedx-library";
import { type CrateInfo, readCargoAuditable } from "../binary/cargoauditable.js";
import { type GoBuildInfo, readGoBuildInfo } from "../binary/gobuildinfo.js";
import type { ImageArchive } from "../image/archive.js";
import { readFinalFilesystem } from "../image/filesystem.js";

export type Ecosystem = "deb" | "apk" | "pypi" | "npm" | "golang" | "cargo";

/** An installed package, with where its record was found. */
export interface InstalledPackage {
  ecosystem: Ecosystem;
  name: string;
  version: string;
  /** The source package (Debian `Source:`, Alpine `o:` origin), which advisories are keyed by. */
  source?: { name: string; version: string };
  arch?: string;
  /** The file the record came from. */
  location: string;
  layer: number;
}

export interface Distro {
  id: string;
  versionId: string | undefined;
}

/** Package database files, by path. */
const DB_PATHS: [RegExp, Ecosystem | "os-release"][] = [
  [/^var\/lib\/dpkg\/status$/, "deb"],
  [/^var\/lib\/dpkg\/status\.d\/[^/]+$/, "deb"],
  [/^lib\/apk\/db\/installed$/, "apk"],
  [/\.dist-info\/METADATA$/, "pypi"],
  [/\.egg-info\/PKG-INFO$/, "pypi"],
  [/(^|\/)node_modules\/(@[^/]+\/)?[^/@][^/]*\/package\.json$/, "npm"],
  [/^(etc|usr\/lib)\/os-release$/, "os-release"],
];

/** The package databases read as text; Go and Rust programs are read for what they embed. */
type DatabaseKind = Exclude<Ecosystem, "golang" | "cargo"> | "os-release";

function kindOf(path: string): DatabaseKind | undefined {
  return DB_PATHS.find(([pattern]) => pattern.test(path))?.[1] as DatabaseKind | undefined;
}

/**
 * Files that may be Go programs: executables outside the data and library trees. Only their build
 * information is kept, so memory stays bounded by the largest one.
 */
function mayBeProgram(path: string, size: number): boolean {
  if (size < 64 * 1024 || size > 512 * 1024 * 1024) return false;
  if (/^(etc|var|usr\/share|usr\/include|proc|sys|dev|run|tmp)\//.test(path)) return false;
  if (/\.(so(\.[\d.]+)?|a|o|py|pyc|js|json|txt|md|html|gz|zip|jar|png|jpg|tar|xz|zst|deb|whl)$/i.test(path))
    return false;
  return /(^|\/)(s?bin|app|go\/bin|libexec|tool\/[^/]+)\/[^/]+$/.test(path) || !path.includes("/lib/");
}

/** The crates a Rust program was built from (cargo-auditable), those from a registry. */
export function cratePackages(crates: CrateInfo[], location: string, layer: number): InstalledPackage[] {
  return crates
    .filter((c) => !c.root && c.source !== "local")
    .map((c) => ({ ecosystem: "cargo" as const, name: c.name, version: c.version, location, layer }));
}

/** The Go modules a program was built from, with the standard library as `stdlib`. */
export function goPackages(info: GoBuildInfo, location: string, layer: number): InstalledPackage[] {
  const bare = (version: string) => version.replace(/^v/, "");
  const packages: InstalledPackage[] = [
    { ecosystem: "golang", name: "stdlib", version: bare(info.goVersion.replace(/^go/, "")), location, layer },
  ];
  for (const module of [info.main, ...info.deps]) {
    if (!module?.path || !module.version || module.version === "(devel)") continue;
    packages.push({ ecosystem: "golang", name: module.path, version: bare(module.version), location, layer });
  }
  return packages;
}

/** Debian control paragraphs: `Key: value` lines, continuation lines start with a space. */
function paragraphs(text: string): Map<string, string>[] {
  return text
    .split(/\n\s*\n/)
    .map((block) => {
      const fields = new Map<string, string>();
      let last = "";
      for (const line of block.split("\n")) {
        if (/^\s/.test(line) && last) fields.set(last, `${fields.get(last)}\n${line.trim()}`);
        else {
          const colon = line.indexOf(":");
          if (colon > 0) {
            last = line.slice(0, colon).trim();
            fields.set(last, line.slice(colon + 1).trim());
          }
        }
      }
      return fields;
    })
    .filter((f) => f.size > 0);
}

export function parseDpkgStatus(text: string, location: string, layer: number): InstalledPackage[] {
  return paragraphs(text)
    .filter(
      (p) => p.get("Package") && p.get("Version") && (!p.has("Status") || /\binstalled$/.test(p.get("Status") ?? "")),
    )
    .map((p) => {
      const version = p.get("Version") as string;
      const source = /^(\S+)(?:\s+\(([^)]+)\))?/.exec(p.get("Source") ?? "");
      return {
        ecosystem: "deb" as const,
        name: p.get("Package") as string,
        version,
        source: { name: source?.[1] ?? (p.get("Package") as string), version: source?.[2] ?? version },
        arch: p.get("Architecture"),
        location,
        layer,
      };
    });
}

export function parseApkInstalled(text: string, location: string, layer: number): InstalledPackage[] {
  const packages: InstalledPackage[] = [];
  for (const block of text.split(/\n\s*\n/)) {
    const fields = new Map<string, string>();
    for (const line of block.split("\n")) if (line[1] === ":") fields.set(line[0], line.slice(2));
    const name = fields.get("P");
    const version = fields.get("V");
    if (!name || !version) continue;
    packages.push({
      ecosystem: "apk",
      name,
      version,
      source: { name: fields.get("o") ?? name, version },
      arch: fields.get("A"),
      location,
      layer,
    });
  }
  return packages;
}

export function parsePythonMetadata(text: string, location: string, layer: number): InstalledPackage[] {
  const head = text.split(/\n\n/)[0];
  const name = /^Name:\s*(.+)$/m.exec(head)?.[1].trim();
  const version = /^Version:\s*(.+)$/m.exec(head)?.[1].trim();
  return name && version ? [{ ecosystem: "pypi", name, version, location, layer }] : [];
}

export function parseNodePackage(text: string, location: string, layer: number): InstalledPackage[] {
  try {
    const manifest = JSON.parse(text) as { name?: unknown; version?: unknown };
    if (typeof manifest.name !== "string" || typeof manifest.version !== "string") return [];
    return [{ ecosystem: "npm", name: manifest.name, version: manifest.version, location, layer }];
  } catch {
    return [];
  }
}

const PARSERS: Record<
  Exclude<Ecosystem, "golang" | "cargo">,
  (text: string, location: string, layer: number) => InstalledPackage[]
> = {
  deb: parseDpkgStatus,
  apk: parseApkInstalled,
  pypi: parsePythonMetadata,
  npm: parseNodePackage,
};

/**
 * The packages installed in the image's final filesystem: package-database files are read from each
 * layer (small files only), later layers replace earlier copies, whiteouts remove them.
 */
export async function collectPackages(
  image: ImageArchive,
): Promise<{ packages: InstalledPackage[]; distro: Distro | undefined }> {
  const goBinaries = new Set<string>();
  const rustBinaries = new Set<string>();
  const fs = await readFinalFilesystem(
    image,
    (path, size) => (size <= 32 * 1024 * 1024 && kindOf(path) !== undefined) || mayBeProgram(path, size),
    (path, content) => {
      if (kindOf(path) !== undefined) return content;
      const info = readGoBuildInfo(content);
      if (info) {
        goBinaries.add(path);
        return Buffer.from(JSON.stringify(info));
      }
      const crates = readCargoAuditable(content);
      if (!crates) return undefined;
      rustBinaries.add(path);
      return Buffer.from(JSON.stringify(crates));
    },
  );
  const files = new Map(
    [...fs.contents].map(([path, content]) => [
      path,
      { text: content.toString("utf8"), layer: fs.entries.get(path)?.layer ?? 0 },
    ]),
  );
  let distro: Distro | undefined;
  const packages: InstalledPackage[] = [];
  for (const [path, file] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
    const kind = kindOf(path);
    if (kind === "os-release") {
      if (!distro || path.startsWith("etc/")) {
        const id = /^ID="?([^"\n]+)"?$/m.exec(file.text)?.[1];
        if (id) distro = { id, versionId: /^VERSION_ID="?([^"\n]+)"?$/m.exec(file.text)?.[1] };
      }
      continue;
    }
    if (kind) packages.push(...PARSERS[kind](file.text, `/${path}`, file.layer));
    else if (goBinaries.has(path))
      packages.push(...goPackages(JSON.parse(file.text) as GoBuildInfo, `/${path}`, file.layer));
    else if (rustBinaries.has(path))
      packages.push(...cratePackages(JSON.parse(file.text) as CrateInfo[], `/${path}`, file.layer));
  }
  return { packages, distro };
}

/** Package URL of a package (purl), with the distro as namespace for OS packages. */
function purlOf(pkg: InstalledPackage, distro: Distro | undefined): string {
  const enc = encodeURIComponent;
  if (pkg.ecosystem === "deb" || pkg.ecosystem === "apk") {
    const namespace = distro?.id ?? (pkg.ecosystem === "apk" ? "alpine" : "debian");
    const qualifiers = [
      pkg.arch ? `arch=${enc(pkg.arch)}` : "",
      distro?.versionId ? `distro=${enc(`${namespace}-${distro.versionId}`)}` : "",
    ]
      .filter(Boolean)
      .join("&");
    return `pkg:${pkg.ecosystem}/${namespace}/${enc(pkg.name)}@${enc(pkg.version)}${qualifiers ? `?${qualifiers}` : ""}`;
  }
  if (pkg.ecosystem === "cargo") return `pkg:cargo/${enc(pkg.name)}@${enc(pkg.version)}`;
  if (pkg.ecosystem === "golang") return `pkg:golang/${pkg.name.split("/").map(enc).join("/")}@${enc(pkg.version)}`;
  if (pkg.ecosystem === "npm") {
    const [scope, name] = pkg.name.startsWith("@") ? pkg.name.split("/") : [undefined, pkg.name];
    return `pkg:npm/${scope ? `${enc(scope)}/` : ""}${enc(name)}@${enc(pkg.version)}`;
  }
  return `pkg:pypi/${enc(pkg.name.toLowerCase().replace(/[-_.]+/g, "-"))}@${enc(pkg.version)}`;
}

/** CycloneDX 1.5 JSON, made with the CycloneDX project's own library. */
export function toCycloneDx(imageName: string, packages: InstalledPackage[], distro: Distro | undefined): string {
  const bom = new CDX.Models.Bom();
  bom.metadata.component = new CDX.Models.Component(CDX.Enums.ComponentType.Container, imageName);
  const seen = new Set<string>();
  for (const pkg of packages) {
    const purl = purlOf(pkg, distro);
    if (seen.has(purl)) continue;
    seen.add(purl);
    const component = new CDX.Models.Component(CDX.Enums.ComponentType.Library, pkg.name, {
      version: pkg.version,
      bomRef: purl,
    });
    component.purl = purl;
    component.properties.add(new CDX.Models.Property("imagediet:location", pkg.location));
    component.properties.add(new CDX.Models.Property("imagediet:layer", String(pkg.layer)));
    if (pkg.source && pkg.source.name !== pkg.name)
      component.properties.add(new CDX.Models.Property("imagediet:source", `${pkg.source.name}@${pkg.source.version}`));
    bom.components.add(component);
  }
  const serializer = new CDX.Serialize.JsonSerializer(new CDX.Serialize.JSON.Normalize.Factory(CDX.Spec.Spec1dot5));
  return serializer.serialize(bom, { sortLists: true, space: 2 });
}
