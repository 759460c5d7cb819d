import { parseImageRef } from "../../analyze/image-ref.js";
import { commandName, positionalArgs } from "../../knowledge/commands.js";
import { commandsOf, finalStage } from "../helpers.js";
import type { Report, Rule } from "../types.js";

const STATIC_BASE = /^(scratch|alpine|.*distroless\/static.*|cgr\.dev\/chainguard\/static|busybox)/;

export const goNotStatic: Rule = {
  meta: {
    id: "go-not-static",
    origin: "imagediet",
    severity: "warning",
    category: "correctness",
    title: "Go binary for scratch/alpine/distroless-static built without CGO_ENABLED=0",
    why: 'With cgo on (the default when a C compiler is present) `go build` links against glibc; on scratch or distroless/static it fails with "no such file or directory", on Alpine with "not found". -ldflags "-s -w" and -trimpath also drop 25–30 % of the binary.',
    fix: 'Build with `CGO_ENABLED=0 go build -trimpath -ldflags "-s -w"`.',
    fixable: false,
    examples: {
      bad: "FROM golang:1.22 AS build\nRUN go build -o /app\nFROM scratch\nCOPY --from=build /app /app",
      good: 'FROM golang:1.22 AS build\nRUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o /app\nFROM scratch\nCOPY --from=build /app /app',
    },
  },
  check({ dockerfile }) {
    const final = finalStage(dockerfile);
    if (!final) return [];
    const base = parseImageRef(final.baseImageExpanded).repository;
    if (!STATIC_BASE.test(base) || final.parentStage !== undefined) return [];
    const reports: Report[] = [];
    for (const stage of dockerfile.stages.slice(0, -1)) {
      const cgoOffByEnv = stage.instructions.some(
        (i) => i.keyword === "ENV" && i.pairs.some((p) => p.key.value === "CGO_ENABLED" && p.value.value === "0"),
      );
      for (const instruction of stage.instructions) {
        if (instruction.keyword !== "RUN") continue;
        const commands = commandsOf(instruction);
        for (const command of commands) {
          const words = positionalArgs(command).map((a) => a.value);
          if (commandName(command) !== "go" || words[0] !== "build") continue;
          // `go build std` (or of standard-library packages, with no -o) only compiles into the build
          // cache: nothing is linked.
          const stdOnly = words.slice(1).every((w) => w === "std" || /^[a-z0-9]+(\/[\w.-]+)*$/.test(w));
          if (words.length > 1 && stdOnly && !command.args.some((a) => /^--?o(=|$)/.test(a.value))) continue;
          const cgoOff =
            cgoOffByEnv ||
            /\bCGO_ENABLED=0\b/.test(instruction.original) ||
            instruction.shell?.commands.some(
              (c) => c.name?.value === "export" && c.args.some((a) => a.value === "CGO_ENABLED=0"),
            );
          if (!cgoOff) {
            reports.push({
              message: `go build for a ${base} final image without CGO_ENABLED=0: the binary may need glibc at run time`,
              range: command.range,
            });
          } else if (
            !command.args.some((a) => /^--?trimpath$/.test(a.value)) ||
            !/-s\b.*-w\b|-w\b.*-s\b/.test(command.text)
          ) {
            reports.push({
              message: 'add -trimpath and -ldflags "-s -w": a smaller binary without symbol tables and build paths',
              range: command.range,
            });
          }
        }
      }
    }
    return reports;
  },
};
