/**
 * The layout ARCHITECTURE.md describes, checked from the import graph of src/: no cycles between
 * top-level folders (type-only imports count too), and nothing imports cli/.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers/shared.js";

const SRC = join(ROOT, "src");
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+"(\.{1,2}\/[^"]+)"|import\(\s*"(\.{1,2}\/[^"]+)"\s*\)/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

/** `src/lint/rules/DL3008.ts` → `lint`; a file directly in src/ is its own room. */
const roomOf = (file: string) => relative(SRC, file).split("/")[0] ?? "";

/** Edges between rooms: room → room → the files that make the edge. */
function roomGraph(): Map<string, Map<string, string[]>> {
  const graph = new Map<string, Map<string, string[]>>();
  for (const file of sourceFiles(SRC)) {
    const from = roomOf(file);
    for (const match of readFileSync(file, "utf8").matchAll(IMPORT)) {
      const to = roomOf(resolve(dirname(file), match[1] ?? match[2] ?? ""));
      if (to === from) continue;
      const edges = graph.get(from) ?? new Map<string, string[]>();
      edges.set(to, [...(edges.get(to) ?? []), relative(SRC, file)]);
      graph.set(from, edges);
    }
  }
  return graph;
}

/** Strongly connected groups of more than one room (Tarjan's algorithm): each is a cycle. */
function cycles(graph: Map<string, Map<string, string[]>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (room: string) => {
    index.set(room, index.size);
    low.set(room, index.get(room) ?? 0);
    stack.push(room);
    for (const next of graph.get(room)?.keys() ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(room, Math.min(low.get(room) ?? 0, low.get(next) ?? 0));
      } else if (stack.includes(next)) low.set(room, Math.min(low.get(room) ?? 0, index.get(next) ?? 0));
    }
    if (low.get(room) !== index.get(room)) return;
    const group: string[] = [];
    for (let top = stack.pop(); top !== undefined; top = top === room ? undefined : stack.pop()) group.push(top);
    if (group.length > 1) found.push(group.sort());
  };
  for (const room of graph.keys()) if (!index.has(room)) visit(room);
  return found;
}

describe("the layout of src/", () => {
  const graph = roomGraph();

  it("has no import cycles between top-level folders", () => {
    const explained = cycles(graph).map((group) =>
      group.flatMap((room) =>
        group
          .filter((other) => graph.get(room)?.has(other))
          .map((other) => `${room} → ${other}: ${graph.get(room)?.get(other)?.[0]}`),
      ),
    );
    expect(explained).toEqual([]);
  });

  it("imports cli/ from nowhere else", () => {
    const importers = [...graph].filter(([, edges]) => edges.has("cli")).map(([room]) => room);
    expect(importers).toEqual([]);
  });

  it("finds the edges it checks (the graph is read, not empty)", () => {
    expect(graph.get("lint")?.has("dockerfile")).toBe(true);
    expect(graph.get("cli")?.has("pipeline")).toBe(true);
  });
});
