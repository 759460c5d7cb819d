import { posix } from "node:path";
import type { AppFacts } from "../../analyze/stack.js";
import type { Dockerfile, Instruction, RunInstruction, ShellCommand, Stage } from "../../dockerfile/model.js";
import { commandName, positionalArgs } from "../../knowledge/commands.js";
import { commandsOf } from "../../lint/helpers.js";
import type { Target, Technique } from "../types.js";
import {
  type Decline,
  environmentLines,
  execOf,
  lastOf,
  NON_ROOT_10001,
  originalUser,
  RUNTIME_KEYWORDS,
  runtimeLines,
  type StackRewrite,
  textOf,
  UPX_TECHNIQUE,
  unknownRunCommands,
  upxLine,
} from "./common.js";

/** The binary the image runs: the first word of ENTRYPOINT (or CMD), as an absolute path. */
function programPath(stage: Stage): string | Decline {
  const entry = execOf(lastOf(stage, "ENTRYPOINT")) ?? execOf(lastOf(stage, "CMD"));
  if (!entry || entry[0] === "/bin/sh") return { reason: "ENTRYPOINT/CMD is not an exec-form path to the program" };
  const workdir = lastOf(stage, "WORKDIR");
  const dir = workdir?.keyword === "WORKDIR" ? (workdir.value?.value ?? "/") : "/";
  if (!entry[0].includes("/"))
    return { reason: `the program ${entry[0]} is found through PATH; its build output path is not known` };
  return posix.resolve(dir.startsWith("/") ? dir : `/${dir}`, entry[0]);
}

function buildRuns(stage: Stage, isBuild: (c: ShellCommand) => boolean): RunInstruction[] {
  return stage.instructions.filter((i): i is RunInstruction => i.keyword === "RUN" && commandsOf(i).some(isBuild));
}

interface CompiledSpec {
  language: string;
  isBuild: (c: ShellCommand) => boolean;
  known: (c: ShellCommand) => boolean;
  /** The RUN text with static linking turned on, and where the binary lands when that moves it. */
  staticBuild: (run: RunInstruction, program: string, target: Target) => { text: string; output: string } | Decline;
  /** The builder image for a target (Rust builds musl binaries on its -alpine image). */
  builderImage?: (baseImage: string, target: Target) => string;
  toolchainMB: number;
}

const RUST: CompiledSpec = {
  language: "Rust",
  isBuild: (c) => commandName(c) === "cargo" && positionalArgs(c)[0]?.value === "build",
  known: (c) => commandName(c) === "cargo",
  staticBuild(run, program, target) {
    if (!/\/target\/release\/[^/]+$/.test(program))
      return { reason: "the program is not target/release/NAME of cargo build --release" };
    if (!/--release\b/.test(run.original)) return { reason: "cargo build without --release" };
    // Symbols stripped at link time (-C strip, Rust 1.59+): most of a release binary's size. A build
    // that sets RUSTFLAGS itself keeps its flags.
    const strip = /RUSTFLAGS/.test(run.original) ? "" : " -C strip=symbols";
    // On the -alpine image cargo targets musl, which links statically by default.
    if (target === "alpine")
      return {
        text: strip ? run.original.replace(/\bcargo build\b/, `RUSTFLAGS="${strip.trim()}" cargo build`) : run.original,
        output: program,
      };
    // Static glibc: the gnu target with crt-static; the binary moves under target/<triple>/.
    const triple = "x86_64-unknown-linux-gnu";
    const text = run.original.replace(
      /\bcargo build\b/,
      `RUSTFLAGS="-C target-feature=+crt-static${strip}" cargo build --target ${triple}`,
    );
    return { text, output: program.replace("/target/release/", `/target/${triple}/release/`) };
  },
  toolchainMB: 1400,
  builderImage: (baseImage, target) =>
    target === "alpine" && /^rust:[\d.]+$/.test(baseImage) ? `${baseImage}-alpine` : baseImage,
};

const C_CPP: CompiledSpec = {
  language: "C/C++",
  isBuild: (c) => ["make", "cmake", "gcc", "g++", "cc", "c++"].includes(commandName(c)),
  known: (c) => ["make", "cmake", "gcc", "g++", "cc", "c++", "mkdir", "ctest"].includes(commandName(c)),
  staticBuild(run, program) {
    const commands = commandsOf(run);
    if (
      commands.some(
        (c) =>
          commandName(c) === "cmake" &&
          c.args.some((a) => a.value.startsWith("-B") || a.value === "-S" || a.value === ".."),
      )
    ) {
      const text = run.original.replace(/\bcmake\b(?![^&;|]*--build)/, 'cmake -DCMAKE_EXE_LINKER_FLAGS="-static"');
      return { text, output: program };
    }
    if (commands.some((c) => ["gcc", "g++", "cc", "c++"].includes(commandName(c)))) {
      return { text: run.original.replace(/\b(gcc|g\+\+|cc|c\+\+)\b/, "$1 -static"), output: program };
    }
    if (commands.some((c) => commandName(c) === "make"))
      return { text: run.original.replace(/\bmake\b/, 'make LDFLAGS="-static"'), output: program };
    return { reason: "the C/C++ build is neither cmake, make nor a compiler call" };
  },
  toolchainMB: 1400,
};

/**
 * Rust and C/C++: the original stage becomes the builder with static linking turned on, and the
 * final stage is scratch (or alpine/slim) with only the binary, at the path the image ran it from.
 */
function rewriteCompiled(
  dockerfile: Dockerfile,
  target: Target,
  spec: CompiledSpec,
  upx: boolean,
): StackRewrite | Decline {
  if (dockerfile.stages.length !== 1)
    return { reason: "this strategy rewrites single-stage Dockerfiles; this one already has stages" };
  const stage = dockerfile.stages[0];
  if (stage.instructions.some((i) => i.keyword === "ONBUILD" || i.keyword === "SHELL"))
    return { reason: "ONBUILD or SHELL instructions need a person to move" };
  const program = programPath(stage);
  if (typeof program !== "string") return program;
  const runs = buildRuns(stage, spec.isBuild);
  if (runs.length !== 1)
    return { reason: runs.length === 0 ? `no ${spec.language} build step found` : "several build steps" };
  const after = stage.instructions.slice(stage.instructions.indexOf(runs[0]) + 1);
  if (after.some((i) => i.keyword === "RUN" || i.keyword === "COPY" || i.keyword === "ADD"))
    return { reason: "the image changes files after the build; that needs a person" };
  const unknown = unknownRunCommands(stage, spec.known);
  if (unknown.length > 0)
    return { reason: `RUN steps other than the build (${unknown[0].text.slice(0, 40)}) need a person to place` };
  const user = originalUser(stage);
  const chosen: Target = target === "auto" ? (user && !/^\d+(:\d+)?$/.test(user) ? "slim" : "scratch") : target;
  const built = spec.staticBuild(runs[0], program, chosen);
  if ("reason" in built) return built;
  if ((chosen === "scratch" || chosen === "distroless") && user && !/^\d+(:\d+)?$/.test(user)) {
    return { reason: `USER ${user} is a name; ${chosen} has no /etc/passwd` };
  }

  const builderImage = spec.builderImage?.(stage.baseImage, chosen) ?? stage.baseImage;
  const builder: string[] = [`FROM ${builderImage} AS build`];
  for (const instruction of stage.instructions.slice(1)) {
    if (RUNTIME_KEYWORDS.has(instruction.keyword)) continue;
    builder.push(instruction === runs[0] ? built.text : textOf(dockerfile, instruction as Instruction));
  }
  if (upx) builder.push(upxLine(builderImage, built.output));
  const base = {
    scratch: "scratch",
    distroless: "gcr.io/distroless/static-debian12:nonroot",
    alpine: "alpine:3.20",
    slim: "debian:bookworm-slim",
    auto: "scratch",
  }[chosen];
  const final: string[] = [`FROM ${base}`];
  if (chosen === "scratch")
    final.push("COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt");
  final.push(...environmentLines(dockerfile, stage), `COPY --from=build ${built.output} ${program}`);
  final.push(...runtimeLines(dockerfile, stage, user ?? "65532:65532"));
  const techniques: Technique[] = [
    {
      id: "multi-stage",
      title: `Multi-stage build: the ${spec.language} toolchain stays in the builder, ${base} final image`,
      why: "the image ships only the binary.",
      saving: `≈${spec.toolchainMB} MB of toolchain`,
    },
    {
      id: "static-linking",
      title: `Static ${spec.language} binary`,
      why:
        spec.language === "Rust"
          ? "a statically linked binary needs no libc in the image, so it runs on scratch; -C strip=symbols drops the symbol tables (most of a release binary)."
          : "a statically linked binary needs no libc in the image, so it runs on scratch.",
    },
  ];
  if (upx) techniques.push(UPX_TECHNIQUE);
  if (!user) techniques.push({ id: "non-root-user", title: "Run as UID 65532", why: "the original ran as root." });
  return { text: `${[...builder, "", ...final].join("\n")}\n`, techniques };
}

export function rewriteRust(
  dockerfile: Dockerfile,
  _facts: AppFacts,
  target: Target,
  upx = false,
): StackRewrite | Decline {
  return rewriteCompiled(dockerfile, target, RUST, upx);
}

export function rewriteCpp(
  dockerfile: Dockerfile,
  _facts: AppFacts,
  target: Target,
  upx = false,
): StackRewrite | Decline {
  return rewriteCompiled(dockerfile, target, C_CPP, upx);
}

/** Java: the JDK/Maven/Gradle stage builds the jar; a JRE-only image runs it from the same path. */
export function rewriteJava(dockerfile: Dockerfile, _facts: AppFacts, target: Target): StackRewrite | Decline {
  if (dockerfile.stages.length !== 1)
    return { reason: "this strategy rewrites single-stage Dockerfiles; this one already has stages" };
  const stage = dockerfile.stages[0];
  const entry = execOf(lastOf(stage, "ENTRYPOINT")) ?? execOf(lastOf(stage, "CMD"));
  const jarIndex = entry ? entry.indexOf("-jar") : -1;
  // Shell form (`CMD java -jar target/*.jar`): the shell expands a glob at run time, so every jar it
  // matches is copied and the command stays as it was.
  const shellForm = entry?.[0] === "/bin/sh" && entry[1] === "-c";
  const shellJar = shellForm
    ? /^\s*(?:exec\s+)?java\s(?:.*\s)?-jar\s+([^\s;&|]+)/.exec(entry?.[2] ?? "")?.[1]
    : undefined;
  const jarArg = shellForm ? shellJar : entry?.[0] === "java" && jarIndex !== -1 ? entry[jarIndex + 1] : undefined;
  if (!jarArg || /[$`"']/.test(jarArg) || (!shellForm && jarArg.includes("*")))
    return { reason: "the image does not run `java -jar PATH`; the jar to keep is not known" };
  const workdir = lastOf(stage, "WORKDIR");
  const dir = workdir?.keyword === "WORKDIR" ? (workdir.value?.value ?? "/") : "/";
  const jar = posix.resolve(dir, jarArg);
  const globbed = /[*?[]/.test(jarArg);
  const build = buildRuns(stage, (c) => ["mvn", "./mvnw", "gradle", "./gradlew"].includes(c.name?.value ?? ""));
  if (build.length !== 1) return { reason: "no single Maven or Gradle build step found" };
  const unknown = unknownRunCommands(stage, (c) =>
    ["mvn", "./mvnw", "gradle", "./gradlew"].includes(c.name?.value ?? ""),
  );
  if (unknown.length > 0)
    return { reason: `RUN steps other than the build (${unknown[0].text.slice(0, 40)}) need a person to place` };
  const java =
    /(?:temurin|jdk|openjdk)-?(\d+)/.exec(stage.baseImageExpanded)?.[1] ??
    /^(?:eclipse-temurin|openjdk):(\d+)/.exec(stage.baseImageExpanded)?.[1];
  if (!java) return { reason: `the Java version of ${stage.baseImageExpanded} is not known` };
  const chosen = target === "auto" ? "slim" : target;
  const base =
    chosen === "alpine"
      ? `eclipse-temurin:${java}-jre-alpine`
      : chosen === "distroless"
        ? `gcr.io/distroless/java${java}-debian12:nonroot`
        : chosen === "scratch"
          ? undefined
          : `eclipse-temurin:${java}-jre`;
  if (!base) return { reason: "a Java app needs a JRE: scratch is not offered; use slim, alpine or distroless" };
  if (shellForm && chosen === "distroless")
    return { reason: "the command is shell form and distroless has no shell; use slim or alpine" };
  const builder = [`FROM ${stage.baseImage} AS build`];
  for (const instruction of stage.instructions.slice(1)) {
    if (!RUNTIME_KEYWORDS.has(instruction.keyword)) builder.push(textOf(dockerfile, instruction));
  }
  const user = originalUser(stage);
  const final = [
    `FROM ${base}`,
    ...environmentLines(dockerfile, stage),
    globbed ? `COPY --from=build ${jar} ${posix.dirname(jar)}/` : `COPY --from=build ${jar} ${jar}`,
  ];
  // distroless/java's own ENTRYPOINT is `java -jar`: reset it so the CMD runs as it did.
  if (chosen === "distroless" && !lastOf(stage, "ENTRYPOINT")) final.push("ENTRYPOINT []");
  final.push(...runtimeLines(dockerfile, stage, user ?? "10001:10001"));
  return {
    text: `${[...builder, "", ...final].join("\n")}\n`,
    techniques: [
      {
        id: "multi-stage",
        title: `JDK and build tool in the builder, ${base} runtime`,
        why: "the image ships a JRE and the jar, not Maven/Gradle and the JDK.",
        saving: "≈350–450 MB",
      },
      ...(user ? [] : [NON_ROOT_10001]),
    ],
  };
}
