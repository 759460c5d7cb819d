import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { Progress } from "./progress.js";

function capture(tty: boolean) {
  const stream = new PassThrough() as unknown as NodeJS.WriteStream & PassThrough;
  let text = "";
  stream.on("data", (chunk: Buffer) => {
    text += chunk.toString("utf8");
  });
  return { progress: new Progress("run app", stream, tty), text: () => text };
}

describe("Progress", () => {
  it("writes one plain line per phase and per note when not on a terminal", () => {
    const { progress, text } = capture(false);
    progress.step("building original");
    progress.update("#8 [4/5] RUN npm install");
    progress.note("No imagediet.yaml: inferred non-root user.");
    progress.step("running 3 checks on both images");
    progress.done();
    expect(text()).toBe(
      "run app: building original\nrun app: No imagediet.yaml: inferred non-root user.\nrun app: running 3 checks on both images\n",
    );
  });

  it("redraws one line on a terminal and ends each phase with its time", () => {
    const { progress, text } = capture(true);
    progress.step("building original");
    progress.update("#8 [4/5] RUN npm install");
    progress.step("running checks");
    progress.done();
    expect(text()).toContain("\r\x1b[2Krun app: ⠋ building original 0s");
    expect(text()).toMatch(/run app: ✓ building original \(\d+\.\ds\)\n/);
    expect(text()).toMatch(/run app: ✓ running checks \(\d+\.\ds\)\n$/);
  });
});
