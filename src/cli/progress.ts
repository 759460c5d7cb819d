/**
 * Progress on stderr while long work runs. On a terminal: one line redrawn ten times a second with
 * a spinner, the phase, its elapsed time and the build's latest step. Elsewhere (CI logs, pipes):
 * one plain line per phase, so logs stay readable.
 */
const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

export class Progress {
  private phase = "";
  private detail = "";
  private started = 0;
  private frame = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly tty: boolean;

  constructor(
    private readonly prefix: string,
    private readonly stream: NodeJS.WriteStream = process.stderr,
    tty?: boolean,
  ) {
    this.tty = tty ?? (Boolean(stream.isTTY) && !process.env.CI);
  }

  /** Starts a phase; the previous one ends with its elapsed time. */
  step(phase: string): void {
    this.finishLine();
    this.phase = phase;
    this.detail = "";
    this.started = performance.now();
    if (!this.tty) {
      this.stream.write(`${this.prefix}: ${phase}\n`);
      return;
    }
    this.timer ??= setInterval(() => this.draw(), 100);
    this.timer.unref();
    this.draw();
  }

  /** What the phase is doing right now (a build step); shown on a terminal only. */
  update(detail: string): void {
    if (this.tty && detail.trim()) this.detail = detail.trim();
  }

  /** A line that stays (an inferred check, a fix the loop made). */
  note(message: string): void {
    if (this.tty) this.stream.write("\r\x1b[2K");
    this.stream.write(`${this.prefix}: ${message}\n`);
    if (this.tty && this.phase) this.draw();
  }

  done(): void {
    this.finishLine();
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private finishLine(): void {
    if (!this.tty || !this.phase) return;
    const seconds = ((performance.now() - this.started) / 1000).toFixed(1);
    this.stream.write(`\r\x1b[2K${this.prefix}: ✓ ${this.phase} (${seconds}s)\n`);
    this.phase = "";
  }

  private draw(): void {
    if (!this.phase) return;
    const seconds = ((performance.now() - this.started) / 1000).toFixed(0);
    const width = (this.stream.columns ?? 100) - 1;
    const line = `${FRAMES[this.frame++ % FRAMES.length]} ${this.phase} ${seconds}s${this.detail ? `  ${this.detail}` : ""}`;
    this.stream.write(`\r\x1b[2K${this.prefix}: ${line}`.slice(0, width + 5));
  }
}
