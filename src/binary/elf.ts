/** What a check needs from an ELF file: is it dynamic, which loader, which libraries, where to look. */
export interface ElfInfo {
  bits: 32 | 64;
  machine: number;
  /** PT_INTERP: the dynamic loader's path, absent for static binaries. */
  interpreter?: string;
  /** DT_NEEDED entries in file order. */
  needed: string[];
  /** DT_RUNPATH, or DT_RPATH when there is no RUNPATH, split on `:`. */
  searchPath: string[];
}

const PT_INTERP = 3;
const PT_DYNAMIC = 2;
const PT_LOAD = 1;
const DT_NEEDED = 1;
const DT_STRTAB = 5;
const DT_RPATH = 15;
const DT_RUNPATH = 29;

export function isElf(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x7f && bytes[1] === 0x45 && bytes[2] === 0x4c && bytes[3] === 0x46;
}

/**
 * Reads the program headers and the dynamic section of an ELF file (32 or 64 bit, either byte
 * order). Returns undefined for files that are not ELF; throws on ELF files that are cut short.
 */
export function readElf(bytes: Buffer): ElfInfo | undefined {
  if (!isElf(bytes)) return undefined;
  try {
    return parseElf(bytes);
  } catch (error) {
    if (error instanceof RangeError) throw new Error("ELF file is truncated");
    throw error;
  }
}

/** Readers of the header's word sizes in the file's byte order (Buffer's RangeError past the end). */
function fields(bytes: Buffer) {
  const is64 = bytes[4] === 2;
  const little = bytes[5] === 1;
  const u16 = (o: number) => (little ? bytes.readUInt16LE(o) : bytes.readUInt16BE(o));
  const u32 = (o: number) => (little ? bytes.readUInt32LE(o) : bytes.readUInt32BE(o));
  const word = (o: number) => (is64 ? Number(little ? bytes.readBigUInt64LE(o) : bytes.readBigUInt64BE(o)) : u32(o));
  return { is64, u16, u32, word };
}

interface Segment {
  type: number;
  offset: number;
  vaddr: number;
  filesz: number;
}

/** The program headers of an ELF file whose header was checked; RangeError when cut short. */
function programHeaders(bytes: Buffer): Segment[] {
  const { is64, u16, u32, word } = fields(bytes);
  const phoff = word(is64 ? 32 : 28);
  const phentsize = u16(is64 ? 54 : 42);
  const phnum = u16(is64 ? 56 : 44);
  const segments: Segment[] = [];
  for (let i = 0; i < phnum; i++) {
    const base = phoff + i * phentsize;
    const type = u32(base);
    segments.push(
      is64
        ? { type, offset: word(base + 8), vaddr: word(base + 16), filesz: word(base + 32) }
        : { type, offset: u32(base + 4), vaddr: u32(base + 8), filesz: u32(base + 16) },
    );
  }
  return segments;
}

/**
 * The file bytes behind a virtual address range, through the loadable segment that maps it;
 * undefined when no segment's file part holds all of it (or the file is not ELF).
 */
export function elfVirtualBytes(bytes: Buffer, vaddr: number, length: number): Buffer | undefined {
  if (!isElf(bytes) || bytes.length < 64) return undefined;
  let segments: Segment[];
  try {
    segments = programHeaders(bytes);
  } catch {
    return undefined;
  }
  const load = segments.find((s) => s.type === PT_LOAD && vaddr >= s.vaddr && vaddr + length <= s.vaddr + s.filesz);
  if (!load) return undefined;
  const start = vaddr - load.vaddr + load.offset;
  return start + length <= bytes.length ? bytes.subarray(start, start + length) : undefined;
}

function parseElf(bytes: Buffer): ElfInfo {
  const bits = bytes[4] === 2 ? 64 : bytes[4] === 1 ? 32 : undefined;
  if (!bits || (bytes[5] !== 1 && bytes[5] !== 2)) throw new Error("not a valid ELF header");
  // Buffer's readers throw RangeError past the end; readElf turns that into "truncated".
  const { u16, word } = fields(bytes);
  const machine = u16(18);
  const segments = programHeaders(bytes);
  const cString = (offset: number) => {
    if (offset < 0 || offset >= bytes.length) throw new RangeError("string past the end");
    const end = bytes.indexOf(0, offset);
    if (end < 0) throw new RangeError("string past the end");
    return bytes.toString("latin1", offset, end);
  };

  const interp = segments.find((s) => s.type === PT_INTERP);
  const info: ElfInfo = { bits, machine, needed: [], searchPath: [] };
  if (interp) info.interpreter = cString(interp.offset);
  const dynamic = segments.find((s) => s.type === PT_DYNAMIC);
  if (!dynamic) return info;

  const entrySize = bits === 64 ? 16 : 8;
  const entries: { tag: number; value: number }[] = [];
  for (let o = dynamic.offset; o + entrySize <= dynamic.offset + dynamic.filesz; o += entrySize) {
    const tag = word(o);
    if (tag === 0) break;
    entries.push({ tag, value: word(o + entrySize / 2) });
  }
  const strtab = entries.find((e) => e.tag === DT_STRTAB)?.value;
  if (strtab === undefined) return info;
  // DT_STRTAB is a virtual address; the loadable segment that holds it maps it back to the file.
  const load = segments.find((s) => s.type === PT_LOAD && strtab >= s.vaddr && strtab < s.vaddr + s.filesz);
  const strtabOffset = load ? strtab - load.vaddr + load.offset : strtab;
  const text = (value: number) => cString(strtabOffset + value);
  info.needed = entries.filter((e) => e.tag === DT_NEEDED).map((e) => text(e.value));
  const runpath = entries.find((e) => e.tag === DT_RUNPATH) ?? entries.find((e) => e.tag === DT_RPATH);
  if (runpath) info.searchPath = text(runpath.value).split(":").filter(Boolean);
  return info;
}

/**
 * The bytes of a named section (`.go.buildinfo`, `.dep-v0`), from the section headers and their
 * name table; undefined when the file has no such section or is not ELF.
 */
export function elfSection(bytes: Buffer, name: string): Buffer | undefined {
  if (!isElf(bytes) || bytes.length < 64) return undefined;
  const { is64, u16, u32, word } = fields(bytes);
  const shoff = word(is64 ? 0x28 : 0x20);
  const entsize = u16(is64 ? 0x3a : 0x2e);
  const count = u16(is64 ? 0x3c : 0x30);
  const names = u16(is64 ? 0x3e : 0x32);
  if (shoff === 0 || count === 0 || names >= count || shoff + count * entsize > bytes.length) return undefined;
  const header = (index: number) => {
    const at = shoff + index * entsize;
    return {
      name: u32(at),
      offset: word(at + (is64 ? 0x18 : 0x10)),
      size: word(at + (is64 ? 0x20 : 0x14)),
    };
  };
  const table = header(names);
  for (let i = 0; i < count; i++) {
    const section = header(i);
    const start = table.offset + section.name;
    const end = bytes.indexOf(0, start);
    if (start >= bytes.length || end === -1) continue;
    if (bytes.toString("latin1", start, end) !== name) continue;
    if (section.offset + section.size > bytes.length) return undefined;
    return bytes.subarray(section.offset, section.offset + section.size);
  }
  return undefined;
}
