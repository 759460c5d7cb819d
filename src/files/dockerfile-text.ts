import { readFileSync } from "node:fs";
import { ImagedietError } from "../errors.js";

/** Reads a Dockerfile (or stdin for `-`) as UTF-8 text, rejecting binary content with a clear error. */
export function readDockerfileText(file: string): string {
  let bytes: Buffer;
  try {
    bytes = file === "-" ? readFileSync(0) : readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : (error as Error).message;
    throw new ImagedietError(reason, { file });
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    const line = bytes.subarray(0, nul).toString("utf8").split("\n").length;
    throw new ImagedietError("binary content (a NUL byte): not a Dockerfile", { file, line, column: 1 });
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ImagedietError("not valid UTF-8 text", { file, line: 1, column: 1 });
  }
}
