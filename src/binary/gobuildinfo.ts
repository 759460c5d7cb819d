/**
 * Go's build information in a binary (`go version -m`): the Go version and the module list the
 * linker embeds after the `\xff Go buildinf:` header — varint-prefixed strings since Go 1.18,
 * pointers to Go strings in Go 1.13–1.17.
 */
import { elfVirtualBytes } from "./elf.js";

const MAGIC = Buffer.from("\xff Go buildinf:", "latin1");
/** Header flag: the strings follow inline (1.18+) rather than through pointers. */
const INLINE = 0x2;

export interface GoModule {
  path: string;
  version: string;
}

export interface GoBuildInfo {
  goVersion: string;
  /** The main package's import path. */
  path?: string;
  /** The main module, when built in module mode. */
  main?: GoModule;
  deps: GoModule[];
  settings: Record<string, string>;
}

function uvarint(bytes: Buffer, at: number): [number, number] | undefined {
  let value = 0;
  let shift = 0;
  for (let i = at; i < bytes.length && shift < 35; i++) {
    const byte = bytes[i] as number;
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return [value, i + 1];
    shift += 7;
  }
  return undefined;
}

function inlineString(bytes: Buffer, at: number): [string, number] | undefined {
  const length = uvarint(bytes, at);
  if (!length || length[1] + length[0] > bytes.length) return undefined;
  return [bytes.subarray(length[1], length[1] + length[0]).toString("utf8"), length[1] + length[0]];
}

/**
 * Go 1.13–1.17: after the header, two pointers (of the header's pointer size and byte order) to Go
 * string headers {data, length} for the version and the module text, all virtual addresses.
 */
function pointedStrings(bytes: Buffer, at: number): [string, string] | undefined {
  const size = bytes[at + 14] as number;
  const big = ((bytes[at + 15] as number) & 0x1) !== 0;
  if (size !== 4 && size !== 8) return undefined;
  const pointer = (b: Buffer, o: number) =>
    size === 8
      ? Number(big ? b.readBigUInt64BE(o) : b.readBigUInt64LE(o))
      : big
        ? b.readUInt32BE(o)
        : b.readUInt32LE(o);
  const goString = (address: number) => {
    const header = elfVirtualBytes(bytes, address, size * 2);
    if (!header) return undefined;
    const length = pointer(header, size);
    if (length === 0) return "";
    if (length > 1 << 20) return undefined;
    return elfVirtualBytes(bytes, pointer(header, 0), length)?.toString("utf8");
  };
  const version = goString(pointer(bytes, at + 16));
  const modinfo = goString(pointer(bytes, at + 16 + size));
  return version === undefined ? undefined : [version, modinfo ?? ""];
}

/** Reads the build information of a Go binary (1.13+); undefined for other files. */
export function readGoBuildInfo(bytes: Buffer): GoBuildInfo | undefined {
  if (bytes.length < 64 || bytes.readUInt32BE(0) !== 0x7f454c46) return undefined;
  let at = bytes.indexOf(MAGIC);
  // The header is 16-byte aligned; a stray copy of the magic elsewhere is skipped.
  while (at !== -1 && at % 16 !== 0) at = bytes.indexOf(MAGIC, at + 1);
  if (at === -1 || at + 32 > bytes.length) return undefined;
  let goVersion: string;
  let text: string;
  if (((bytes[at + 15] as number) & INLINE) !== 0) {
    const version = inlineString(bytes, at + 32);
    if (!version) return undefined;
    goVersion = version[0];
    text = inlineString(bytes, version[1])?.[0] ?? "";
  } else {
    const strings = pointedStrings(bytes, at);
    if (!strings) return undefined;
    [goVersion, text] = strings;
  }
  if (!goVersion.startsWith("go") && !goVersion.startsWith("devel")) return undefined;
  // The module text sits between two 16-byte sentinels.
  if (text.length >= 33 && text.charCodeAt(text.length - 17) === 0x0a) text = text.slice(16, -16);
  const info: GoBuildInfo = { goVersion, deps: [], settings: {} };
  let last: GoModule | undefined;
  for (const line of text.split("\n")) {
    const [kind, ...fields] = line.split("\t");
    if (kind === "path") info.path = fields[0];
    else if (kind === "mod" || kind === "dep") {
      last = { path: fields[0] ?? "", version: fields[1] ?? "" };
      if (kind === "mod") info.main = last;
      else info.deps.push(last);
    } else if (kind === "=>" && last) {
      // A replace directive: the module that was built is the replacement.
      last.path = fields[0] ?? last.path;
      last.version = fields[1] ?? last.version;
    } else if (kind === "build") {
      const setting = fields.join("\t");
      const equals = setting.indexOf("=");
      if (equals > 0) info.settings[setting.slice(0, equals)] = setting.slice(equals + 1);
    }
  }
  return info;
}
