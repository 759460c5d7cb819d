import { parseImageRef } from "../../analyze/image-ref.js";
import { resolveBase } from "../../knowledge/base-images.js";
import { compileSteps } from "../../knowledge/toolchains.js";
import { commandsOf, finalStage } from "../helpers.js";
import type { Rule } from "../types.js";

export const multiStageForCompiled: Rule = {
  meta: {
    id: "multi-stage-for-compiled",
    origin: "imagediet",
    severity: "warning",
    category: "size",
    title: "The final image keeps the compiler toolchain",
    why: "Building in the final stage ships the toolchain with the app: golang ≈850 MB, rust ≈1.4 GB, gcc ≈1.4 GB, maven ≈620 MB, against 2–20 MB for a static binary on scratch or distroless, or a JRE.",
    fix: "Build in a builder stage (`FROM golang:1.22 AS build`) and copy only the result into a small final stage (`FROM scratch` / distroless / `-slim`).",
    fixable: false,
    examples: {
      bad: 'FROM golang:1.22\nCOPY . .\nRUN go build -o /app\nCMD ["/app"]',
      good: 'FROM golang:1.22 AS build\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /app\nFROM scratch\nCOPY --from=build /app /app\nCMD ["/app"]',
    },
  },
  check({ dockerfile }) {
    const stage = finalStage(dockerfile);
    if (!stage?.from.image) return [];
    const steps = compileSteps(
      stage.instructions.flatMap((instruction) => (instruction.keyword === "RUN" ? commandsOf(instruction) : [])),
    );
    if (steps.length === 0) return [];
    const ref = parseImageRef(stage.baseImageExpanded);
    const resolved = resolveBase(ref.repository, ref.tag);
    const size = resolved ? ` (${resolved.image.name} is ≈${resolved.variant.uncompressedMB} MB)` : "";
    return [
      {
        message: `the final stage compiles (${steps[0].text.slice(0, 40)}) and ships the toolchain${size}; build in a builder stage and copy only the result`,
        range: stage.from.image.range,
        related: steps.map((s) => ({ message: "compile step", range: s.range })),
      },
    ];
  },
};
