import { posix } from "node:path";
import type { ImageModel, StageModel } from "../../analyze/effects.js";
import { parseImageRef } from "../../analyze/image-ref.js";
import type { Instruction } from "../../dockerfile/model.js";
import { resolveBase } from "../../knowledge/base-images.js";
import {
  addUserCommand,
  CREATED_UID,
  DROPS_PRIVILEGES,
  IMAGE_USERS,
  NEEDS_ROOT,
  userFamilyOf,
} from "../../knowledge/users.js";
import { insertAfter } from "../../lint/helpers.js";
import { edited, type LeftNote, type Step, type StepInput, unchanged } from "../step.js";

const TECHNIQUE = {
  id: "non-root-user",
  title: "Run as a non-root user",
  why: "the original ran as root: a flaw in the app was root in the container. The new user owns only the folders the app writes (WORKDIR and VOLUMEs); `--keep-user` keeps root.",
};

/** The stages whose files make the final image: the final stage and the stages it is built FROM. */
function finalChain(model: ImageModel): StageModel[] {
  const chain: StageModel[] = [];
  for (let s: StageModel | undefined = model.stages[model.stages.length - 1]; s; ) {
    chain.unshift(s);
    s = s.stage.parentStage === undefined ? undefined : model.stages[s.stage.parentStage];
  }
  return chain;
}

/** Why the image must keep running as root, or undefined when a non-root user is safe. */
function keepsRoot(input: StepInput, chain: StageModel[]): string | undefined {
  const { model, options } = input;
  if (options.keepUser) return "--keep-user keeps the user the image runs as";
  if (chain.some((s) => s.stage.instructions.some((i) => i.keyword === "USER")))
    return "the Dockerfile already chooses its USER";
  const base = parseImageRef(chain[0]?.stage.baseImageExpanded ?? "").repository.replace(
    /^(docker\.io\/)?library\//,
    "",
  );
  if (DROPS_PRIVILEGES.has(base))
    return `the ${base} image starts as root and drops to its own service user in its entrypoint`;
  const runtime = model.runtime;
  if (!runtime.argv)
    return "the image has no CMD or ENTRYPOINT of its own: what runs, and as whom, is the base image's";
  const program = posix.basename(runtime.program ?? "");
  if (NEEDS_ROOT.test(program)) return `${program} starts as root by design (it binds ports or switches users itself)`;
  if (/\.sh$|entrypoint/i.test(program))
    return `the entrypoint script ${runtime.program} may switch users itself; read it and add USER by hand`;
  const low = runtime.ports.filter((p) => p > 0 && p < 1024);
  if (low.length > 0)
    return `the app listens on port ${low.join(", ")}: a non-root user may bind it under Docker, but not under Kubernetes or rootless engines without cap_net_bind_service; use a port ≥ 1024 or grant the capability, then add USER`;
  return undefined;
}

function lastBuildStep(instructions: Instruction[]): Instruction {
  const writes = instructions.filter((i) => ["RUN", "COPY", "ADD", "WORKDIR", "FROM", "ONBUILD"].includes(i.keyword));
  return writes[writes.length - 1] as Instruction;
}

/** The lines that create the user and give it the folders the app writes. */
function userLines(chain: StageModel[], model: ImageModel): string[] | undefined {
  const first = chain[0]?.stage;
  if (!first) return undefined;
  const image = first.baseImageExpanded;
  const ref = parseImageRef(image);
  const own = IMAGE_USERS[ref.repository.replace(/^(docker\.io\/)?library\//, "")];
  const family = userFamilyOf(image, resolveBase(ref.repository, ref.tag)?.variant.family);
  const uid = own?.uid ?? (family === "none" ? 65532 : CREATED_UID);
  const owned = [...new Set([model.runtime.workdir, ...model.runtime.volumes])].filter(
    (p) => p !== "/" && p.startsWith("/"),
  );
  const commands: string[] = [];
  const add = own ? undefined : addUserCommand(family, uid);
  if (add) commands.push(add);
  if (owned.length > 0 && family !== "none") {
    const volumes = model.runtime.volumes.filter((v) => v !== model.runtime.workdir);
    if (volumes.length > 0) commands.push(`mkdir -p ${volumes.join(" ")}`);
    commands.push(`chown ${uid}:${uid} ${owned.join(" ")}`);
  }
  if (family === "none" && owned.length > 0) return undefined;
  return [...(commands.length > 0 ? [`RUN ${commands.join(" && ")}`] : []), `USER ${uid}:${uid}`];
}

/** Non-root final stage by default: a numeric UID that owns only what the app writes. */
export const nonRootStep: Step = {
  name: "non-root",
  apply(input) {
    const chain = finalChain(input.model);
    const final = chain[chain.length - 1];
    if (!final) return unchanged(input);
    const reason = keepsRoot(input, chain);
    const left: LeftNote[] = reason ? [{ rule: "root-user", why: reason }] : [];
    if (reason) return unchanged(input, left);
    const lines = userLines(chain, input.model);
    if (!lines)
      return unchanged(input, [
        { rule: "root-user", why: "the final image has no shell to give the app's folders to a new user" },
      ]);
    const anchor = lastBuildStep(final.stage.instructions);
    return edited(input, [insertAfter(anchor.range, lines.map((l) => `\n${l}`).join(""))], TECHNIQUE);
  },
};
