import type { Dockerfile, Instruction } from "../dockerfile/model.js";
import { finalStageChain } from "../lint/helpers.js";

/** What an image does when it runs, read from the final stage (and the stages it is built on). */
export interface RuntimeContract {
  entrypoint: string[] | undefined;
  cmd: string[] | undefined;
  env: Record<string, string>;
  exposed: string[];
  workdir: string | undefined;
  user: string | undefined;
}

function argv(instruction: Instruction | undefined): string[] | undefined {
  if (!instruction || (instruction.keyword !== "CMD" && instruction.keyword !== "ENTRYPOINT")) return undefined;
  if (instruction.exec) return instruction.exec.map((t) => t.value);
  // Shell form runs `/bin/sh -c "…"`: compare it as that.
  return ["/bin/sh", "-c", instruction.command?.value ?? ""];
}

export function runtimeContract(dockerfile: Dockerfile): RuntimeContract {
  const instructions = finalStageChain(dockerfile).flatMap((stage) => stage.instructions);
  const last = (keyword: Instruction["keyword"]) => instructions.filter((i) => i.keyword === keyword).pop();
  const env: Record<string, string> = {};
  for (const instruction of instructions) {
    if (instruction.keyword === "ENV") for (const pair of instruction.pairs) env[pair.key.value] = pair.value.value;
  }
  const workdir = last("WORKDIR");
  const user = last("USER");
  return {
    entrypoint: argv(last("ENTRYPOINT")),
    cmd: argv(last("CMD")),
    env,
    exposed: instructions.flatMap((i) => (i.keyword === "EXPOSE" ? i.values.map((v) => v.value) : [])).sort(),
    workdir: workdir?.keyword === "WORKDIR" ? workdir.value?.value : undefined,
    user: user?.keyword === "USER" ? user.value?.value : undefined,
  };
}

const isRoot = (user: string | undefined) => user === undefined || /^(root|0)(:.*)?$/.test(user);

const INIT = /(^|\/)(tini|dumb-init)$/;

/** An init prepended to the entrypoint (`tini --`) runs the same program: it only forwards signals. */
function withoutInit(entrypoint: string[] | undefined): string[] | undefined {
  // `ENTRYPOINT []` only resets a base image's entrypoint.
  if (entrypoint?.length === 0) return undefined;
  if (!entrypoint || !INIT.test(entrypoint[0] ?? "")) return entrypoint;
  const rest = entrypoint.slice(entrypoint[1] === "--" ? 2 : 1);
  return rest.length === 0 ? undefined : rest;
}

/** Differences that would change what the app runs; a root user may become a non-root one. */
export function contractChanges(before: RuntimeContract, after: RuntimeContract): string[] {
  const changes: string[] = [];
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  if (!same(withoutInit(before.entrypoint), withoutInit(after.entrypoint))) changes.push("entrypoint");
  if (!same(before.cmd, after.cmd)) changes.push("cmd");
  if (!same(before.env, after.env)) changes.push("env");
  if (!same(before.exposed, after.exposed)) changes.push("exposed ports");
  if (before.workdir !== after.workdir) changes.push("workdir");
  if (!(before.user === after.user || (isRoot(before.user) && !isRoot(after.user)))) changes.push("user");
  return changes;
}
