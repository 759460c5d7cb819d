/**
 * The dependency list cargo-auditable embeds in Rust binaries: zlib-compressed JSON in the
 * `.dep-v0` section, `{"packages": [{"name", "version", "source", "root"?, "dependencies"?}]}`.
 */
import { inflateSync } from "node:zlib";
import { elfSection } from "./elf.js";

export interface CrateInfo {
  name: string;
  version: string;
  /** `crates.io`, `local`, `git`, `registry` … */
  source: string;
  root: boolean;
}

export function readCargoAuditable(bytes: Buffer): CrateInfo[] | undefined {
  const section = elfSection(bytes, ".dep-v0");
  if (!section) return undefined;
  try {
    const data = JSON.parse(inflateSync(section).toString("utf8")) as {
      packages?: { name?: string; version?: string; source?: string; root?: boolean }[];
    };
    return (data.packages ?? [])
      .filter((p) => p.name && p.version)
      .map((p) => ({
        name: p.name as string,
        version: p.version as string,
        source: p.source ?? "crates.io",
        root: p.root === true,
      }));
  } catch {
    return undefined;
  }
}
