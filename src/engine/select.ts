import { DockerEngine, findDockerCli } from "./docker.js";
import type { Engine, EngineKind } from "./engine.js";
import { findPodman, PodmanEngine } from "./podman.js";

export interface EngineChoice {
  /** `--engine`: docker (default, or IMAGEDIET_ENGINE) or podman. */
  kind?: EngineKind;
  /** `--docker-cli PATH`: the client to use. */
  cli?: string;
  env?: NodeJS.ProcessEnv;
}

/** The engine the user asked for, reached through its client; fails with one line when there is none. */
export function openEngine(choice: EngineChoice = {}): Engine {
  const env = choice.env ?? process.env;
  const kind = choice.kind ?? (env.IMAGEDIET_ENGINE === "podman" ? "podman" : "docker");
  if (kind === "podman") return new PodmanEngine(findPodman(choice.cli ?? "podman", env).path, env);
  return new DockerEngine(findDockerCli({ explicit: choice.cli, env }), env);
}
