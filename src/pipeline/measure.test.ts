import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { median, oneLineChange, sourceToTouch } from "./measure.js";

describe("median", () => {
  it("takes the middle run, or the mean of the two middle ones", () => {
    expect(median([3.1, 0.9, 1.2])).toBe(1.2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([0.7])).toBe(0.7);
  });
});

function app(files: Record<string, number>): string {
  const root = mkdtempSync(join(tmpdir(), "imagediet-touch-"));
  for (const [path, seconds] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), "x\n");
    utimesSync(join(root, path), seconds, seconds);
  }
  return root;
}

describe("sourceToTouch", () => {
  it("picks the newest source file, not a lock file or manifest edited later", () => {
    const root = app({ "app.py": 100, "requirements.txt": 300, "package-lock.json": 400, "lib/util.py": 200 });
    expect(sourceToTouch(root)).toBe(join(root, "lib/util.py"));
  });

  it("prefers the app's code to its tests", () => {
    const root = app({ "main.go": 100, "main_test.go": 500, "test/app.test.js": 600, "tests/x.c": 700 });
    expect(sourceToTouch(root)).toBe(join(root, "main.go"));
  });

  it("skips Dockerfiles, build output and dependencies; falls back to any file", () => {
    const root = app({ Dockerfile: 900, "node_modules/x/index.js": 900, "target/a.rs": 900, "notes.txt": 10 });
    expect(sourceToTouch(root)).toBe(join(root, "notes.txt"));
  });

  it("is stable when times are equal: the shallower, then the first by name", () => {
    const root = app({ "src/b.rs": 5, "src/a.rs": 5, "src/deep/c.rs": 5 });
    expect(sourceToTouch(root)).toBe(join(root, "src/a.rs"));
  });
});

describe("oneLineChange", () => {
  it("appends a comment in the file's language, unique to the build", () => {
    expect(oneLineChange("/a/app.py", "t:1")).toMatch(/^\n# imagediet warm rebuild t:1 \d+\n$/);
    expect(oneLineChange("/a/main.go", "t:1")).toMatch(/^\n\/\/ imagediet warm rebuild t:1 \d+\n$/);
    expect(oneLineChange("/a/www/index.html", "t:1")).toMatch(/^\n<!-- imagediet warm rebuild t:1 \d+ -->\n$/);
  });

  it("appends blank lines to files with no known comment syntax", () => {
    expect(oneLineChange("/a/data.bin", "t:1")).toMatch(/^\n+$/);
  });
});
