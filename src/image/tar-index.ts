import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { ImagedietError } from "../errors.js";

/** A member of a tar file: where its data starts and how long it is. */
export interface TarMember {
  name: string;
  type: "file" | "directory" | "symlink" | "link" | "other";
  offset: number;
  size: number;
  linkName: string;
}

const BLOCK = 512;
/** Headers larger than this (long names, pax records) are refused as hostile. */
const MAX_HEADER_DATA = 1 << 20;

function field(block: Buffer, start: number, length: number): string {
  const end = block.indexOf(0, start);
  return block.toString("utf8", start, end === -1 || end > start + length ? start + length : end);
}

function octal(block: Buffer, start: number, length: number): number {
  // GNU base-256 for large sizes: the first byte has the high bit set.
  if (block[start] & 0x80) {
    let value = 0;
    for (let i = start + 1; i < start + length; i++) value = value * 256 + block[i];
    return value;
  }
  const text = field(block, start, length).trim();
  return text === "" ? 0 : Number.parseInt(text, 8);
}

function checksumOk(block: Buffer): boolean {
  const stored = octal(block, 148, 8);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : block[i];
  return sum === stored;
}

/**
 * Lists a tar file's members by reading only the headers and seeking over the data, as `tar -t`
 * does on an uncompressed archive: memory stays flat whatever the size.
 */
export function indexTar(path: string): TarMember[] {
  const fd = openSync(path, "r");
  const fileSize = fstatSync(fd).size;
  const members: TarMember[] = [];
  const header = Buffer.alloc(BLOCK);
  let offset = 0;
  let longName: string | undefined;
  let longLink: string | undefined;
  let paxPath: string | undefined;
  const readData = (size: number, at: number) => {
    if (size > MAX_HEADER_DATA)
      throw new ImagedietError(`tar header data of ${size} bytes is too large`, { file: path });
    const data = Buffer.alloc(size);
    if (readSync(fd, data, 0, size, at) !== size) throw new ImagedietError("truncated tar archive", { file: path });
    return data;
  };
  try {
    for (;;) {
      const read = readSync(fd, header, 0, BLOCK, offset);
      if (read === 0) break;
      if (read < BLOCK) throw new ImagedietError("truncated tar archive", { file: path });
      if (header.every((b) => b === 0)) break;
      if (!checksumOk(header)) {
        throw new ImagedietError(
          offset === 0 ? "not a tar archive (bad header checksum)" : `corrupt tar header at byte ${offset}`,
          { file: path },
        );
      }
      const size = octal(header, 124, 12);
      const typeflag = String.fromCharCode(header[156] || 48);
      const dataStart = offset + BLOCK;
      if (dataStart + size > fileSize) throw new ImagedietError("truncated tar archive", { file: path });
      offset = dataStart + Math.ceil(size / BLOCK) * BLOCK;
      if (typeflag === "L") {
        longName = readData(size, dataStart).toString("utf8").replace(/\0.*$/s, "");
        continue;
      }
      if (typeflag === "K") {
        longLink = readData(size, dataStart).toString("utf8").replace(/\0.*$/s, "");
        continue;
      }
      if (typeflag === "x") {
        const match = /\d+ path=([^\n]*)\n/.exec(readData(size, dataStart).toString("utf8"));
        paxPath = match?.[1];
        continue;
      }
      if (typeflag === "g") continue;
      const prefix = field(header, 345, 155);
      const base = field(header, 0, 100);
      const name = paxPath ?? longName ?? (prefix ? `${prefix}/${base}` : base);
      const type =
        typeflag === "0" || typeflag === "\0" || typeflag === "7"
          ? "file"
          : typeflag === "5"
            ? "directory"
            : typeflag === "2"
              ? "symlink"
              : typeflag === "1"
                ? "link"
                : "other";
      members.push({ name, type, offset: dataStart, size, linkName: longLink ?? field(header, 157, 100) });
      longName = longLink = paxPath = undefined;
    }
  } finally {
    closeSync(fd);
  }
  return members;
}
