import { parseImageRef } from "../../analyze/image-ref.js";
import type { AppFacts } from "../../analyze/stack.js";
import type {
  CommandInstruction,
  Dockerfile,
  Instruction,
  RunInstruction,
  ShellCommand,
  Stage,
} from "../../dockerfile/model.js";
import { type ResolvedBase, resolveBase } from "../../knowledge/base-images.js";
import { commandName, packageArgs, positionalArgs } from "../../knowledge/commands.js";
import { isAptInstall } from "../../knowledge/package-managers.js";
import { BUILD_PACKAGE } from "../../knowledge/toolchains.js";
import { commandsOf } from "../../lint/helpers.js";
import type { Technique } from "../types.js";

export interface StackRewrite {
  text: string;
  techniques: Technique[];
}

export type Decline = { reason: string };

/** Instructions describing how the image runs: they move to the final stage as written. */
export const RUNTIME_KEYWORDS = new Set([
  "EXPOSE",
  "CMD",
  "ENTRYPOINT",
  "HEALTHCHECK",
  "STOPSIGNAL",
  "VOLUME",
  "LABEL",
  "USER",
]);

export function textOf(dockerfile: Dockerfile, instruction: Instruction): string {
  return dockerfile.text.slice(instruction.range.start.offset, instruction.range.end.offset);
}

export function lastOf(stage: Stage, keyword: Instruction["keyword"]): Instruction | undefined {
  return stage.instructions.filter((i) => i.keyword === keyword).pop();
}

export function singleValue(instruction: Instruction | undefined): string | undefined {
  return instruction && "value" in instruction ? instruction.value?.value : undefined;
}

/** Exec form of exactly what a CMD or ENTRYPOINT runs (shell form is `/bin/sh -c "…"`). */
export function execOf(instruction: Instruction | undefined): string[] | undefined {
  if (!instruction || (instruction.keyword !== "CMD" && instruction.keyword !== "ENTRYPOINT")) return undefined;
  const command = instruction as CommandInstruction;
  return command.exec ? command.exec.map((t) => t.value) : ["/bin/sh", "-c", command.command?.value ?? ""];
}

/** The single stage's base resolved in the catalog, when the file is a plain single-stage build. */
export function singleStageBase(dockerfile: Dockerfile): { stage: Stage; base: ResolvedBase } | Decline {
  if (dockerfile.stages.length !== 1)
    return { reason: "this strategy rewrites single-stage Dockerfiles; this one already has stages" };
  const stage = dockerfile.stages[0];
  if (stage.instructions.some((i) => i.keyword === "ONBUILD" || i.keyword === "SHELL"))
    return { reason: "ONBUILD or SHELL instructions need a person to move" };
  const ref = parseImageRef(stage.baseImageExpanded);
  const base = resolveBase(ref.repository, ref.tag);
  if (!base) return { reason: `the base image ${stage.baseImageExpanded} is not in the catalog` };
  return { stage, base };
}

/** Every ENV, ARG and the last WORKDIR, as written: the final stage keeps the same environment. */
export function environmentLines(dockerfile: Dockerfile, stage: Stage): string[] {
  const lines = stage.instructions
    .filter((i) => i.keyword === "ENV" || i.keyword === "ARG")
    .map((i) => textOf(dockerfile, i));
  const workdir = lastOf(stage, "WORKDIR");
  if (workdir) lines.push(textOf(dockerfile, workdir));
  return lines;
}

/** A JSON (exec form) array written the way people write it: `["node", "server.js"]`. */
export function jsonArray(values: string[]): string {
  return `[${values.map((v) => JSON.stringify(v)).join(", ")}]`;
}

/** LABEL, EXPOSE, VOLUME, STOPSIGNAL, HEALTHCHECK as written, then the user, ENTRYPOINT and CMD. */
export function runtimeLines(dockerfile: Dockerfile, stage: Stage, user: string, init?: string[]): string[] {
  const lines: string[] = [];
  for (const keyword of ["LABEL", "EXPOSE", "VOLUME", "STOPSIGNAL", "HEALTHCHECK"] as const) {
    for (const instruction of stage.instructions)
      if (instruction.keyword === keyword) lines.push(textOf(dockerfile, instruction));
  }
  lines.push(`USER ${user}`);
  const entrypoint = execOf(lastOf(stage, "ENTRYPOINT"));
  const cmd = execOf(lastOf(stage, "CMD"));
  if (init && !entrypoint) lines.push(`ENTRYPOINT ${jsonArray(init)}`);
  else if (entrypoint) lines.push(`ENTRYPOINT ${jsonArray(entrypoint)}`);
  if (cmd) lines.push(`CMD ${jsonArray(cmd)}`);
  return lines;
}

/** The user the original ran as, when it was not root. */
export function originalUser(stage: Stage): string | undefined {
  const user = singleValue(lastOf(stage, "USER"));
  return user && !/^(root|0)(:.*)?$/.test(user) ? user : undefined;
}

/** apt packages a stage installs, split into build-only and the rest. */
export function aptPackages(stage: Stage): { build: string[]; other: string[] } {
  const build: string[] = [];
  const other: string[] = [];
  for (const instruction of stage.instructions) {
    if (instruction.keyword !== "RUN") continue;
    for (const command of commandsOf(instruction)) {
      if (!isAptInstall(command)) continue;
      for (const word of packageArgs(command)) {
        const name = word.value.replace(/=.*$/, "");
        (BUILD_PACKAGE.test(name) ? build : other).push(name);
      }
    }
  }
  return { build, other };
}

/** Debian -dev packages → the library the app needs at run time (Debian 12 names). */
export const DEBIAN_RUNTIME_OF: Record<string, string> = {
  "libpq-dev": "libpq5",
  "libssl-dev": "libssl3",
  "libffi-dev": "libffi8",
  "zlib1g-dev": "zlib1g",
  "libjpeg-dev": "libjpeg62-turbo",
  "libjpeg62-turbo-dev": "libjpeg62-turbo",
  "libpng-dev": "libpng16-16",
  "libxml2-dev": "libxml2",
  "libxslt1-dev": "libxslt1.1",
  "libxslt-dev": "libxslt1.1",
  "default-libmysqlclient-dev": "libmariadb3",
  "libmariadb-dev": "libmariadb3",
  "libsqlite3-dev": "libsqlite3-0",
  "libcurl4-openssl-dev": "libcurl4",
  "libyaml-dev": "libyaml-0-2",
  "libfreetype6-dev": "libfreetype6",
  "libwebp-dev": "libwebp7",
  "libtiff-dev": "libtiff6",
  "liblcms2-dev": "liblcms2-2",
  "libopenjp2-7-dev": "libopenjp2-7",
  "libsodium-dev": "libsodium23",
  "libgeos-dev": "libgeos-c1v5",
  "libmagic-dev": "libmagic1",
  "libldap2-dev": "libldap-2.5-0",
  "libsasl2-dev": "libsasl2-2",
  "libkrb5-dev": "libkrb5-3",
  "libzmq3-dev": "libzmq5",
  "libgmp-dev": "libgmp10",
  "libbz2-dev": "libbz2-1.0",
  "liblzma-dev": "liblzma5",
  "libreadline-dev": "libreadline8",
  "libncurses-dev": "libncurses6",
  "uuid-dev": "libuuid1",
};

/** RUN commands a strategy knows how to place: package installs and clean-up, and the tool's own commands. */
export function unknownRunCommands(stage: Stage, known: (command: ShellCommand) => boolean): ShellCommand[] {
  const housekeeping = (c: ShellCommand) => {
    const name = commandName(c);
    const sub = positionalArgs(c)[0]?.value;
    return (
      ((name === "apt-get" || name === "apt") && ["update", "install", "clean", "autoremove"].includes(sub ?? "")) ||
      (name === "rm" &&
        c.args.some(
          (a) =>
            a.value.startsWith("/var/lib/apt/lists") ||
            a.value.startsWith("/tmp") ||
            a.value.startsWith("/root/.cache"),
        )) ||
      name === "set"
    );
  };
  const unknown: ShellCommand[] = [];
  for (const instruction of stage.instructions) {
    if (instruction.keyword !== "RUN") continue;
    const run = instruction as RunInstruction;
    if (run.json || run.heredocs.length > 0 || !run.shell || run.shell.hasError) {
      unknown.push(...(run.shell?.commands ?? []));
      continue;
    }
    for (const command of commandsOf(run)) if (!housekeeping(command) && !known(command)) unknown.push(command);
  }
  return unknown;
}

/** `python:3.11-slim`, `node:20-alpine`: the catalog image at the version the user had. */
export function variantTag(base: ResolvedBase, suffix: string): string {
  const variant = base.image.variants.find((v) => v.suffix === suffix);
  if (!variant) return `${base.image.name}:${base.version}`;
  const release = variant.family === "debian" ? base.release : undefined;
  return `${base.image.name}:${[base.version, suffix, release].filter(Boolean).join("-")}`;
}

/** Size saving between two variants, from the catalog. */
export function saving(base: ResolvedBase, suffix: string): string | undefined {
  const to = base.image.variants.find((v) => v.suffix === suffix);
  if (!to) return undefined;
  return `≈${Math.max(0, base.variant.uncompressedMB - to.uncompressedMB)} MB (${base.variant.uncompressedMB} → ${to.uncompressedMB} MB base)`;
}

/** One RUN that installs Debian packages without recommends and leaves no package lists behind. */
export function aptInstallLine(packages: string[]): string {
  return `RUN apt-get update && apt-get install -y --no-install-recommends ${packages.join(" ")} && rm -rf /var/lib/apt/lists/*`;
}

/** The Alpine technique: why musl is safe here, and how it resolves names when the app looks up other hosts. */
export function alpineTechnique(why: string, facts: AppFacts): Technique {
  const dns = facts.runtime.dns
    ? " The app looks up other hosts: musl resolves names its own way (no DNS over TCP before musl 1.2.4, Alpine 3.18), so keep the dns check in imagediet.yaml."
    : "";
  return { id: "alpine-and-musl", title: "Alpine (musl) runtime", why: `${why}${dns}` };
}

/** The technique for a root original that now runs as the created UID 10001. */
export const NON_ROOT_10001: Technique = {
  id: "non-root-user",
  title: "Run as UID 10001",
  why: "the original ran as root.",
};

/** `--upx`: installs UPX in the builder and compresses the binary there. */
export function upxLine(builderImage: string, binary: string): string {
  const install = /alpine/.test(builderImage)
    ? "apk add --no-cache upx"
    : "apt-get update && apt-get install -y --no-install-recommends upx-ucl && rm -rf /var/lib/apt/lists/*";
  return `RUN ${install} && upx --best --lzma ${binary}`;
}

export const UPX_TECHNIQUE: Technique = {
  id: "strip-and-upx",
  title: "UPX-compressed binary",
  why: "the binary shrinks by 50–70 %; it is unpacked into memory at every start.",
};
