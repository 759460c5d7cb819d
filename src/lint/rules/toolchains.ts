import type { ShellCommand, Stage } from "../../dockerfile/model.js";
import { commandName, commandsOf, packageArgs } from "../helpers.js";
import { isApkAdd, isAptInstall } from "./package-managers.js";

/** Packages that only building needs: compilers, headers, build tools. */
export const BUILD_PACKAGE =
  /^(build-essential|build-base|gcc|g\+\+|gcc-\d+|clang|llvm|make|cmake|automake|autoconf|libtool|pkg-?config|musl-dev|linux-headers|golang(-go)?|go|rustc|cargo|maven|gradle|openjdk-\d+-jdk(-headless)?|.*-dev|.*-devel)$/;

export function installedPackages(command: ShellCommand): string[] {
  if (!isAptInstall(command) && !isApkAdd(command)) return [];
  return packageArgs(command)
    .filter((w) => !w.dynamic)
    .map((w) => w.value.replace(/[=~<>].*$/, ""));
}

/** Build tools a stage installs with apt or apk. */
export function buildPackagesIn(stage: Stage): string[] {
  const found: string[] = [];
  for (const instruction of stage.instructions) {
    if (instruction.keyword !== "RUN") continue;
    for (const command of commandsOf(instruction))
      found.push(...installedPackages(command).filter((p) => BUILD_PACKAGE.test(p)));
  }
  return found;
}

/** Compile steps a stage runs: go build, cargo build, gcc/make/cmake, mvn package, gradle build, npm run build. */
export function compileSteps(stage: Stage): ShellCommand[] {
  const steps: ShellCommand[] = [];
  for (const instruction of stage.instructions) {
    if (instruction.keyword !== "RUN") continue;
    for (const command of commandsOf(instruction)) {
      const name = commandName(command);
      const first = command.args.find((a) => !a.value.startsWith("-"))?.value;
      const compile =
        (name === "go" && first === "build") ||
        (name === "cargo" && (first === "build" || first === "install")) ||
        ["gcc", "g++", "cc", "c++", "make", "cmake", "clang", "ninja"].includes(name) ||
        ((name === "mvn" || name === "./mvnw") &&
          command.args.some((a) => ["package", "install", "verify"].includes(a.value))) ||
        ((name === "gradle" || name === "gradlew") &&
          command.args.some((a) => ["build", "assemble", "bootJar", "installDist"].includes(a.value))) ||
        (["npm", "yarn", "pnpm"].includes(name) && command.args.some((a) => a.value === "build"));
      if (compile) steps.push(command);
    }
  }
  return steps;
}
