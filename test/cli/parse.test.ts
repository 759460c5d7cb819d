import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { imagediet } from "../helpers/cli.js";
import { ROOT, sharedPath } from "../helpers/shared.js";

const FIXTURES = join(ROOT, "test", "fixtures", "bad");

describe("imagediet parse on bad input", () => {
  const longLine = () => {
    const dir = mkdtempSync(join(tmpdir(), "imagediet-"));
    const file = join(dir, "long.Dockerfile");
    writeFileSync(file, `FROM alpine\nRUN echo ${"x".repeat(70 * 1024)}\n`);
    return file;
  };
  it.each([
    ["empty.Dockerfile", /empty\.Dockerfile:1:1: file with no instructions$/],
    ["only-comments.Dockerfile", /only-comments\.Dockerfile:1:1: file with no instructions$/],
    ["binary.Dockerfile", /binary\.Dockerfile:1:1: binary content \(a NUL byte\): not a Dockerfile$/],
    ["unterminated-heredoc.Dockerfile", /unterminated-heredoc\.Dockerfile:2:5: unterminated heredoc$/],
    [
      "unknown-instruction.Dockerfile",
      /unknown-instruction\.Dockerfile:3:1: unknown instruction: COPPY \(did you mean copy\?\)$/,
    ],
    ["bad-escape.Dockerfile", /bad-escape\.Dockerfile:1:10: invalid escape token 'x' does not match ` or \\$/],
    ["invalid-flag.Dockerfile", /invalid-flag\.Dockerfile:2:6: unknown flag: --chmown \(did you mean --chown\?\)$/],
    ["invalid-flag-value.Dockerfile", /invalid-flag-value\.Dockerfile:2:15: unsupported network value "bogus"/],
    [
      "nested-json.Dockerfile",
      /nested-json\.Dockerfile:2:5: when using JSON array syntax, arrays must be comprised of strings only$/,
    ],
  ])("%s: one line, exit 2", (name, message) => {
    const { code, stderr, stdout } = imagediet(["parse", join(FIXTURES, name)]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(stderr.trimEnd()).toMatch(message);
  });

  it("a line over 64 KiB: one line, exit 2", () => {
    const { code, stderr } = imagediet(["parse", longLine()]);
    expect(code).toBe(2);
    expect(stderr.trimEnd()).toMatch(/long\.Dockerfile:2:1: dockerfile line greater than max allowed size of 65535$/);
  });

  it("a missing file: one line, exit 2", () => {
    const { code, stderr } = imagediet(["parse", "/nonexistent/Dockerfile"]);
    expect([code, stderr]).toEqual([2, "/nonexistent/Dockerfile: no such file\n"]);
  });

  it("an unknown option is a usage error", () => {
    expect(imagediet(["parse", "--nope", "x"]).code).toBe(2);
  });
});

describe("imagediet parse on good input", () => {
  it("prints the model as JSON", () => {
    const { code, stdout } = imagediet(["parse", "-"], { input: "FROM alpine:3.20\nRUN apk add --no-cache curl\n" });
    expect(code).toBe(0);
    const model = JSON.parse(stdout);
    expect(model.file).toBe("<stdin>");
    expect(model.instructions[1].shell.commands[0].flags[0].name).toBe("no-cache");
  });

  it("prints BuildKit's dump with --dump buildkit", () => {
    const file = join(sharedPath("conformance", "buildkit-parser", "testfiles", "health"), "Dockerfile");
    const { code, stdout } = imagediet(["parse", "--dump", "buildkit", file]);
    expect(code).toBe(0);
    expect(stdout).toContain('(healthcheck ["--timeout=3s"] "CMD" "foo")');
  });

  it("rejects an unknown dump format", () => {
    const { code, stderr } = imagediet(["parse", "--dump", "xml", "-"], { input: "FROM a\n" });
    expect(code).toBe(2);
    expect(stderr).toContain('unknown dump format "xml"');
  });
});
