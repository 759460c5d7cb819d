import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers/shared.js";

/** What `npm pack` would put in the package, from npm itself (no build, no tarball written). */
function packedFiles(): string[] {
  const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: ROOT, encoding: "utf8" });
  const [pack] = JSON.parse(out) as { files: { path: string }[] }[];
  return pack.files.map((file) => file.path);
}

/** Relative link targets of a Markdown file: `[text](target)` without a scheme, anchors dropped. */
function relativeLinks(markdown: string): string[] {
  const links = [...markdown.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]);
  return links.filter((link) => !/^[a-z]+:/i.test(link) && !link.startsWith("#")).map((link) => link.split("#")[0]);
}

describe("the npm package", () => {
  const files = packedFiles();
  const packed = new Set(files);

  it("carries the licence, the bin and every export", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    expect(packed.has("LICENSE")).toBe(true);
    expect(packed.has(normalize(pkg.bin.imagediet))).toBe(true);
    const targets = Object.values(pkg.exports as Record<string, Record<string, string>>).flatMap(Object.values);
    for (const target of targets) expect(packed, target).toContain(normalize(target));
  });

  it("has no source map without its sources", () => {
    for (const map of files.filter((file) => file.endsWith(".map"))) {
      const { sources } = JSON.parse(readFileSync(join(ROOT, map), "utf8")) as { sources: string[] };
      for (const source of sources) expect(packed, `${map} → ${source}`).toContain(join(dirname(map), source));
    }
  });

  it("has every page its Markdown links to", () => {
    for (const page of files.filter((file) => file.endsWith(".md"))) {
      for (const link of relativeLinks(readFileSync(join(ROOT, page), "utf8"))) {
        const target = normalize(join(dirname(page), link)).replace(/\/$/, "");
        const found = packed.has(target) || files.some((file) => file.startsWith(`${target}/`));
        expect(found, `${page} links to ${link}`).toBe(true);
      }
    }
  });
});
