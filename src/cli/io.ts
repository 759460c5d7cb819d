import pc from "picocolors";

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
