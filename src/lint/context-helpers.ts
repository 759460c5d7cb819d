import { DockerIgnore } from "../analyze/dockerignore.js";
import type { Dockerfile, Range } from "../dockerfile/model.js";
import { contextSources } from "./copy-helpers.js";
import { copies } from "./helpers.js";
import type { BuildContextInfo } from "./types.js";

/** Where the context is sent: the first COPY/ADD from the context, or the first line. */
export function contextUseRange(dockerfile: Dockerfile): Range | undefined {
  const copy = copies(dockerfile).find((c) => contextSources(c).length > 0);
  return copy?.keywordToken.range;
}

/** True when `COPY . …` (or `ADD .`) sends the whole context into a layer. */
export function copiesWholeContext(dockerfile: Dockerfile): Range | undefined {
  const copy = copies(dockerfile).find((c) =>
    contextSources(c).some((s) => s.value === "." || s.value === "./" || s.value === "*"),
  );
  return copy?.keywordToken.range;
}

export function ignoreOf(context: BuildContextInfo): DockerIgnore {
  return new DockerIgnore(context.dockerignore ?? "");
}
