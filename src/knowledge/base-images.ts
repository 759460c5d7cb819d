/**
 * The base-image catalog: official images, their variants, family and typical sizes (linux/amd64).
 * Sizes in MB; `compressed` is the pull size, `uncompressed` what `docker images` shows. Figures from
 * docker-library/repo-info and the distroless README (2025–26); they are typical, not exact, and the
 * reports say so. One source of truth, read by lint, optimize and report.
 */
export type Family = "debian" | "ubuntu" | "alpine" | "distroless" | "wolfi" | "scratch";

export interface Variant {
  /** The tag suffix: "" for the full image, "slim", "alpine", … */
  suffix: string;
  family: Family;
  packageManager: "apt" | "apk" | "none";
  shell: boolean;
  compressedMB: number;
  uncompressedMB: number;
}

export interface CatalogImage {
  /** Repository as written in FROM (Docker Hub official images without `library/`). */
  name: string;
  /** What the image is for: a language runtime, a build toolchain, or an OS. */
  kind: "runtime" | "toolchain" | "os";
  variants: Variant[];
}

const v = (suffix: string, family: Family, compressedMB: number, uncompressedMB: number): Variant => ({
  suffix,
  family,
  packageManager:
    family === "alpine" || family === "wolfi" ? "apk" : family === "debian" || family === "ubuntu" ? "apt" : "none",
  shell: family !== "distroless" && family !== "scratch",
  compressedMB,
  uncompressedMB,
});

export const BASE_IMAGES: CatalogImage[] = [
  {
    name: "python",
    kind: "runtime",
    variants: [v("", "debian", 382, 1100), v("slim", "debian", 45, 125), v("alpine", "alpine", 18, 55)],
  },
  {
    name: "node",
    kind: "runtime",
    variants: [v("", "debian", 398, 1100), v("slim", "debian", 71, 200), v("alpine", "alpine", 48, 135)],
  },
  { name: "golang", kind: "toolchain", variants: [v("", "debian", 300, 850), v("alpine", "alpine", 75, 250)] },
  {
    name: "rust",
    kind: "toolchain",
    variants: [v("", "debian", 540, 1400), v("slim", "debian", 260, 750), v("alpine", "alpine", 335, 900)],
  },
  { name: "gcc", kind: "toolchain", variants: [v("", "debian", 430, 1400)] },
  {
    name: "eclipse-temurin",
    kind: "runtime",
    variants: [
      v("", "ubuntu", 190, 450),
      v("jre", "ubuntu", 90, 270),
      v("jre-alpine", "alpine", 70, 190),
      v("alpine", "alpine", 160, 350),
    ],
  },
  { name: "openjdk", kind: "runtime", variants: [v("", "debian", 330, 470), v("slim", "debian", 220, 400)] },
  { name: "maven", kind: "toolchain", variants: [v("", "ubuntu", 290, 620)] },
  { name: "gradle", kind: "toolchain", variants: [v("", "ubuntu", 390, 830)] },
  {
    name: "ruby",
    kind: "runtime",
    variants: [v("", "debian", 360, 1000), v("slim", "debian", 70, 220), v("alpine", "alpine", 30, 90)],
  },
  {
    name: "php",
    kind: "runtime",
    variants: [
      v("", "debian", 190, 520),
      v("fpm", "debian", 190, 520),
      v("alpine", "alpine", 32, 110),
      v("fpm-alpine", "alpine", 32, 110),
    ],
  },
  { name: "debian", kind: "os", variants: [v("", "debian", 49, 117), v("slim", "debian", 28, 75)] },
  { name: "ubuntu", kind: "os", variants: [v("", "ubuntu", 30, 78)] },
  { name: "alpine", kind: "os", variants: [v("", "alpine", 3.6, 8)] },
  { name: "gcr.io/distroless/static-debian12", kind: "os", variants: [v("", "distroless", 1, 2)] },
  { name: "gcr.io/distroless/base-debian12", kind: "os", variants: [v("", "distroless", 20, 48)] },
  { name: "gcr.io/distroless/cc-debian12", kind: "os", variants: [v("", "distroless", 23, 55)] },
  { name: "gcr.io/distroless/python3-debian12", kind: "runtime", variants: [v("", "distroless", 50, 140)] },
  { name: "gcr.io/distroless/nodejs20-debian12", kind: "runtime", variants: [v("", "distroless", 55, 160)] },
  { name: "gcr.io/distroless/java17-debian12", kind: "runtime", variants: [v("", "distroless", 95, 230)] },
  { name: "cgr.dev/chainguard/static", kind: "os", variants: [v("", "wolfi", 1, 2)] },
  { name: "cgr.dev/chainguard/wolfi-base", kind: "os", variants: [v("", "wolfi", 6, 14)] },
];

/** Debian and Ubuntu release names that appear as tag suffixes: `3.11-bookworm` is the full image. */
const RELEASES = ["bookworm", "bullseye", "buster", "trixie", "jammy", "noble", "focal"];

export interface ResolvedBase {
  image: CatalogImage;
  variant: Variant;
  /** The version part of the tag (`3.11` of `python:3.11-slim`). */
  version: string;
  /** The Debian or Ubuntu release named in the tag (`bookworm`), kept when swapping variants. */
  release: string | undefined;
}

/** Finds a FROM reference in the catalog: `python:3.11-slim-bookworm` → python, slim, version 3.11. */
export function resolveBase(repository: string, tag: string | undefined): ResolvedBase | undefined {
  const name = repository.replace(/^(docker\.io\/)?(library\/)?/, "");
  const image = BASE_IMAGES.find((i) => i.name === name);
  if (!image) return undefined;
  const raw = tag ?? "latest";
  let rest = raw;
  const release = RELEASES.find((r) => raw === r || raw.endsWith(`-${r}`));
  if (release) rest = rest.slice(0, rest.length - release.length).replace(/-$/, "");
  rest = rest.replace(/-?alpine[\d.]*$/, (m) => (m.startsWith("-") ? "-alpine" : "alpine"));
  const versionMatch = /^(\d[\w.]*|latest|lts|current|stable)?-?(.*)$/.exec(rest);
  const version = versionMatch?.[1] ?? "";
  const suffix = versionMatch?.[2] ?? "";
  const variant =
    image.variants.find((x) => x.suffix === suffix) ?? (RELEASES.includes(raw) ? image.variants[0] : undefined);
  return variant ? { image, variant, version, release } : undefined;
}

/** The smallest variant of the same image with a shell and a package manager (what a drop-in swap needs). */
export function smallerVariants(resolved: ResolvedBase): Variant[] {
  return resolved.image.variants
    .filter((x) => x.uncompressedMB < resolved.variant.uncompressedMB && x.shell)
    .sort((a, b) => a.uncompressedMB - b.uncompressedMB);
}

/** The tag of another variant, keeping version and (for Debian-based variants) the release. */
export function tagFor(resolved: ResolvedBase, variant: Variant): string {
  const release = variant.family === "debian" || variant.family === "ubuntu" ? resolved.release : undefined;
  // `debian:bookworm-slim` puts the release first; `python:3.11-slim-bookworm` puts it last.
  const ordered = resolved.version ? [resolved.version, variant.suffix, release] : [release, variant.suffix];
  const parts = ordered.filter((part): part is string => Boolean(part));
  return parts.length > 0 ? parts.join("-") : "latest";
}
