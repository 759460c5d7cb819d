import { posix } from "node:path";
import type { AppFacts } from "../../analyze/stack.js";
import type { CopyInstruction, Dockerfile, Instruction, ShellCommand } from "../../dockerfile/model.js";
import { mapToApk } from "../../knowledge/apt-to-apk.js";
import { commandName, positionalArgs } from "../../knowledge/commands.js";
import { commandsOf } from "../../lint/helpers.js";
import type { Target, Technique } from "../types.js";
import {
  alpineTechnique,
  aptInstallLine,
  aptPackages,
  type Decline,
  environmentLines,
  lastOf,
  originalUser,
  runtimeLines,
  type StackRewrite,
  saving,
  singleStageBase,
  textOf,
  unknownRunCommands,
  variantTag,
} from "./common.js";

const sub = (c: ShellCommand) => positionalArgs(c)[0]?.value;
const isInstall = (c: ShellCommand) => {
  const name = commandName(c);
  const args = positionalArgs(c);
  if (name === "npm") return ["install", "i", "ci"].includes(sub(c) ?? "") && args.length === 1;
  if (name === "yarn") return args.length === 0 || (sub(c) === "install" && args.length === 1);
  if (name === "pnpm") return ["install", "i"].includes(sub(c) ?? "") && args.length === 1;
  return false;
};
const isBuild = (c: ShellCommand) => {
  const name = commandName(c);
  const args = positionalArgs(c).map((w) => w.value);
  if (!["npm", "yarn", "pnpm"].includes(name)) return false;
  return (args[0] === "run" && args[1] === "build") || (name !== "npm" && args[0] === "build");
};

/** How each package manager installs everything, keeps only production dependencies, and cleans up. */
const MANAGERS = {
  npm: {
    lockfiles: ["package-lock.json", "npm-shrinkwrap.json"],
    install: (locked: boolean) => `${locked ? "npm ci" : "npm install"} --include=dev && npm cache clean --force`,
    build: "npm run build",
    prune: "npm prune --omit=dev && npm cache clean --force",
    production: (locked: boolean) => `${locked ? "npm ci" : "npm install"} --omit=dev && npm cache clean --force`,
  },
  yarn: {
    lockfiles: ["yarn.lock"],
    install: (locked: boolean) => `yarn install${locked ? " --frozen-lockfile" : ""} && yarn cache clean`,
    build: "yarn build",
    prune: "yarn install --production --frozen-lockfile && yarn cache clean",
    production: (locked: boolean) =>
      `yarn install --production${locked ? " --frozen-lockfile" : ""} && yarn cache clean`,
  },
  pnpm: {
    lockfiles: ["pnpm-lock.yaml"],
    install: (locked: boolean) => `corepack enable && pnpm install${locked ? " --frozen-lockfile" : ""}`,
    build: "pnpm run build",
    prune: "pnpm prune --prod && pnpm store prune",
    production: (locked: boolean) => `corepack enable && pnpm install --prod${locked ? " --frozen-lockfile" : ""}`,
  },
} as const;

/**
 * Node (npm, yarn or pnpm): a build stage installs everything and runs the build, then prunes dev
 * dependencies (with no build step it installs production dependencies only);
 * the final stage on -alpine (or -slim for native modules) gets the app with production
 * dependencies only, tini as init, and the `node` user.
 */
export function rewriteNode(dockerfile: Dockerfile, facts: AppFacts, target: Target): StackRewrite | Decline {
  const single = singleStageBase(dockerfile);
  if ("reason" in single) return single;
  const { stage, base } = single;
  if (base.image.name !== "node") return { reason: `the base ${stage.baseImageExpanded} is not a node image` };
  if (!base.version) return { reason: "the node base has no version tag; pin one (node:20) so the rewrite keeps it" };
  const unknown = unknownRunCommands(stage, (c) => isInstall(c) || isBuild(c));
  if (unknown.length > 0)
    return {
      reason: `RUN steps other than the dependency install and the build (${unknown[0].text.slice(0, 40)}) need a person to place`,
    };
  const workdir = lastOf(stage, "WORKDIR");
  if (!workdir) return { reason: "no WORKDIR: the app's location is not known" };
  const copies = stage.instructions.filter((i): i is CopyInstruction => i.keyword === "COPY" || i.keyword === "ADD");
  if (copies.some((c) => stage.instructions.indexOf(c) < stage.instructions.indexOf(workdir) || c.from)) {
    return { reason: "COPY before WORKDIR or COPY --from: the layout needs a person" };
  }
  const commands = stage.instructions
    .filter((i) => i.keyword === "RUN")
    .flatMap((i) => commandsOf(i as Instruction & { keyword: "RUN" }));
  if (!commands.some(isInstall)) return { reason: "no npm, yarn or pnpm install" };
  const builds = commands.some(isBuild);

  const apt = aptPackages(stage);
  const apk = mapToApk([...apt.build, ...apt.other]);
  const native = facts.node?.nativeModules ?? [];
  const muslRisk = native.length > 0 || apt.other.length > 0 || facts.runtime.bashScripts.length > 0;
  const chosen: Target = target === "auto" ? (muslRisk ? "slim" : "alpine") : target;
  if (chosen === "scratch" || chosen === "distroless")
    return { reason: `${chosen} is not offered for Node here; use alpine or slim` };
  if (chosen === "alpine" && apk.unknown.length > 0)
    return { reason: `no Alpine package known for ${apk.unknown.join(", ")}; use --target slim` };
  const suffix = chosen === "alpine" ? "alpine" : "slim";
  const image = variantTag(base, suffix);
  const pm = facts.node?.packageManager ?? "npm";
  const manager = MANAGERS[pm];
  const lockfile =
    facts.node?.lockfile && (manager.lockfiles as readonly string[]).includes(facts.node.lockfile)
      ? facts.node.lockfile
      : undefined;
  const manifests = lockfile ? `package.json ${lockfile}` : "package.json";
  // COPYs of the manifests alone are replaced by the one that follows.
  const sourceCopies = copies.filter(
    (c) =>
      !c.sources.every((s) =>
        /^(\.\/)?(package(-lock)?\.json|package\*\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml)$/.test(
          s.value,
        ),
      ),
  );

  const env = environmentLines(dockerfile, stage);
  const build: string[] = [`FROM ${image} AS build`];
  if (chosen === "alpine" && native.length > 0) build.push("RUN apk add --no-cache python3 make g++");
  if (chosen === "slim" && apt.build.length + apt.other.length > 0) {
    build.push(aptInstallLine([...apt.build, ...apt.other]));
  }
  // With no build step nothing needs the dev dependencies: production ones only, installed before
  // the sources, so a source change reruns no install or prune.
  build.push(
    ...env,
    `COPY ${manifests} ./`,
    `RUN ${builds ? manager.install(Boolean(lockfile)) : manager.production(Boolean(lockfile))}`,
    ...sourceCopies.map((c) => textOf(dockerfile, c)),
  );
  const deps: string[] = [];
  if (builds) {
    build.push(`RUN ${manager.build}`);
    // yarn has no prune: production dependencies come from their own stage, installed before any source.
    if (pm === "yarn") {
      build.push("RUN rm -rf node_modules");
      deps.push(`FROM ${image} AS deps`, ...env, `COPY ${manifests} ./`, `RUN ${manager.prune}`, "");
    } else {
      build.push(`RUN ${manager.prune}`);
    }
  }

  const final: string[] = [`FROM ${image}`];
  if (chosen === "alpine") final.push(`RUN apk add --no-cache tini${apk.run.length ? ` ${apk.run.join(" ")}` : ""}`);
  else final.push(aptInstallLine(["tini", ...apt.other]));
  final.push(...env);
  const dir = workdir.keyword === "WORKDIR" ? (workdir.value?.value ?? ".") : ".";
  final.push(`COPY --from=build --chown=node:node ${dir} ${dir}`);
  if (deps.length)
    final.push(
      `COPY --from=deps --chown=node:node ${posix.join(dir, "node_modules")} ${posix.join(dir, "node_modules")}`,
    );
  const user = originalUser(stage) ?? "node";
  const tini = chosen === "alpine" ? "/sbin/tini" : "/usr/bin/tini";
  final.push(...runtimeLines(dockerfile, stage, user, [tini, "--"]));

  const techniques: Technique[] = [
    {
      id: "multi-stage",
      title: `Build stage and a ${image} runtime with production dependencies only`,
      why: builds
        ? `${manager.build} and dev dependencies stay in the build stage; \`${manager.prune.split(" && ")[0]}\` leaves only what the app runs.`
        : `there is no build step, so only production dependencies are installed (\`${manager.production(Boolean(lockfile)).split(" && ")[0]}\`), before the sources.`,
      saving: saving(base, suffix),
    },
    {
      id: "layer-order",
      title: `Copy ${manifests} before the sources`,
      why: "a source change reuses the dependency layer.",
    },
    {
      id: "non-root-user",
      title: "tini as init and the node user",
      why: "node as PID 1 ignores SIGTERM and leaves zombies; the node user is not root.",
    },
  ];
  if (chosen === "alpine")
    techniques.push(alpineTechnique("no native modules were found, so no glibc-only binaries are at risk.", facts));
  return { text: `${[...deps, ...build, "", ...final].join("\n")}\n`, techniques };
}
