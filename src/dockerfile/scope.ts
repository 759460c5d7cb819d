import { type Environment, expandWord } from "./expand.js";
import type { Dockerfile, Instruction } from "./model.js";
import { globalArgEnvironment } from "./stages.js";

/** Variables as one instruction sees them; later instructions do not change what it shows. */
export interface Variables<V> {
  get(name: string): V | undefined;
  has(name: string): boolean;
  /** Names in the order they were first defined, inherited ones first. */
  keys(): Iterable<string>;
}

/** What a stage can see while it builds: ARG and ENV values known statically. */
export interface Scope {
  /** A declared ARG without a value has the value undefined. */
  args: Variables<string | undefined>;
  env: Variables<string>;
}

/**
 * Every version of a stage's ARGs or ENVs at once: each name keeps the values it took and when, so the
 * variables before an instruction are a version number, not a copy (linear in the file, however long).
 */
class History<V> {
  private readonly byName = new Map<string, { versions: number[]; values: V[] }>();
  private version = 0;

  constructor(private readonly inherited?: Variables<V>) {}

  set(name: string, value: V): void {
    this.version++;
    const entry = this.byName.get(name);
    if (entry) {
      entry.versions.push(this.version);
      entry.values.push(value);
    } else {
      this.byName.set(name, { versions: [this.version], values: [value] });
    }
  }

  /** The variables as they are now. */
  snapshot(): Variables<V> {
    return new Snapshot(this, this.version);
  }

  valueAt(name: string, version: number): { value: V } | undefined {
    const entry = this.byName.get(name);
    if (!entry || entry.versions[0] > version) return this.inheritedValue(name);
    let low = 0;
    let high = entry.versions.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (entry.versions[middle] <= version) low = middle + 1;
      else high = middle;
    }
    return { value: entry.values[low - 1] };
  }

  *keysAt(version: number): Generator<string> {
    if (this.inherited) yield* this.inherited.keys();
    for (const [name, entry] of this.byName) {
      if (entry.versions[0] <= version && !this.inherited?.has(name)) yield name;
    }
  }

  private inheritedValue(name: string): { value: V } | undefined {
    return this.inherited?.has(name) ? { value: this.inherited.get(name) as V } : undefined;
  }
}

class Snapshot<V> implements Variables<V> {
  constructor(
    private readonly history: History<V>,
    private readonly version: number,
  ) {}

  get(name: string): V | undefined {
    return this.history.valueAt(name, this.version)?.value;
  }

  has(name: string): boolean {
    return this.history.valueAt(name, this.version) !== undefined;
  }

  keys(): Iterable<string> {
    return this.history.keysAt(this.version);
  }
}

interface StageHistory {
  args: History<string | undefined>;
  env: History<string>;
}

const now = (stage: StageHistory): Scope => ({ args: stage.args.snapshot(), env: stage.env.snapshot() });

/**
 * The variables each instruction is expanded against, following BuildKit's rules: global ARGs reach
 * only FROM unless re-declared in the stage; ENV overrides ARG; ENV is inherited from a parent stage;
 * each instruction sees the values from before it (`ENV a=1 b=$a` uses the old `a`).
 */
export function scopesBefore(dockerfile: Dockerfile, buildArgs: Record<string, string> = {}): Map<Instruction, Scope> {
  const scopes = new Map<Instruction, Scope>();
  const globals = globalArgEnvironment(dockerfile.globalArgs, buildArgs);
  const finalEnv: Variables<string>[] = [];
  for (const stage of dockerfile.stages) {
    const parentEnv = stage.parentStage === undefined ? undefined : finalEnv[stage.parentStage];
    const history: StageHistory = { args: new History(), env: new History(parentEnv) };
    for (const instruction of stage.instructions) {
      scopes.set(instruction, now(history));
      apply(instruction, history, globals, buildArgs);
    }
    finalEnv[stage.index] = history.env.snapshot();
  }
  return scopes;
}

export function scopeEnvironment(scope: Scope): Environment {
  return (name) => scope.env.get(name) ?? scope.args.get(name);
}

function expandOrKeep(text: string, scope: Scope): string {
  try {
    return expandWord(text, scopeEnvironment(scope));
  } catch {
    return text;
  }
}

function apply(instruction: Instruction, stage: StageHistory, globals: Environment, buildArgs: Record<string, string>) {
  if (instruction.keyword === "ARG") {
    for (const definition of instruction.definitions) {
      const name = definition.name.value;
      const value =
        buildArgs[name] ??
        (definition.defaultValue ? expandOrKeep(definition.defaultValue.value, now(stage)) : globals(name));
      stage.args.set(name, value);
    }
  } else if (instruction.keyword === "ENV") {
    const before = now(stage);
    const updates = instruction.pairs.map(
      (pair) => [expandOrKeep(pair.key.value, before), expandOrKeep(pair.value.value, before)] as const,
    );
    for (const [key, value] of updates) stage.env.set(key, value);
  }
}
