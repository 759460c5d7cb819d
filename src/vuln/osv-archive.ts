/**
 * Reads OSV's per-ecosystem export (`<ecosystem>/all.zip`: one `<ID>.json` record per entry) one
 * entry at a time, so memory stays bounded by the largest record, not the archive.
 */
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

const open = (file: string) =>
  new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: true, validateEntrySizes: true }, (error, zip) =>
      error ? reject(error) : resolve(zip),
    ),
  );

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
