import type { AppFacts } from "../../analyze/stack.js";
import type { CopyInstruction, Dockerfile, Instruction, RunInstruction, ShellCommand } from "../../dockerfile/model.js";
import { pipInstallWord } from "../../knowledge/package-managers.js";
import { commandsOf } from "../../lint/helpers.js";
import type { Target, Technique } from "../types.js";
import {
  alpineTechnique,
  aptInstallLine,
  type Decline,
  environmentLines,
  lastOf,
  NON_ROOT_10001,
  runtimeLines,
  type StackRewrite,
  saving,
  textOf,
  unknownRunCommands,
} from "./common.js";
import { choosePythonTarget, NO_GLIBC_ONLY, pythonStage, pythonUser, runtimePackageLines } from "./python-common.js";
import { lockInstall, rewritePythonLocked } from "./python-lock.js";

const DROP_FROM_INSTALL = /^(--no-cache-dir|--user|-U|--upgrade|--no-warn-script-location|--root-user-action=.*)$/;

/** The words after `install` in a pip command, without the flags the wheel install decides itself. */
function pipArgs(command: ShellCommand): string[] | Decline {
  const word = pipInstallWord(command);
  if (!word) return { reason: "not a pip install" };
  const args = command.args.slice(command.args.indexOf(word) + 1);
  if (args.some((a) => a.value === "-e" || a.value === "--editable"))
    return { reason: "editable installs (pip install -e) need the source tree at run time" };
  if (args.some((a) => a.dynamic)) return { reason: "pip arguments with variables" };
  return args.map((a) => a.raw).filter((a) => !DROP_FROM_INSTALL.test(a));
}

/**
 * Native packages PyPI ships as source only (no manylinux wheel), so even glibc needs a compiler and
 * headers to install them, with the libraries each needs at build and at run time.
 */
const SOURCE_ONLY: Record<string, { apt: [string[], string[]]; apk: [string[], string[]] }> = {
  psycopg2: { apt: [["libpq-dev"], ["libpq5"]], apk: [["postgresql-dev"], ["libpq"]] },
  mysqlclient: {
    apt: [["default-libmysqlclient-dev", "pkg-config"], ["libmariadb3"]],
    apk: [["mariadb-dev", "pkgconf"], ["mariadb-connector-c"]],
  },
  "python-ldap": {
    apt: [
      ["libldap2-dev", "libsasl2-dev"],
      ["libldap-2.5-0", "libsasl2-2"],
    ],
    apk: [["openldap-dev"], ["libldap"]],
  },
  pycurl: { apt: [["libcurl4-openssl-dev", "libssl-dev"], ["libcurl4"]], apk: [["curl-dev"], ["libcurl"]] },
  uwsgi: { apt: [[], []], apk: [["linux-headers"], []] },
};

/** pip install of pip/setuptools/wheel themselves: only the builder needs it. */
const isToolingOnly = (args: string[]) =>
  args.length > 0 && args.every((a) => /^(pip|setuptools|wheel)([<>=~!].*)?$/.test(a) || a.startsWith("-"));

/** Requirement files a pip command reads (`-r x.txt`, `-c c.txt`). */
function requirementFiles(args: string[]): string[] {
  const files: string[] = [];
  args.forEach((arg, i) => {
    if ((arg === "-r" || arg === "-c" || arg === "--requirement" || arg === "--constraint") && args[i + 1])
      files.push(args[i + 1]);
    const attached = /^--(requirement|constraint)=(.+)$/.exec(arg);
    if (attached) files.push(attached[2]);
  });
  return files;
}

/**
 * Python: a wheel-builder stage that has the compilers, and a runtime stage on -slim or -alpine that
 * installs the wheels (bind-mounted, so they take no layer) and only the run-time libraries.
 */
export function rewritePython(
  dockerfile: Dockerfile,
  facts: AppFacts,
  target: Target,
  contextPaths: string[] = [],
): StackRewrite | Decline {
  const single = pythonStage(dockerfile);
  if ("reason" in single) return single;
  const { stage, base } = single;
  // Poetry, Pipenv or uv installs from a lock file: their own strategy.
  const locked = stage.instructions.some(
    (i) => i.keyword === "RUN" && commandsOf(i as RunInstruction).some((c) => lockInstall(c) !== undefined),
  );
  if (locked) return rewritePythonLocked(dockerfile, stage, base, facts, target, contextPaths);
  const unknown = unknownRunCommands(stage, (c) => Boolean(pipInstallWord(c)));
  if (unknown.length > 0)
    return { reason: `RUN steps other than package installs (${unknown[0].text.slice(0, 40)}) need a person to place` };
  const workdirIndex = stage.instructions.indexOf(lastOf(stage, "WORKDIR") as Instruction);
  const copies = stage.instructions.filter((i): i is CopyInstruction => i.keyword === "COPY" || i.keyword === "ADD");
  if (copies.some((c) => stage.instructions.indexOf(c) < workdirIndex || c.from))
    return { reason: "COPY before WORKDIR or COPY --from: the layout needs a person" };

  const picked = choosePythonTarget(stage, base, facts, target);
  if ("reason" in picked) return picked;
  const { chosen, suffix, image, apt, apk, runtimeApt } = picked;

  const pipRuns: { run: RunInstruction; args: string[] }[] = [];
  for (const instruction of stage.instructions) {
    if (instruction.keyword !== "RUN") continue;
    for (const command of commandsOf(instruction)) {
      if (!pipInstallWord(command)) continue;
      const args = pipArgs(command);
      if ("reason" in args) return args;
      pipRuns.push({ run: instruction, args });
    }
  }
  if (pipRuns.length === 0) return { reason: "no pip install to move into a wheel builder" };
  const appInstalls = pipRuns.filter((p) => !isToolingOnly(p.args));
  const manifests = [...new Set(appInstalls.flatMap((p) => requirementFiles(p.args)))];
  const needsWholeTree = appInstalls.some((p) => p.args.some((a) => a === "." || a.startsWith("./")));

  const env = environmentLines(dockerfile, stage);
  const sourceOnly = (facts.python?.nativePackages ?? [])
    .map((name) => SOURCE_ONLY[name.toLowerCase()])
    .filter((n): n is (typeof SOURCE_ONLY)[string] => Boolean(n));
  const native = facts.python?.nativePackages.length ?? 0;
  // A builder only when something compiles: apt's build packages or a source-only package on glibc,
  // any native package on musl. Otherwise pip installs wheels straight into the runtime image.
  const compiles =
    chosen === "alpine" ? apk.build.length + apk.run.length + native > 0 : apt.build.length + sourceOnly.length > 0;
  const buildApk = [...new Set([...apk.build, ...apk.run, ...sourceOnly.flatMap((n) => n.apk[0])])];
  const runApk = [...new Set([...apk.run, ...sourceOnly.flatMap((n) => n.apk[1])])];
  const runApt = [...new Set([...runtimeApt, ...sourceOnly.flatMap((n) => n.apt[1])])];
  const builder: string[] = [];
  if (compiles) {
    // On glibc the builder is the original image: python:X has the compilers and the usual headers.
    builder.push(`FROM ${chosen === "alpine" ? image : stage.baseImage} AS build`);
    if (chosen === "alpine") builder.push(`RUN apk add --no-cache build-base ${buildApk.join(" ")}`.trimEnd());
    else {
      const buildApt = [...new Set([...apt.build, ...apt.other, ...sourceOnly.flatMap((n) => n.apt[0])])];
      if (buildApt.length > 0) builder.push(aptInstallLine(buildApt));
    }
    builder.push(...env);
    if (needsWholeTree || manifests.length === 0) builder.push(...copies.map((c) => textOf(dockerfile, c)));
    else builder.push(`COPY ${manifests.join(" ")} ./`);
    for (const { args } of pipRuns) builder.push(`RUN pip wheel --no-cache-dir --wheel-dir /wheels ${args.join(" ")}`);
  }

  const final: string[] = [`FROM ${image}`, ...runtimePackageLines(chosen, runApk, runApt), ...env];
  const install = (args: string[]) =>
    compiles
      ? `RUN --mount=type=bind,from=build,source=/wheels,target=/wheels pip install --no-cache-dir --no-index --find-links=/wheels ${args.join(" ")}`
      : `RUN pip install --no-cache-dir ${args.join(" ")}`;
  if (needsWholeTree || manifests.length === 0) {
    final.push(...copies.map((c) => textOf(dockerfile, c)));
    for (const { args } of appInstalls) final.push(install(args));
  } else {
    final.push(`COPY ${manifests.join(" ")} ./`);
    for (const { args } of appInstalls) final.push(install(args));
    final.push(...copies.map((c) => textOf(dockerfile, c)));
  }
  const { user, created } = pythonUser(chosen, stage);
  final.push(...created, ...runtimeLines(dockerfile, stage, user));

  const techniques: Technique[] = [
    compiles
      ? {
          id: "multi-stage",
          title: `Wheel-builder stage and a ${image} runtime`,
          why: "compilers and headers build the wheels in a builder; the runtime installs the wheels from a bind mount, so neither the toolchain nor the wheel files are in the image.",
          saving: saving(base, suffix),
        }
      : {
          id: "multi-stage",
          title: `${image} runtime, no builder`,
          why: "nothing needs a compiler (no build packages, no source-only native package), so pip installs wheels straight into the small image; a builder stage would only add a build step.",
          saving: saving(base, suffix),
        },
  ];
  if (chosen === "alpine") techniques.push(alpineTechnique(NO_GLIBC_ONLY, facts));
  if (compiles && (chosen === "alpine" ? runApk.length > 0 : runApt.length > 0)) {
    techniques.push({
      id: "virtual-packages",
      title: "Only run-time libraries in the final image",
      why: `build tools (${apt.build.join(", ") || (chosen === "alpine" ? "build-base" : "the compilers")}) stay in the builder; the image keeps ${chosen === "alpine" ? runApk.join(", ") : runApt.join(", ")}.`,
    });
  }
  if (!needsWholeTree && manifests.length > 0)
    techniques.push({
      id: "layer-order",
      title: `Copy ${manifests.join(", ")} before the sources`,
      why: "a source change reuses the installed-packages layer.",
    });
  if (created.length > 0) techniques.push(NON_ROOT_10001);
  return { text: `${[...builder, ...(builder.length > 0 ? [""] : []), ...final].join("\n")}\n`, techniques };
}
