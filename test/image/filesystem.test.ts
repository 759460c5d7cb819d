import { describe, expect, it } from "vitest";
import { openImage } from "../../src/image/archive.js";
import { readFinalFilesystem } from "../../src/image/filesystem.js";
import { dockerArchive } from "../helpers/image-builder.js";

describe("readFinalFilesystem", () => {
  it("applies later layers, whiteouts and opaque whiteouts as the engine does", async () => {
    const archive = dockerArchive([
      { texts: { "app/a.txt": "one", "app/b.txt": "two", "cfg/old.conf": "old", "cfg/keep/x": "x" } },
      { whiteouts: ["app/a.txt"], opaque: ["cfg"], texts: { "cfg/new.conf": "new" } },
      { texts: { "app/b.txt": "two, rewritten" }, whiteouts: ["cfg/new.conf"] },
    ]);
    const fs = await readFinalFilesystem(openImage(archive), (path) => path.startsWith("app/"));
    const files = [...fs.entries.values()].filter((e) => e.type === "file").map((e) => `${e.path}@${e.layer}`);
    expect(files.sort()).toEqual(["app/b.txt@2"]);
    expect(fs.entries.has("cfg")).toBe(true);
    expect(fs.entries.has("cfg/keep")).toBe(false);
    expect([...fs.contents.keys()]).toEqual(["app/b.txt"]);
    expect(fs.contents.get("app/b.txt")?.toString()).toBe("two, rewritten");
  });

  it("hides a folder's contents when a later layer puts a file in its place", async () => {
    const archive = dockerArchive([
      { texts: { "opt/tool/bin": "x", "opt/tool/lib": "y" } },
      { texts: { "opt/tool": "now a file" } },
    ]);
    const fs = await readFinalFilesystem(openImage(archive), () => true);
    expect([...fs.entries.keys()].filter((p) => p.startsWith("opt/")).sort()).toEqual(["opt/tool"]);
    expect(fs.contents.get("opt/tool")?.toString()).toBe("now a file");
  });
});
