import { parse } from "../../dockerfile/parse.js";
import { applyEdits, type TextEdit } from "../../dockerfile/print.js";
import { commandName, positionalArgs } from "../../knowledge/commands.js";
import { commandsOf } from "../../lint/helpers.js";
import type { Step } from "../step.js";
import type { Technique } from "../types.js";

/** Cache folders per tool: BuildKit keeps them between builds, outside every layer. */
const CACHES: [(name: string, sub: string | undefined) => boolean, string[]][] = [
  [(n, s) => n === "apk" && s === "add", ["/var/cache/apk"]],
  [
    (n, s) => (n === "apt-get" || n === "apt") && (s === "install" || s === "update"),
    ["/var/cache/apt", "/var/lib/apt/lists"],
  ],
  [(n) => /^pip\d*(\.\d+)?$/.test(n), ["/root/.cache/pip"]],
  [(n, s) => n === "npm" && (s === "ci" || s === "install" || s === "i"), ["/root/.npm"]],
  [(n, s) => n === "go" && (s === "build" || s === "mod"), ["/root/.cache/go-build", "/go/pkg/mod"]],
  [(n, s) => n === "cargo" && (s === "build" || s === "fetch"), ["/usr/local/cargo/registry"]],
];

/** `--cache-mounts`: adds `RUN --mount=type=cache,target=…` for the package managers each RUN uses. */
export function addCacheMounts(text: string, file: string): { text: string; techniques: Technique[] } {
  const dockerfile = parse(text, { file });
  const edits: TextEdit[] = [];
  for (const instruction of dockerfile.instructions) {
    if (instruction.keyword !== "RUN") continue;
    const mounted = new Set(instruction.mounts.map((m) => m.target));
    const targets = new Set<string>();
    for (const command of commandsOf(instruction)) {
      const sub = positionalArgs(command)[0]?.value;
      for (const [matches, paths] of CACHES)
        if (matches(commandName(command), sub)) for (const p of paths) if (!mounted.has(p)) targets.add(p);
    }
    if (targets.size === 0) continue;
    const at = instruction.keywordToken.range.end;
    const flags = [...targets]
      .map((t) => ` --mount=type=cache,target=${t}${t.startsWith("/var/") ? ",sharing=locked" : ""}`)
      .join("");
    edits.push({ range: { start: at, end: at }, text: flags });
  }
  if (edits.length === 0) return { text, techniques: [] };
  return {
    text: applyEdits(text, edits),
    techniques: [
      {
        id: "cache-mounts",
        title: "BuildKit cache mounts for package managers",
        why: "downloads are reused between builds and never stored in a layer: faster warm builds, same image.",
      },
    ],
  };
}

export const cacheMountsStep: Step = {
  name: "cache-mounts",
  apply({ dockerfile }) {
    return addCacheMounts(dockerfile.text, dockerfile.file);
  },
};
