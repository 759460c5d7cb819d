import { posix } from "node:path";
import type { AppFacts } from "../../analyze/stack.js";
import type {
  CommandInstruction,
  Dockerfile,
  Instruction,
  RunInstruction,
  ShellCommand,
  Stage,
} from "../../dockerfile/model.js";
import { commandName, positionalArgs } from "../../knowledge/commands.js";
import { commandsOf } from "../../lint/helpers.js";
import type { Target, Technique } from "../types.js";
import { jsonArray, RUNTIME_KEYWORDS, type StackRewrite, UPX_TECHNIQUE, upxLine } from "./common.js";

/** Folders a Go web app commonly reads at run time; copied next to the binary when they exist. */
const RUNTIME_DIRS = ["static", "templates", "public", "assets", "web", "views", "migrations", "config", "configs"];

interface GoBuild {
  run: RunInstruction;
  command: ShellCommand;
  /** Absolute path of the binary in the builder. */
  output: string;
}

function findBuild(stage: Stage, facts: AppFacts): GoBuild | { reason: string } {
  let workdir = "/go";
  const builds: GoBuild[] = [];
  for (const instruction of stage.instructions) {
    if (instruction.keyword === "WORKDIR" && instruction.value)
      workdir = posix.resolve(workdir, instruction.value.value);
    if (instruction.keyword !== "RUN") continue;
    for (const command of commandsOf(instruction)) {
      if (commandName(command) !== "go" || positionalArgs(command)[0]?.value !== "build") continue;
      const out = command.flags.find((f) => f.name === "o")?.value;
      const name = out ?? posix.basename(facts.go?.module ?? "");
      if (!name) return { reason: "go build without -o and no module name: the binary's name is not known" };
      builds.push({ run: instruction, command, output: posix.resolve(workdir, name) });
    }
  }
  if (builds.length !== 1)
    return { reason: builds.length === 0 ? "no go build in the final stage" : "several go build commands" };
  return builds[0];
}

/** The program the image runs, as exec form, or undefined when it needs a shell. */
function execForm(instruction: CommandInstruction | undefined): string[] | undefined {
  if (!instruction) return [];
  if (instruction.exec) return instruction.exec.map((t) => t.value);
  return undefined;
}

/** Exec form of exactly what shell form runs: `/bin/sh -c "…"`. */
function shellExec(instruction: CommandInstruction): string[] {
  return ["/bin/sh", "-c", instruction.command?.value ?? ""];
}

function lastOf(stage: Stage, keyword: Instruction["keyword"]): Instruction | undefined {
  return stage.instructions.filter((i) => i.keyword === keyword).pop();
}

function singleValue(instruction: Instruction | undefined): string | undefined {
  return instruction && "value" in instruction ? instruction.value?.value : undefined;
}

/**
 * A single-stage Go image becomes a builder on the same golang image and a final stage holding only
 * a static binary (plus CA certificates, zoneinfo and the folders the app reads).
 */
export function rewriteGo(
  dockerfile: Dockerfile,
  facts: AppFacts,
  target: Target,
  contextPaths: string[],
  upx = false,
): StackRewrite | { reason: string } {
  if (dockerfile.stages.length !== 1)
    return { reason: "the Go strategy rewrites single-stage Dockerfiles; this one already has stages" };
  const stage = dockerfile.stages[0];
  if (facts.go?.cgo)
    return {
      reason: 'the app uses cgo (import "C"): a static scratch binary is not possible without a C toolchain decision',
    };
  const build = findBuild(stage, facts);
  if ("reason" in build) return build;
  const afterBuild = stage.instructions.slice(stage.instructions.indexOf(build.run) + 1);
  if (afterBuild.some((i) => i.keyword === "RUN" || i.keyword === "COPY" || i.keyword === "ADD")) {
    return { reason: "the image changes files after go build; moving those steps safely needs a person" };
  }
  const entrypoint = lastOf(stage, "ENTRYPOINT") as CommandInstruction | undefined;
  const cmd = lastOf(stage, "CMD") as CommandInstruction | undefined;
  const entry = execForm(entrypoint);
  const command = execForm(cmd);
  const user = singleValue(lastOf(stage, "USER"));
  const namedUser = user !== undefined && !/^\d+(:\d+)?$/.test(user) && user !== "root";
  const healthcheck = lastOf(stage, "HEALTHCHECK");
  const healthcheckRuns = healthcheck?.keyword === "HEALTHCHECK" && healthcheck.type?.value.toUpperCase() === "CMD";
  const needsShell = entry === undefined || command === undefined || healthcheckRuns || namedUser;
  const finalTarget: Target = target === "auto" ? (needsShell ? "alpine" : "scratch") : target;
  if (needsShell && (finalTarget === "scratch" || finalTarget === "distroless")) {
    return {
      reason: `the image needs a shell or a named user (${namedUser ? `USER ${user}` : "shell-form CMD or HEALTHCHECK"}), which ${finalTarget} does not have`,
    };
  }
  const techniques: Technique[] = [];
  const text = dockerfile.text;
  const slice = (i: Instruction) => text.slice(i.range.start.offset, i.range.end.offset);

  // Builder: the original stage without its run-time instructions, named `build`, with a static build.
  const builder: string[] = [];
  const from = stage.from;
  builder.push(`FROM ${from.platform ? `--platform=${from.platform.value} ` : ""}${stage.baseImage} AS build`);
  let movedManifests = false;
  let precompiledStd = false;
  for (const instruction of stage.instructions.slice(1)) {
    if (RUNTIME_KEYWORDS.has(instruction.keyword) || instruction.keyword === "ONBUILD") continue;
    const copiesAll =
      (instruction.keyword === "COPY" || instruction.keyword === "ADD") &&
      instruction.sources.some((s) => s.value === "." || s.value === "./");
    if (copiesAll && !movedManifests && contextPaths.includes("go.mod") && !hasModDownloadBefore(stage, instruction)) {
      const manifests = contextPaths.includes("go.sum") ? "go.mod go.sum" : "go.mod";
      builder.push(`COPY ${manifests} ./`, "RUN go mod download");
      movedManifests = true;
      techniques.push({
        id: "layer-order",
        title: "Download modules before copying the sources",
        why: "a source change no longer re-downloads every module: warm rebuilds reuse the module layer.",
      });
    }
    if (copiesAll && !precompiledStd) {
      // The standard-library packages the app imports, built with the static build's settings in a
      // layer of its own: a source change then recompiles only the app (Go ≤ 1.19 ships a cgo build
      // of the standard library only, Go 1.20+ none). Only what the app imports: all of it costs more.
      builder.push(precompileStd(facts.go?.stdImports ?? []));
      precompiledStd = true;
    }
    // The module download now runs before the sources are copied; a RUN that only repeated it goes.
    if (movedManifests && instruction.keyword === "RUN" && isOnlyModDownload(instruction)) continue;
    builder.push(instruction === build.run ? staticBuild(instruction, build) : slice(instruction));
  }
  if (upx) {
    builder.push(upxLine(stage.baseImage, build.output));
    techniques.push(UPX_TECHNIQUE);
  }
  techniques.push({
    id: "static-linking",
    title: 'Static Go binary: CGO_ENABLED=0 -trimpath -ldflags "-s -w"',
    why: "a static binary runs on scratch with no libc; -s -w drops the symbol tables (25–30 % of the binary). The standard library is compiled for these settings in a layer of its own, before the sources are copied, so a source change recompiles only the app.",
  });

  // Final stage.
  const final: string[] = [];
  const base =
    finalTarget === "scratch"
      ? "scratch"
      : finalTarget === "distroless"
        ? "gcr.io/distroless/static-debian12:nonroot"
        : finalTarget === "alpine"
          ? "alpine:3.20"
          : "debian:bookworm-slim";
  final.push(`FROM ${base}`);
  if (finalTarget === "scratch") {
    final.push("COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt");
    if (facts.runtime.timezones) final.push("COPY --from=build /usr/share/zoneinfo /usr/share/zoneinfo");
    techniques.push({
      id: "certs-and-timezones",
      title: `CA certificates${facts.runtime.timezones ? " and zoneinfo" : ""} copied into scratch`,
      why: "scratch has no files: HTTPS needs the CA bundle, time zones need zoneinfo.",
    });
  }
  for (const instruction of stage.instructions) {
    if (instruction.keyword === "ENV" || instruction.keyword === "ARG") final.push(slice(instruction));
  }
  const workdir = lastOf(stage, "WORKDIR");
  if (workdir) final.push(slice(workdir));
  final.push(`COPY --from=build ${build.output} ${build.output}`);
  const workdirPath = buildWorkdir(stage, build.run);
  for (const dir of RUNTIME_DIRS) {
    if (contextPaths.includes(`${dir}/`))
      final.push(`COPY --from=build ${posix.join(workdirPath, dir)} ${posix.join(workdirPath, dir)}`);
  }
  for (const keyword of ["LABEL", "EXPOSE", "VOLUME", "STOPSIGNAL", "HEALTHCHECK"] as const) {
    for (const instruction of stage.instructions) if (instruction.keyword === keyword) final.push(slice(instruction));
  }
  if (finalTarget === "alpine" && namedUser) {
    final.splice(1, 0, `RUN adduser -D -H ${user?.split(":")[0]}`);
  }
  final.push(user && user !== "root" && user !== "0" ? `USER ${user}` : "USER 65532:65532");
  if (!user || user === "root" || user === "0") {
    techniques.push({
      id: "non-root-user",
      title: "Run as UID 65532",
      why: "the original ran as root; a numeric non-root user lets runAsNonRoot verify it.",
    });
  }
  if (entrypoint) final.push(`ENTRYPOINT ${jsonArray(entry ?? shellExec(entrypoint))}`);
  if (cmd) final.push(`CMD ${jsonArray(command ?? shellExec(cmd))}`);
  techniques.unshift({
    id: "multi-stage",
    title: `Multi-stage build: golang builder, ${base} final image`,
    why: "the Go toolchain (≈850 MB) stays in the builder; the image ships only the binary.",
    saving: finalTarget === "scratch" || finalTarget === "distroless" ? "≈840 MB (to 5–15 MB)" : "≈830 MB",
  });
  return { text: `${[...builder, "", ...final].join("\n")}\n`, techniques };
}

function hasModDownloadBefore(stage: Stage, until: Instruction): boolean {
  for (const instruction of stage.instructions) {
    if (instruction === until) return false;
    if (
      instruction.keyword === "RUN" &&
      commandsOf(instruction).some((c) => commandName(c) === "go" && positionalArgs(c)[0]?.value === "mod")
    )
      return true;
  }
  return false;
}

function isOnlyModDownload(run: RunInstruction): boolean {
  const commands = commandsOf(run);
  return (
    commands.length === 1 &&
    commandName(commands[0]) === "go" &&
    positionalArgs(commands[0])
      .map((w) => w.value)
      .join(" ") === "mod download"
  );
}

function buildWorkdir(stage: Stage, run: RunInstruction): string {
  let workdir = "/go";
  for (const instruction of stage.instructions) {
    if (instruction === run) break;
    if (instruction.keyword === "WORKDIR" && instruction.value)
      workdir = posix.resolve(workdir, instruction.value.value);
  }
  return workdir;
}

/** `RUN CGO_ENABLED=0 go build -trimpath PKG…` (all of std when no import is known), wrapped past 100 columns. */
export function precompileStd(imports: string[]): string {
  const head = "RUN CGO_ENABLED=0 go build -trimpath";
  if (!imports.length) return `${head} std`;
  const lines = [head];
  for (const pkg of imports) {
    const last = lines.length - 1;
    if (`${lines[last]} ${pkg}`.length > 100) lines.push(`    ${pkg}`);
    else lines[last] = `${lines[last]} ${pkg}`;
  }
  return lines.join(" \\\n");
}

/** The build RUN with CGO off, -trimpath and -ldflags "-s -w" added where missing. */
function staticBuild(run: RunInstruction, build: GoBuild): string {
  const command = build.command;
  const args = command.args.map((a) => a.raw);
  const extra: string[] = [];
  if (!args.some((a) => /^--?trimpath$/.test(a))) extra.push("-trimpath");
  if (!args.some((a) => /^--?ldflags/.test(a))) extra.push('-ldflags="-s -w"');
  const buildIndex = args.indexOf("build");
  const assignments = command.name ? command.text.slice(0, command.text.indexOf(command.name.value)) : "";
  const rebuilt = `${assignments}${[command.name?.value ?? "go", ...args.slice(0, buildIndex + 1), ...extra, ...args.slice(buildIndex + 1)].join(" ")}`;
  const cgo = /\bCGO_ENABLED=0\b/.test(run.original) ? "" : "CGO_ENABLED=0 ";
  const text = run.original;
  const start = run.command ? text.indexOf(run.command.value) : -1;
  const commandStart = command.text;
  const before = start === -1 ? "" : text.slice(0, start);
  const body = run.command?.value.replace(commandStart, `${cgo}${rebuilt}`) ?? `${cgo}${rebuilt}`;
  return `${before}${body}`.replace(/^RUN\s+/, "RUN ");
}
