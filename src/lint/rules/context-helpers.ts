import { DockerIgnore } from "../../analyze/dockerignore.js";
import type { Dockerfile, Range } from "../../dockerfile/model.js";
import { copies } from "../helpers.js";
import type { BuildContextInfo } from "../types.js";
import { contextSources } from "./copy-helpers.js";

/** What should never be sent to a builder: VCS data, dependency folders, caches, build output, env files and keys. */
export const UNWANTED_IN_CONTEXT: { pattern: RegExp; entry: string; why: string }[] = [
  { pattern: /^\.git\/$/, entry: ".git", why: "the repository history (often larger than the code)" },
  {
    pattern: /(^|\/)node_modules\/$/,
    entry: "node_modules",
    why: "host-built dependencies (wrong platform, hundreds of MB)",
  },
  { pattern: /(^|\/)__pycache__\/$/, entry: "__pycache__", why: "Python bytecode caches" },
  { pattern: /^target\/$/, entry: "target", why: "Rust or Maven build output" },
  { pattern: /^(\.venv|venv)\/$/, entry: ".venv", why: "a host virtualenv" },
  { pattern: /(^|\/)\.env(\.[\w.-]+)?$/, entry: ".env*", why: "environment files with secrets" },
  {
    pattern: /(^|\/)(id_rsa|id_ed25519|id_ecdsa)$|\.(pem|key|p12|pfx)$/,
    entry: "*.pem / *.key / id_rsa",
    why: "private keys",
  },
];

/** Files that look like secrets, by name. */
export const SECRET_FILE =
  /(^|\/)(?![^/]*\.(example|sample|template|dist|defaults?)$)(\.env(\.[\w.-]+)?|id_rsa|id_ed25519|id_ecdsa|\.npmrc|\.pypirc|\.netrc|\.git-credentials|credentials(\.json)?|secrets?\.(json|ya?ml|env)|[^/]+\.(pem|key|p12|pfx|keystore|jks))$/;

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
