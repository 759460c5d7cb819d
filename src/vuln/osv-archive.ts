/**
 * Reads OSV's per-ecosystem export (`<ecosystem>/all.zip`: one `<ID>.json` record per entry) one
 * entry at a time, so memory stays bounded by the largest record, not the archive.
 */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { Readable } from "node:stream";
import yauzl from "yauzl";
import { ImagedietError } from "../errors.js";
import type { OsvRecord } from "./osv.js";

/** No real OSV record comes near this; a larger entry is a broken or hostile archive. */
export const MAX_RECORD_BYTES = 16 * 1024 * 1024;

export interface ArchiveRecord {
  /** The record as parsed. */
  record: OsvRecord;
  /** The entry's bytes, to be stored unchanged. */
  bytes: Buffer;
}

/** Bytes read ahead per file read: the archive's records are small and read in order. */
const WINDOW = 1024 * 1024;

/**
 * Reads the archive through two read-ahead windows, one following the central directory and one the
 * entries: thousands of small records then cost a read every megabyte, not two per record, and
 * memory stays at two windows (or the largest entry).
 */
class WindowedReader extends yauzl.RandomAccessReader {
  private windows: { start: number; bytes: Buffer }[] = [];

  constructor(private readonly fd: number) {
    super();
  }

  private range(start: number, end: number): Buffer {
    let window = this.windows.find((w) => start >= w.start && end <= w.start + w.bytes.length);
    if (!window) {
      const bytes = Buffer.allocUnsafe(Math.max(WINDOW, end - start));
      window = { start, bytes: bytes.subarray(0, readSync(this.fd, bytes, 0, bytes.length, start)) };
      this.windows = [window, ...this.windows].slice(0, 2);
    } else this.windows = [window, ...this.windows.filter((w) => w !== window)];
    return window.bytes.subarray(start - window.start, end - window.start);
  }

  override _readStreamForRange(start: number, end: number): Readable {
    const bytes = this.range(start, end);
    return new Readable({
      read() {
        this.push(bytes);
        this.push(null);
      },
    });
  }

  private closed = false;

  override close(callback: (error: Error | null) => void): void {
    if (!this.closed) closeSync(this.fd);
    this.closed = true;
    callback(null);
  }
}

const open = (file: string) =>
  new Promise<yauzl.ZipFile>((resolve, reject) => {
    // On a broken archive yauzl closes the reader itself (autoClose), which closes the file.
    let fd: number;
    try {
      fd = openSync(file, "r");
    } catch (error) {
      return reject(error);
    }
    const size = fstatSync(fd).size;
    yauzl.fromRandomAccessReader(
      new WindowedReader(fd),
      size,
      { lazyEntries: true, autoClose: true, validateEntrySizes: true },
      (error, zip) => (error ? reject(error) : resolve(zip)),
    );
  });

const readEntry = (zip: yauzl.ZipFile, entry: yauzl.Entry) =>
  new Promise<Buffer>((resolve, reject) =>
    zip.openReadStream(entry, (error, stream) => {
      if (error) return reject(error);
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_RECORD_BYTES) stream.destroy(new Error(`${entry.fileName} is larger than its header says`));
        else chunks.push(chunk);
      });
      stream.on("error", reject);
      stream.on("end", () => resolve(Buffer.concat(chunks)));
    }),
  );

/**
 * Calls `onRecord` for every `.json` entry of an OSV archive that holds a record (an `id`), in
 * archive order. Entry names are never used as paths. A broken archive, an oversized entry or an
 * entry that is not JSON is an error naming the archive (as `name`, e.g. the URL it came from) and
 * the entry.
 */
export async function readOsvArchive(
  file: string,
  onRecord: (entry: ArchiveRecord) => void,
  name = file,
): Promise<number> {
  let zip: yauzl.ZipFile;
  try {
    zip = await open(file);
  } catch (error) {
    throw new ImagedietError(`not a zip archive: ${(error as Error).message}`, { file: name });
  }
  let count = 0;
  await new Promise<void>((resolve, reject) => {
    const fail = (message: string) => {
      zip.close();
      reject(new ImagedietError(message, { file: name }));
    };
    zip.on("error", (error: Error) => fail(`broken zip archive: ${error.message}`));
    zip.on("end", () => resolve());
    zip.on("entry", (entry: yauzl.Entry) => {
      if (!entry.fileName.endsWith(".json") || entry.fileName.endsWith("/")) {
        zip.readEntry();
        return;
      }
      if (entry.uncompressedSize > MAX_RECORD_BYTES)
        return fail(`${entry.fileName}: ${entry.uncompressedSize} bytes, more than an OSV record can be`);
      readEntry(zip, entry).then(
        (bytes) => {
          let record: OsvRecord;
          try {
            record = JSON.parse(bytes.toString("utf8")) as OsvRecord;
          } catch {
            return fail(`${entry.fileName}: not JSON`);
          }
          if (record && typeof record.id === "string") {
            count++;
            onRecord({ record, bytes });
          }
          zip.readEntry();
        },
        (error: Error) => fail(`${entry.fileName}: ${error.message}`),
      );
    });
    zip.readEntry();
  });
  return count;
}
