import type { Dockerfile, FromInstruction, Stage } from "../dockerfile/model.js";

/** FROM instructions that name an image (not `scratch`, not an earlier stage), with the expanded base. */
export function externalBases(dockerfile: Dockerfile): { stage: Stage; from: FromInstruction; image: string }[] {
  const names = new Set<string>();
  const out: { stage: Stage; from: FromInstruction; image: string }[] = [];
  for (const stage of dockerfile.stages) {
    const image = stage.baseImageExpanded;
    const isStage = names.has(image.toLowerCase());
    if (stage.name) names.add(stage.name);
    if (isStage || image === "" || image.toLowerCase() === "scratch" || image.includes("$")) continue;
    out.push({ stage, from: stage.from, image });
  }
  return out;
}
