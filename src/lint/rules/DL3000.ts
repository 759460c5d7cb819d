import type { Report, Rule } from "../types.js";

/** `/abs`, `$VAR…` (resolved at build time) and Windows `C:\` count as absolute. */
export function isAbsoluteWorkdir(path: string): boolean {
  const unquoted = path.replace(/^["']/, "");
  return unquoted.startsWith("/") || unquoted.startsWith("$") || /^[A-Za-z]:[\\/]/.test(unquoted);
}

export const DL3000: Rule = {
  meta: {
    id: "DL3000",
    origin: "hadolint",
    severity: "error",
    category: "correctness",
    title: "Use absolute WORKDIR",
    why: "A relative WORKDIR depends on the WORKDIR before it, which may come from the base image and change under you.",
    fix: "Write the full path (`WORKDIR /app`).",
    fixable: false,
    examples: { bad: "WORKDIR app", good: "WORKDIR /app" },
  },
  check({ dockerfile }) {
    const reports: Report[] = [];
    for (const instruction of dockerfile.instructions) {
      if (instruction.keyword !== "WORKDIR" || !instruction.value) continue;
      if (!isAbsoluteWorkdir(instruction.value.value)) {
        reports.push({
          message: `use an absolute WORKDIR (${instruction.value.value} is relative)`,
          range: instruction.value.range,
        });
      }
    }
    return reports;
  },
};
