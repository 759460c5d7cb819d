/**
 * The optimizer's model of a Dockerfile: for every instruction, what it installs, the paths it
 * creates, changes, removes and reads, what it fetches and builds, and the ENV/ARG/USER/WORKDIR it
 * sets; and what the final CMD/ENTRYPOINT needs to run. Pure: it reads the parsed Dockerfile and the
 * command table in knowledge/, never the disk.
 */
import { posix } from "node:path";
import type {
  CommandInstruction,
  CopyInstruction,
  Dockerfile,
  Instruction,
  RunInstruction,
  ShellCommand,
  Stage,
} from "../dockerfile/model.js";
import { scopeEnvironment, scopesBefore } from "../dockerfile/scope.js";
import {
  type BuildEffect,
  type CommandView,
  effectReader,
  type PackageInstall,
  type PackageManager,
  type PathEffect,
} from "../knowledge/command-effects.js";
import { imageEnvironment, imageWorkdir } from "../knowledge/image-env.js";
import { BUILD_PACKAGE } from "../knowledge/toolchains.js";
import { parseImageRef } from "./image-ref.js";

export interface CommandRun {
  command: ShellCommand;
  /** The program, without its folder (`apt-get`, `configure`). */
  name: string;
  /** The working directory the command runs in. */
  cwd: string;
}

export interface Install extends PackageInstall {
  command: ShellCommand;
  /** The packages only a build needs (compilers, headers), from the package facts. */
  buildOnly: string[];
}

export interface Build extends BuildEffect {
  command: ShellCommand;
  cwd: string;
}

export interface InstructionEffects {
  instruction: Instruction;
  /** The working directory when the instruction starts. */
  cwd: string;
  /** The user the instruction runs as (undefined: the base image's, usually root). */
  user: string | undefined;
  commands: CommandRun[];
  installs: Install[];
  uninstalls: { manager: PackageManager; packages: string[]; command: ShellCommand }[];
  writes: PathEffect[];
  changes: string[];
  removes: string[];
  reads: string[];
  fetches: string[];
  builds: Build[];
  /** What the instruction sets for the ones after it. */
  sets: { env: string[]; args: string[]; user?: string; workdir?: string };
  /** COPY/ADD --from: the stage index, or the image it copies from. */
  copiesFrom?: number | string;
}

export interface StageModel {
  stage: Stage;
  steps: InstructionEffects[];
  /** WORKDIR, USER and ENV at the end of the stage (inherited from the parent stage or the base). */
  workdir: string;
  user: string | undefined;
  env: Record<string, string>;
}

export interface RuntimeNeeds {
  /** ENTRYPOINT followed by CMD, as the container runs it; shell form is `/bin/sh -c "…"`. */
  argv: string[] | undefined;
  /** The command needs a shell: shell form, or a `sh -c` script. */
  shell: boolean;
  /** The program that runs, as named (`./server`, `python`, `gunicorn`). */
  program: string | undefined;
  /** Its absolute path when a step of the Dockerfile put it there. */
  executable: string | undefined;
  /** The interpreter when the program is one (`python`, `node`, `java`, `sh`, …). */
  interpreter: string | undefined;
  /** Files the command names (a script, a jar, a config), resolved against WORKDIR. */
  files: string[];
  /** Ports the app listens on: EXPOSE, and ports named in its command or ENV. */
  ports: number[];
  workdir: string;
  /** Declared VOLUMEs. */
  volumes: string[];
}

export interface ImageModel {
  stages: StageModel[];
  runtime: RuntimeNeeds;
}

const INTERPRETERS = /^(python[\d.]*|node|nodejs|java|ruby|php[\d.]*|perl|sh|bash|dash|ash|deno|bun|dotnet|Rscript)$/;

/** Builds the model of every stage and of what the final stage runs. */
export function modelOf(dockerfile: Dockerfile): ImageModel {
  const scopes = scopesBefore(dockerfile);
  const stages: StageModel[] = [];
  for (const stage of dockerfile.stages) stages.push(stageModel(dockerfile, stage, stages, scopes));
  return { stages, runtime: runtimeNeeds(dockerfile, stages, scopes) };
}

function stageModel(
  dockerfile: Dockerfile,
  stage: Stage,
  done: StageModel[],
  scopes: ReturnType<typeof scopesBefore>,
): StageModel {
  const parent = stage.parentStage === undefined ? undefined : done[stage.parentStage];
  const repository = parseImageRef(stage.baseImageExpanded).repository;
  const env: Record<string, string> = parent ? { ...parent.env } : imageEnvironment(repository);
  let workdir = parent?.workdir ?? imageWorkdir(repository);
  let user = parent?.user;
  const steps: InstructionEffects[] = [];
  for (const instruction of stage.instructions) {
    const scope = scopes.get(instruction);
    const lookup = scope ? scopeEnvironment(scope) : () => undefined;
    const variables = (name: string) => lookup(name) ?? env[name];
    const effects = emptyEffects(instruction, workdir, user);
    readInstruction(dockerfile, instruction, effects, variables);
    steps.push(effects);
    if (effects.sets.workdir) workdir = effects.sets.workdir;
    if (effects.sets.user !== undefined) user = effects.sets.user;
    if (instruction.keyword === "ENV")
      for (const pair of instruction.pairs)
        env[pair.key.value] = expand(pair.value.value, variables) ?? pair.value.value;
  }
  return { stage, steps, workdir, user, env };
}

function emptyEffects(instruction: Instruction, cwd: string, user: string | undefined): InstructionEffects {
  return {
    instruction,
    cwd,
    user,
    commands: [],
    installs: [],
    uninstalls: [],
    writes: [],
    changes: [],
    removes: [],
    reads: [],
    fetches: [],
    builds: [],
    sets: { env: [], args: [] },
  };
}

/** `$VAR` and `${VAR}` from the variables; undefined when one is not known. */
export function expand(text: string, variables: (name: string) => string | undefined): string | undefined {
  let unknown = false;
  const out = text.replace(/\$(?:\{([A-Za-z_]\w*)(?::?[-=+?][^}]*)?\}|([A-Za-z_]\w*))/g, (_m, braced, plain) => {
    const value = variables(braced ?? plain);
    if (value === undefined) unknown = true;
    return value ?? "";
  });
  return unknown ? undefined : out;
}

function readInstruction(
  dockerfile: Dockerfile,
  instruction: Instruction,
  effects: InstructionEffects,
  variables: (name: string) => string | undefined,
): void {
  switch (instruction.keyword) {
    case "WORKDIR": {
      const value = instruction.value ? expand(instruction.value.value, variables) : undefined;
      if (value !== undefined) {
        const path = posix.resolve(effects.cwd, value);
        effects.sets.workdir = path;
        effects.writes.push({ path, kind: "dir" });
      }
      return;
    }
    case "USER":
      effects.sets.user = instruction.value
        ? (expand(instruction.value.value, variables) ?? instruction.value.value)
        : undefined;
      return;
    case "ENV":
      effects.sets.env = instruction.pairs.map((p) => p.key.value);
      return;
    case "ARG":
      effects.sets.args = instruction.definitions.map((d) => d.name.value);
      return;
    case "COPY":
    case "ADD":
      readCopy(dockerfile, instruction, effects, variables);
      return;
    case "RUN":
      readRun(instruction, effects, variables);
      return;
    default:
      return;
  }
}

function readCopy(
  dockerfile: Dockerfile,
  copy: CopyInstruction,
  effects: InstructionEffects,
  variables: (name: string) => string | undefined,
): void {
  const destination = copy.destination ? expand(copy.destination.value, variables) : undefined;
  if (destination === undefined) return;
  const path = posix.resolve(effects.cwd, destination);
  const single = copy.sources.length === 1 && !destination.endsWith("/") && !/[*?[]/.test(copy.sources[0]?.value ?? "");
  effects.writes.push({ path, kind: single ? "tree" : "dir" });
  if (copy.keyword === "ADD")
    effects.fetches.push(...copy.sources.map((s) => s.value).filter((s) => /^[a-z]+:\/\//i.test(s)));
  const from = copy.from?.value;
  if (from !== undefined) {
    const stage = dockerfile.stages.find((s) => s.name === from.toLowerCase() || String(s.index) === from);
    effects.copiesFrom = stage ? stage.index : from;
  }
  effects.reads.push(...copy.sources.map((s) => s.value));
  if (copy.chown || copy.chmod) effects.changes.push(path);
}

function readRun(
  run: RunInstruction,
  effects: InstructionEffects,
  variables: (name: string) => string | undefined,
): void {
  const shell = run.shell;
  if (!shell || shell.hasError || !shell.isPosix) return;
  const cwds = new Map<string, string>();
  const exported = new Map<string, string>();
  for (const [name, value] of exports(shell.source)) exported.set(name, value);
  for (const command of shell.commands) {
    const key = command.context.join(" ");
    const cwd = cwdFor(cwds, key) ?? effects.cwd;
    const prefix = prefixAssignments(command);
    const lookup = (name: string) => prefix.get(name) ?? exported.get(name) ?? variables(name);
    const name = posix.basename(command.name?.value ?? "");
    if (!name) continue;
    effects.commands.push({ command, name, cwd });
    const reader = effectReader(name);
    if (!reader) {
      redirects(command, cwd, effects);
      continue;
    }
    const view: CommandView = {
      name: posix.basename(name).replace(/^(pip|python)\d+(\.\d+)*$/, "$1"),
      words: command.args.map((word) => (word.dynamic ? expand(word.value, lookup) : word.value)),
      cwd,
      env: lookup,
    };
    const effect = reader(view);
    if (effect.cd !== undefined) cwds.set(key, effect.cd);
    effects.writes.push(...(effect.writes ?? []));
    effects.changes.push(...(effect.changes ?? []));
    effects.removes.push(...(effect.removes ?? []));
    effects.reads.push(...(effect.reads ?? []));
    effects.fetches.push(...(effect.fetches ?? []));
    if (effect.installs)
      effects.installs.push({
        ...effect.installs,
        command,
        buildOnly: effect.installs.packages.filter((p) => BUILD_PACKAGE.test(p)),
      });
    if (effect.uninstalls) effects.uninstalls.push({ ...effect.uninstalls, command });
    if (effect.builds) {
      effects.builds.push({ ...effect.builds, command, cwd });
      effects.writes.push(...effect.builds.outputs);
    }
    redirects(command, cwd, effects);
  }
}

/** A `cd` inside `( … )` or `sh -c` lasts only there: the nearest enclosing context's folder. */
function cwdFor(cwds: Map<string, string>, key: string): string | undefined {
  for (let k = key; ; k = k.slice(0, Math.max(0, k.lastIndexOf(" ")))) {
    const found = cwds.get(k);
    if (found !== undefined) return found;
    if (k === "") return undefined;
  }
}

function redirects(command: ShellCommand, cwd: string, effects: InstructionEffects): void {
  for (const redirect of command.redirects) {
    if (!/^>|^&>|^>>/.test(redirect.operator) || redirect.target.startsWith("&") || redirect.target === "/dev/null")
      continue;
    if (redirect.target.includes("$")) continue;
    effects.writes.push({ path: posix.resolve(cwd, redirect.target), kind: "file" });
  }
}

/** `CGO_ENABLED=1 GOOS=linux go build …`: the assignments before the command name. */
export function prefixAssignments(command: ShellCommand): Map<string, string> {
  const found = new Map<string, string>();
  const name = command.name?.value;
  if (!name) return found;
  const head = command.text.slice(0, Math.max(0, command.text.indexOf(name)));
  for (const [, key, value] of head.matchAll(/([A-Za-z_]\w*)=("[^"]*"|'[^']*'|\S*)/g))
    if (key) found.set(key, (value ?? "").replace(/^(["'])(.*)\1$/, "$2"));
  return found;
}

/** `export NAME=value` statements of a script (static values only). */
function exports(source: string): [string, string][] {
  const found: [string, string][] = [];
  for (const [, list] of source.matchAll(/(?:^|[;&|]\s*|\n\s*)export\s+([^;&|\n]+)/g))
    for (const [, key, value] of (list ?? "").matchAll(/([A-Za-z_]\w*)=("[^"]*"|'[^']*'|[^\s$`]*)/g))
      if (key) found.push([key, (value ?? "").replace(/^(["'])(.*)\1$/, "$2")]);
  return found;
}

/** The argv of a CMD or ENTRYPOINT (shell form as `/bin/sh -c "…"`). */
export function argvOf(instruction: Instruction | undefined): string[] | undefined {
  if (!instruction || (instruction.keyword !== "CMD" && instruction.keyword !== "ENTRYPOINT")) return undefined;
  const command = instruction as CommandInstruction;
  return command.exec ? command.exec.map((t) => t.value) : ["/bin/sh", "-c", command.command?.value ?? ""];
}

function finalChain(dockerfile: Dockerfile, stages: StageModel[]): StageModel[] {
  const chain: StageModel[] = [];
  for (let s: StageModel | undefined = stages[stages.length - 1]; s; ) {
    chain.unshift(s);
    s = s.stage.parentStage === undefined ? undefined : stages[s.stage.parentStage];
  }
  return dockerfile.stages.length === 0 ? [] : chain;
}

function runtimeNeeds(
  dockerfile: Dockerfile,
  stages: StageModel[],
  scopes: ReturnType<typeof scopesBefore>,
): RuntimeNeeds {
  const chain = finalChain(dockerfile, stages);
  const instructions = chain.flatMap((s) => s.stage.instructions);
  const last = (keyword: Instruction["keyword"]) => instructions.filter((i) => i.keyword === keyword).pop();
  const entrypointInstruction = last("ENTRYPOINT");
  const entrypoint = argvOf(entrypointInstruction);
  // A CMD from before the ENTRYPOINT was set is reset by it.
  const cmdInstruction = last("CMD");
  const cmd =
    cmdInstruction &&
    entrypointInstruction &&
    instructions.indexOf(cmdInstruction) < instructions.indexOf(entrypointInstruction)
      ? undefined
      : argvOf(cmdInstruction);
  const argv = entrypoint || cmd ? [...(entrypoint ?? []), ...(cmd ?? [])] : undefined;
  const final = chain[chain.length - 1];
  const workdir = final?.workdir ?? "/";
  const env = final?.env ?? {};
  const words = programWords(argv);
  const shell = argv?.[0] === "/bin/sh" && argv[1] === "-c";
  const program = words[0];
  const written = chain.flatMap((s) => s.steps.flatMap((step) => step.writes));
  const executable = program ? resolveProgram(program, workdir, env.PATH ?? "", written) : undefined;
  const interpreter = program && INTERPRETERS.test(posix.basename(program)) ? posix.basename(program) : undefined;
  const files = words
    .slice(1)
    .filter(
      (w) =>
        !w.startsWith("-") && /[/.]/.test(w) && !/^[a-z]+:\/\//.test(w) && !w.includes("$") && !/^[\d.:]+$/.test(w),
    )
    .map((w) => posix.resolve(workdir, w.replace(/^[\w-]+=/, "")));
  return {
    argv,
    shell,
    program,
    executable,
    interpreter,
    files,
    ports: ports(instructions, words, env, (instruction) => {
      const scope = scopes.get(instruction);
      return scope ? scopeEnvironment(scope) : () => undefined;
    }),
    workdir,
    volumes: instructions.flatMap((i) => (i.keyword === "VOLUME" ? i.values.map((v) => v.value) : [])),
  };
}

/** The words of the program that runs: exec form as is; a shell script's first simple command. */
function programWords(argv: string[] | undefined): string[] {
  if (!argv) return [];
  let words = argv;
  if (words[0] === "/bin/sh" && words[1] === "-c") words = (words[2] ?? "").trim().split(/\s+/);
  // Inits and privilege droppers run the program after them.
  for (;;) {
    const head = posix.basename(words[0] ?? "");
    if (/^(tini|dumb-init)$/.test(head)) words = words.slice(words[1] === "--" ? 2 : 1);
    else if (/^(exec|nohup)$/.test(head)) words = words.slice(1);
    else if (/^(gosu|su-exec)$/.test(head)) words = words.slice(2);
    else break;
  }
  return words.filter((w) => !/^[A-Za-z_]\w*=/.test(w) || words.indexOf(w) > 0);
}

function resolveProgram(program: string, workdir: string, path: string, written: PathEffect[]): string | undefined {
  const candidates = program.includes("/")
    ? [posix.resolve(workdir, program)]
    : path
        .split(":")
        .filter(Boolean)
        .map((dir) => posix.join(dir, program));
  return candidates.find((candidate) => written.some((w) => covers(w, candidate)));
}

/** True when the write may have put `path` there. */
export function covers(write: PathEffect, path: string): boolean {
  if (write.path === path) return true;
  return write.kind !== "file" && path.startsWith(`${write.path.replace(/\/$/, "")}/`);
}

function ports(
  instructions: Instruction[],
  words: string[],
  env: Record<string, string>,
  variablesAt: (instruction: Instruction) => (name: string) => string | undefined,
): number[] {
  const found = new Set<number>();
  for (const instruction of instructions)
    if (instruction.keyword === "EXPOSE")
      for (const value of instruction.values) {
        const port = Number.parseInt(expand(value.value, variablesAt(instruction)) ?? "", 10);
        if (Number.isFinite(port)) found.add(port);
      }
  const text = words.join(" ");
  for (const [, port] of text.matchAll(/(?:--?(?:p|l|port|bind|listen)[= ]|:)(\d{2,5})\b/g)) found.add(Number(port));
  for (const [name, value] of Object.entries(env))
    if (/(^|_)PORT$/.test(name) && /^\d+$/.test(value)) found.add(Number(value));
  return [...found].sort((a, b) => a - b);
}
