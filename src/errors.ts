/** An error the user can cause (bad input, bad config, a daemon that is down): shown as one line, never a stack. */
export class ImagedietError extends Error {
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly hint: string | undefined;

  constructor(message: string, where: { file?: string; line?: number; column?: number; hint?: string } = {}) {
    super(message);
    this.name = "ImagedietError";
    this.file = where.file;
    this.line = where.line;
    this.column = where.column;
    this.hint = where.hint;
  }

  /** `FILE:LINE:COL: message` — the one line the CLI prints. */
  format(): string {
    const place = [this.file ?? "-", this.line, this.column].filter((part) => part !== undefined).join(":");
    return `${place}: ${this.message}${this.hint ? ` (${this.hint})` : ""}`;
  }
}
