/**
 * Python apps installed by a lock-file tool — Poetry, Pipenv or uv — rather than `pip install -r`.
 * The tool stays in a builder, where it resolves the lock file:
 *
 * - Poetry (installing into the system interpreter, `virtualenvs.create false`) and Pipenv
 *   (`--system`) export the locked set as requirements; the builder turns them into wheels and the
 *   runtime installs those from a bind mount, as the pip strategy does.
 * - uv (`uv sync`, into the project's `.venv`, reached through `PATH`) syncs the dependencies before
 *   the sources and the project after them; the runtime gets the folder with its `.venv`, whose
 *   interpreter link points where the `-slim` or `-alpine` image has the same Python.
 *
 * What it declines: a command that runs through the tool (`poetry run`, `uv run`: the runtime has
 * no tool), an install into a virtual environment the command cannot reach, a project whose own
 * console scripts the install would create, and pdm.
 */

import type { AppFacts } from "../../analyze/stack.js";
import { expandWord } from "../../dockerfile/expand.js";
import type {
  CopyInstruction,
  Dockerfile,
  Instruction,
  RunInstruction,
  ShellCommand,
  Stage,
} from "../../dockerfile/model.js";
import type { ResolvedBase } from "../../knowledge/base-images.js";
import { commandName, positionalArgs } from "../../knowledge/commands.js";
import { pipInstallWord, pipPackages } from "../../knowledge/package-managers.js";
import { commandsOf } from "../../lint/helpers.js";
import type { Target, Technique } from "../types.js";
import {
  alpineTechnique,
  aptInstallLine,
  type Decline,
  execOf,
  lastOf,
  NON_ROOT_10001,
  runtimeLines,
  type StackRewrite,
  saving,
  textOf,
  unknownRunCommands,
} from "./common.js";
import { choosePythonTarget, NO_GLIBC_ONLY, pythonUser, runtimePackageLines } from "./python-common.js";

export type LockTool = "poetry" | "pipenv" | "uv" | "pdm";

interface LockInstall {
  tool: LockTool;
  /** The words after the subcommand, as written. */
  args: string[];
}

/** `poetry install`, `pipenv install|sync`, `uv sync`, `pdm install|sync`. */
export function lockInstall(command: ShellCommand): LockInstall | undefined {
  const name = commandName(command);
  const sub = positionalArgs(command)[0];
  if (!sub) return undefined;
  const known =
    (name === "poetry" && sub.value === "install") ||
    (name === "pipenv" && (sub.value === "install" || sub.value === "sync")) ||
    (name === "uv" && sub.value === "sync") ||
    (name === "pdm" && (sub.value === "install" || sub.value === "sync"));
  if (!known) return undefined;
  return { tool: name as LockTool, args: command.args.slice(command.args.indexOf(sub) + 1).map((a) => a.raw) };
}

/** COPYs of nothing but manifests and lock files: the builder writes its own. */
const MANIFEST = /^(\.\/)?(pyproject\.toml|poetry\.lock|uv\.lock|Pipfile(\.lock)?|README(\.\w+)?)$/;

const TOOLING = /^(poetry|poetry-plugin-export|pipenv|uv|pip|setuptools|wheel)(\[[^\]]*\])?([<>=~!].*)?$/i;

/** `pip install poetry==1.8.3` and the like: the tool itself, which only the builder needs. */
function isToolInstall(command: ShellCommand): boolean {
  const packages = pipPackages(command);
  return Boolean(pipInstallWord(command)) && packages.length > 0 && packages.every((p) => TOOLING.test(p.value));
}

/** `poetry config …`, `pipenv --version`, `uv --version`: settings and checks of the tool. */
function isToolHousekeeping(command: ShellCommand): boolean {
  const name = commandName(command);
  const sub = positionalArgs(command)[0]?.value;
  return (
    (name === "poetry" && (sub === "config" || command.args.some((a) => a.value === "--version"))) ||
    ((name === "pipenv" || name === "uv") && command.args.some((a) => a.value === "--version"))
  );
}

/** The value an ENV instruction of the stage sets for `key`, if any. */
function envValue(instructions: Instruction[], key: string): string | undefined {
  let value: string | undefined;
  for (const instruction of instructions)
    if (instruction.keyword === "ENV")
      for (const pair of instruction.pairs)
        if (pair.key.value === key) value = expandWord(pair.value.value, () => undefined, { skipUnsetEnv: true });
  return value;
}

/** `poetry export` flags giving the set `poetry install ARGS` installs. */
function poetryExportFlags(args: string[], groups: string[]): string[] | Decline {
  const out: string[] = [];
  let grouped = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const [flag, inline] = arg.split("=", 2) as [string, string | undefined];
    const value = () => inline ?? args[++i] ?? "";
    if (flag === "--no-dev") {
      out.push("--without", "dev");
      grouped = true;
    } else if (["--with", "--without", "--only"].includes(flag)) {
      out.push(flag, value());
      grouped = true;
    } else if (flag === "-E" || flag === "--extras") out.push("--extras", value());
    else if (flag === "--all-extras") out.push("--all-extras");
    else if (flag === "--only-root") return { reason: "poetry install --only-root installs the project alone" };
    else if (["--sync", "--no-root", "--no-interaction", "-n", "--no-ansi", "--compile"].includes(flag)) continue;
    else if (arg.startsWith("-")) return { reason: `poetry install ${arg} is not one the rewrite knows` };
  }
  if (!grouped && groups.length > 0) out.push("--with", groups.join(","));
  return out;
}

/** Rewrites a single-stage Python Dockerfile whose packages come from a lock file (see the file comment). */
export function rewritePythonLocked(
  dockerfile: Dockerfile,
  stage: Stage,
  base: ResolvedBase,
  facts: AppFacts,
  target: Target,
  contextPaths: string[],
): StackRewrite | Decline {
  const installs: LockInstall[] = [];
  for (const instruction of stage.instructions)
    if (instruction.keyword === "RUN")
      for (const command of commandsOf(instruction as RunInstruction)) {
        const install = lockInstall(command);
        if (install) installs.push(install);
      }
  const install = installs[0];
  if (!install) return { reason: "no poetry, pipenv or uv install" };
  const tool = install.tool;
  if (tool === "pdm") return { reason: "pdm installs are not rewritten yet" };
  if (installs.length > 1) return { reason: `${installs.length} ${tool} installs: the order needs a person` };
  const unknown = unknownRunCommands(
    stage,
    (c) => Boolean(lockInstall(c)) || isToolInstall(c) || isToolHousekeeping(c),
  );
  if (unknown.length > 0)
    return {
      reason: `RUN steps other than package installs (${unknown[0]?.text.slice(0, 40)}) need a person to place`,
    };
  const runsThroughTool = [execOf(lastOf(stage, "ENTRYPOINT")), execOf(lastOf(stage, "CMD"))]
    .flatMap((argv) => argv ?? [])
    .some((word) => /(^|\/)(poetry|pipenv|uv|pdm)$/.test(word));
  if (runsThroughTool) return { reason: `the command runs through ${tool}, which the runtime image would not have` };

  const workdir = lastOf(stage, "WORKDIR");
  const dir = workdir?.keyword === "WORKDIR" ? (workdir.value?.value ?? "") : "";
  if (!dir.startsWith("/")) return { reason: "no absolute WORKDIR: the app's location is not known" };
  const allCopies = stage.instructions.filter((i): i is CopyInstruction => i.keyword === "COPY" || i.keyword === "ADD");
  // uv's own image as the tool (`COPY --from=ghcr.io/astral-sh/uv:0.4 /uv /uvx /bin/`): builder only.
  const fromOf = (c: CopyInstruction) => c.from?.value ?? "";
  const toolCopies = allCopies.filter((c) => /(^|\/)uv(:|@|$)/.test(fromOf(c)));
  const unpinned = (ref: string) => !/[:@]/.test(ref.replace(/^[^/]*\//, "")) || /:latest$/.test(ref);
  if (toolCopies.some((c) => unpinned(fromOf(c))))
    return {
      reason: "uv comes from an image without a pinned tag; pin it (ghcr.io/astral-sh/uv:0.4) so the rewrite keeps it",
    };
  const copies = allCopies.filter((c) => !toolCopies.includes(c));
  if (copies.some((c) => stage.instructions.indexOf(c) < stage.instructions.indexOf(workdir as Instruction) || c.from))
    return { reason: "COPY before WORKDIR or COPY --from: the layout needs a person" };
  const paths = new Set(contextPaths);

  const picked = choosePythonTarget(stage, base, facts, target);
  if ("reason" in picked) return picked;
  const { chosen, suffix, image, apt, apk, runtimeApt } = picked;
  // The builder is the original image on glibc (its compilers and headers); on musl the -alpine one.
  const builderImage = chosen === "alpine" ? image : stage.baseImage;

  const env = stage.instructions
    .filter((i) => i.keyword === "ENV" || i.keyword === "ARG")
    .map((i) => textOf(dockerfile, i));
  // Every pip install of the tooling (`pip install -U pip && pip install poetry==1.8.3`), in order.
  const toolInstalls = stage.instructions
    .filter((i): i is RunInstruction => i.keyword === "RUN")
    .flatMap((run) => commandsOf(run).filter(isToolInstall))
    .map((c) => c.text.replace(/\s+--no-cache-dir\b/, "").replace(/\binstall\b/, "install --no-cache-dir"));
  const installsTool = (text: string) => new RegExp(`(^|\\s)${tool}([\\[<>=~!\\s]|$)`, "i").test(text);
  if (!toolInstalls.some(installsTool) && toolCopies.length === 0)
    return { reason: `the Dockerfile does not install ${tool} itself, so the builder would not know which one` };
  /** The tool's installs for the builder; `extra` packages join the command that installs the tool. */
  const toolLines = (extra: string[]) => [
    ...toolCopies.map((c) => textOf(dockerfile, c)),
    ...(toolInstalls.length
      ? [`RUN ${toolInstalls.map((text) => (installsTool(text) ? [text, ...extra].join(" ") : text)).join(" && ")}`]
      : []),
  ];

  const builder: string[] = [`FROM ${builderImage} AS build`];
  const buildApt = [...new Set([...apt.build, ...apt.other])];
  // Compilers only where something compiles: build packages, or native packages on musl.
  const compilesOnMusl = apk.build.length + apk.run.length + (facts.python?.nativePackages.length ?? 0) > 0;
  if (chosen === "alpine" && compilesOnMusl)
    builder.push(`RUN apk add --no-cache build-base ${[...apk.build, ...apk.run].join(" ")}`.trimEnd());
  else if (chosen !== "alpine" && buildApt.length > 0) builder.push(aptInstallLine(buildApt));
  builder.push(...env, `WORKDIR ${dir}`);

  const final: string[] = [
    `FROM ${image}`,
    ...runtimePackageLines(chosen, apk.run, runtimeApt),
    ...env,
    `WORKDIR ${dir}`,
  ];

  const techniques: Technique[] = [];
  if (tool === "uv") {
    const path = envValue(stage.instructions, "PATH") ?? "";
    const venv = envValue(stage.instructions, "UV_PROJECT_ENVIRONMENT") ?? `${dir.replace(/\/$/, "")}/.venv`;
    if (!path.split(":").includes(`${venv}/bin`))
      return { reason: `uv sync installs into ${venv}, which the command does not reach (no ${venv}/bin in PATH)` };
    if (!paths.has("uv.lock")) return { reason: "uv sync without uv.lock: the locked set is not known" };
    const flags = install.args.filter((a) => a !== "--frozen" && a !== "--locked");
    const sync = (more: string[]) => `RUN uv sync --frozen ${[...more, ...flags].join(" ")}`.trimEnd();
    builder.push(
      ...toolLines([]),
      "COPY pyproject.toml uv.lock ./",
      sync(["--no-install-project"]),
      ...copies.filter((c) => !c.sources.every((s) => MANIFEST.test(s.value))).map((c) => textOf(dockerfile, c)),
      sync([]),
    );
    final.push(`COPY --from=build ${dir} ${dir}`);
    techniques.push({
      id: "multi-stage",
      title: `uv in a builder, a ${image} runtime with the synced .venv`,
      why: "uv and its cache stay in the builder; the dependencies sync before the sources are copied, so a source change re-syncs only the project.",
      saving: saving(base, suffix),
    });
  } else {
    const manifests: string[] = [];
    let exported: string;
    if (tool === "poetry") {
      const creates = envValue(stage.instructions, "POETRY_VIRTUALENVS_CREATE");
      const configured = stage.instructions
        .filter((i): i is RunInstruction => i.keyword === "RUN")
        .flatMap((run) => commandsOf(run))
        .some((c) => commandName(c) === "poetry" && /virtualenvs\.create\s+(false|0)\b/.test(c.text));
      if (!configured && !/^(false|0)$/i.test(creates ?? ""))
        return { reason: "poetry installs into its own virtual environment, which only `poetry run` reaches" };
      if (!install.args.includes("--no-root") && facts.python?.projectScripts)
        return {
          reason:
            "poetry install also installs the project's console scripts; the rewrite installs its dependencies only",
        };
      if (!paths.has("poetry.lock"))
        return { reason: "poetry install without poetry.lock: the locked set is not known" };
      const flags = poetryExportFlags(install.args, facts.python?.poetryGroups ?? []);
      if ("reason" in flags) return flags;
      manifests.push("pyproject.toml", "poetry.lock");
      exported = `poetry export --format requirements.txt --without-hashes ${[...flags, "--output", "/wheels/requirements.txt"].join(" ")}`;
    } else {
      if (!install.args.includes("--system"))
        return { reason: "pipenv installs into its own virtual environment, which only `pipenv run` reaches" };
      if (!paths.has("Pipfile.lock"))
        return { reason: "pipenv install without Pipfile.lock: the locked set is not known" };
      const dev = install.args.includes("--dev") || install.args.includes("-d");
      manifests.push("Pipfile", "Pipfile.lock");
      exported = `pipenv requirements${dev ? " --dev" : ""} > /wheels/requirements.txt`;
    }
    builder.push(
      ...toolLines(tool === "poetry" ? ["poetry-plugin-export"] : []),
      `COPY ${manifests.join(" ")} ./`,
      `RUN mkdir /wheels && ${exported} && pip wheel --no-cache-dir --wheel-dir /wheels -r /wheels/requirements.txt`,
    );
    final.push(
      "RUN --mount=type=bind,from=build,source=/wheels,target=/wheels pip install --no-cache-dir --no-index --find-links=/wheels -r /wheels/requirements.txt",
      ...copies.map((c) => textOf(dockerfile, c)),
    );
    techniques.push({
      id: "multi-stage",
      title: `${tool} in a wheel builder, a ${image} runtime`,
      why: `${tool} exports the locked set in the builder, which turns it into wheels; the runtime installs them from a bind mount, so neither ${tool}, the compilers nor the wheel files are in the image.`,
      saving: saving(base, suffix),
    });
    techniques.push({
      id: "layer-order",
      title: `Copy ${manifests.join(", ")} before the sources`,
      why: "a source change reuses the installed-packages layer.",
    });
  }
  const { user, created } = pythonUser(chosen, stage);
  final.push(...created, ...runtimeLines(dockerfile, stage, user));
  if (chosen === "alpine") techniques.push(alpineTechnique(NO_GLIBC_ONLY, facts));
  if (created.length > 0) techniques.push(NON_ROOT_10001);
  return { text: `${[...builder, "", ...final].join("\n")}\n`, techniques };
}
