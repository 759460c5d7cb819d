/** What the pip and the lock-file Python strategies share: the base checks, the target, the runtime's setup. */

import type { AppFacts } from "../../analyze/stack.js";
import type { Dockerfile, Stage } from "../../dockerfile/model.js";
import { mapToApk } from "../../knowledge/apt-to-apk.js";
import type { ResolvedBase } from "../../knowledge/base-images.js";
import type { Target } from "../types.js";
import {
  aptInstallLine,
  aptPackages,
  DEBIAN_RUNTIME_OF,
  type Decline,
  originalUser,
  singleStageBase,
  variantTag,
} from "./common.js";

/** Why Alpine is safe for a Python app `auto` sends there. */
export const NO_GLIBC_ONLY = "no glibc-only packages were found; Alpine's base is a few MB.";

/** The single stage of a Dockerfile on a python image with a version tag. */
export function pythonStage(dockerfile: Dockerfile): { stage: Stage; base: ResolvedBase } | Decline {
  const single = singleStageBase(dockerfile);
  if ("reason" in single) return single;
  const { stage, base } = single;
  if (base.image.name !== "python") return { reason: `the base ${stage.baseImageExpanded} is not a python image` };
  if (!base.version)
    return { reason: "the python base has no version tag; pin one (python:3.12) so the rewrite keeps it" };
  return single;
}

export interface PythonTarget {
  chosen: "alpine" | "slim";
  suffix: "alpine" | "slim";
  /** The runtime image: the user's python version on -alpine or -slim. */
  image: string;
  apt: { build: string[]; other: string[] };
  apk: ReturnType<typeof mapToApk>;
  /** Debian packages the runtime keeps: the non-build ones and the libraries of the -dev ones. */
  runtimeApt: string[];
}

/**
 * The runtime family for a Python app: native packages, Debian packages or bash scripts are musl
 * risks, so `auto` keeps glibc (-slim) then; declines what cannot be kept (unknown Alpine packages,
 * -dev packages without a known run-time library, an image with no interpreter).
 */
export function choosePythonTarget(
  stage: Stage,
  base: ResolvedBase,
  facts: AppFacts,
  target: Target,
): PythonTarget | Decline {
  const apt = aptPackages(stage);
  const runtimeApt = [
    ...new Set([...apt.other, ...apt.build.map((p) => DEBIAN_RUNTIME_OF[p]).filter((p): p is string => Boolean(p))]),
  ];
  const unmappedDev = apt.build.filter((p) => p.endsWith("-dev") && !DEBIAN_RUNTIME_OF[p]);
  const apk = mapToApk([...apt.build, ...apt.other]);
  const wantsGlibc =
    apt.build.length + apt.other.length > 0 ||
    (facts.python?.nativePackages.length ?? 0) > 0 ||
    facts.runtime.bashScripts.length > 0;
  const chosen: Target = target === "auto" ? (wantsGlibc ? "slim" : "alpine") : target;
  if (chosen === "alpine" && apk.unknown.length > 0)
    return { reason: `no Alpine package known for ${apk.unknown.join(", ")}; use --target slim` };
  if (chosen === "scratch" || chosen === "distroless")
    return { reason: `${chosen} is not offered for Python here: it needs the interpreter; use slim or alpine` };
  if (unmappedDev.length > 0 && chosen === "slim")
    return {
      reason: `the run-time library of ${unmappedDev.join(", ")} is not known; keeping the build tools would defeat the rewrite`,
    };
  return { chosen, suffix: chosen, image: variantTag(base, chosen), apt, apk, runtimeApt };
}

/** The runtime's package install, when it needs any: `apk add` on Alpine, `apt-get install` on -slim. */
export function runtimePackageLines(chosen: "alpine" | "slim", apk: string[], apt: string[]): string[] {
  if (chosen === "alpine") return apk.length > 0 ? [`RUN apk add --no-cache ${apk.join(" ")}`] : [];
  return apt.length > 0 ? [aptInstallLine(apt)] : [];
}

/** The user the runtime runs as: the original's when it was not root, else a created UID 10001. */
export function pythonUser(chosen: "alpine" | "slim", stage: Stage): { user: string; created: string[] } {
  const user = originalUser(stage);
  if (user) return { user, created: [] };
  return {
    user: "10001",
    created: [
      chosen === "alpine"
        ? "RUN adduser -S -D -H -u 10001 app"
        : "RUN useradd --system --uid 10001 --no-create-home app",
    ],
  };
}
