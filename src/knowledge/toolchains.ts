import { type CommandLine, commandName } from "./commands.js";

/** Packages that only building needs: compilers, headers, build tools. */
export const BUILD_PACKAGE =
  /^(build-essential|build-base|gcc|g\+\+|gcc-\d+|clang|llvm|make|cmake|automake|autoconf|libtool|pkg-?config|musl-dev|linux-headers|golang(-go)?|go|rustc|cargo|maven|gradle|openjdk-\d+-jdk(-headless)?|.*-dev|.*-devel)$/;

/** Compile steps among commands: go build, cargo build, gcc/make/cmake, mvn package, gradle build, npm run build. */
export function compileSteps<C extends CommandLine>(commands: C[]): C[] {
  return commands.filter(compiles);
}

function compiles(command: CommandLine): boolean {
  const name = commandName(command);
  const first = command.args.find((a) => !a.value.startsWith("-"))?.value;
  return (
    (name === "go" && first === "build") ||
    (name === "cargo" && (first === "build" || first === "install")) ||
    ["gcc", "g++", "cc", "c++", "make", "cmake", "clang", "ninja"].includes(name) ||
    ((name === "mvn" || name === "./mvnw") &&
      command.args.some((a) => ["package", "install", "verify"].includes(a.value))) ||
    ((name === "gradle" || name === "gradlew") &&
      command.args.some((a) => ["build", "assemble", "bootJar", "installDist"].includes(a.value))) ||
    (["npm", "yarn", "pnpm"].includes(name) && command.args.some((a) => a.value === "build"))
  );
}
