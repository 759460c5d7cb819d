import { type Environment, expandWord } from "./expand.js";
import type { Dockerfile, Instruction } from "./model.js";
import { globalArgEnvironment } from "./stages.js";

/** What a stage can see while it builds: ARG and ENV values known statically. */
export interface Scope {
  args: Map<string, string | undefined>;
  env: Map<string, string>;
}

/**
 * The variables each instruction is expanded against, following BuildKit's rules: global ARGs reach
 * only FROM unless re-declared in the stage; ENV overrides ARG; ENV is inherited from a parent stage;
 * each instruction sees the values from before it (`ENV a=1 b=$a` uses the old `a`).
 */
export function scopesBefore(dockerfile: Dockerfile, buildArgs: Record<string, string> = {}): Map<Instruction, Scope> {
  const scopes = new Map<Instruction, Scope>();
  const globals = globalArgEnvironment(dockerfile.globalArgs, buildArgs);
  const finalEnv: Map<string, string>[] = [];
  for (const stage of dockerfile.stages) {
    const scope: Scope = {
      args: new Map(),
      env: new Map(stage.parentStage === undefined ? [] : finalEnv[stage.parentStage]),
    };
    for (const instruction of stage.instructions) {
      scopes.set(instruction, { args: new Map(scope.args), env: new Map(scope.env) });
      apply(instruction, scope, globals, buildArgs);
    }
    finalEnv[stage.index] = scope.env;
  }
  return scopes;
}

export function scopeEnvironment(scope: Scope): Environment {
  return (name) => scope.env.get(name) ?? scope.args.get(name);
}

function apply(instruction: Instruction, scope: Scope, globals: Environment, buildArgs: Record<string, string>): void {
  const env = scopeEnvironment(scope);
  const expand = (text: string) => {
    try {
      return expandWord(text, env);
    } catch {
      return text;
    }
  };
  if (instruction.keyword === "ARG") {
    for (const definition of instruction.definitions) {
      const name = definition.name.value;
      const value =
        buildArgs[name] ?? (definition.defaultValue ? expand(definition.defaultValue.value) : globals(name));
      scope.args.set(name, value);
    }
  } else if (instruction.keyword === "ENV") {
    const updates = instruction.pairs.map((pair) => [expand(pair.key.value), expand(pair.value.value)] as const);
    for (const [key, value] of updates) scope.env.set(key, value);
  }
}
