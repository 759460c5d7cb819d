import { readFileSync } from "node:fs";
import pc from "picocolors";
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

export function displayName(file: string): string {
  return file === "-" ? "<stdin>" : file;
}

/** Colour on standard output: not turned off by `--no-color`, a terminal, and no NO_COLOR. */
export function stdoutColor(flag?: boolean): boolean {
  return flag !== false && Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
}

/** A unified diff with added lines green and removed lines red. */
export function paintPatch(patch: string, color: boolean): string {
  const colors = pc.createColors(color);
  return patch
    .split("\n")
    .map((line) =>
      line.startsWith("+") && !line.startsWith("+++")
        ? colors.green(line)
        : line.startsWith("-") && !line.startsWith("---")
          ? colors.red(line)
          : line,
    )
    .join("\n");
}
