import { type Environment, expandWord } from "./expand.js";
import type { ArgInstruction, Dockerfile, FromInstruction, Instruction, Stage } from "./model.js";

/** BuildKit's automatic platform ARGs, usable in FROM without a declaration. */
export const AUTOMATIC_PLATFORM_ARGS = [
  "BUILDPLATFORM",
  "BUILDOS",
  "BUILDARCH",
  "BUILDVARIANT",
  "TARGETPLATFORM",
  "TARGETOS",
  "TARGETARCH",
  "TARGETVARIANT",
];

/** Splits instructions into stages and resolves each FROM against the global ARGs' defaults. */
export function buildStages(dockerfile: Dockerfile): void {
  const stages: Stage[] = [];
  const globalArgs: ArgInstruction[] = [];
  let current: Stage | undefined;
  for (const instruction of dockerfile.instructions) {
    if (instruction.keyword === "FROM") {
      current = newStage(instruction, stages, globalArgs);
      stages.push(current);
    }
    if (current) {
      instruction.stageIndex = current.index;
      setTriggerStage(instruction, current.index);
      current.instructions.push(instruction);
    } else if (instruction.keyword === "ARG") {
      globalArgs.push(instruction);
    }
  }
  dockerfile.stages = stages;
  dockerfile.globalArgs = globalArgs;
}

function setTriggerStage(instruction: Instruction, index: number): void {
  if (instruction.keyword === "ONBUILD" && instruction.trigger) instruction.trigger.stageIndex = index;
}

/** The values of global ARGs as FROM sees them: defaults only (build args are not known statically). */
export function globalArgEnvironment(
  globalArgs: ArgInstruction[],
  buildArgs: Record<string, string> = {},
): Environment {
  const values = new Map<string, string>();
  for (const instruction of globalArgs) {
    for (const definition of instruction.definitions) {
      const name = definition.name.value;
      const env: Environment = (key) => values.get(key);
      let value: string | undefined = buildArgs[name];
      if (value === undefined && definition.defaultValue) {
        try {
          value = expandWord(definition.defaultValue.value, env);
        } catch {
          value = definition.defaultValue.value;
        }
      }
      if (value !== undefined) values.set(name, value);
    }
  }
  return (name) => values.get(name);
}

function newStage(from: FromInstruction, stages: Stage[], globalArgs: ArgInstruction[]): Stage {
  const baseImage = from.image?.value ?? "";
  let baseImageExpanded = baseImage;
  try {
    baseImageExpanded = expandWord(baseImage, globalArgEnvironment(globalArgs));
  } catch {
    // Left as written; the lint rules report bad substitutions.
  }
  const lower = baseImageExpanded.toLowerCase();
  const parent = stages.findIndex((stage) => stage.name !== undefined && stage.name === lower);
  return {
    index: stages.length,
    name: from.stageName?.value.toLowerCase(),
    from,
    instructions: [],
    baseImage,
    baseImageExpanded,
    parentStage: parent === -1 ? undefined : parent,
  };
}
