import { spawnSync } from "node:child_process";
import { ImagedietError } from "../errors.js";
import { type BuildLogReader, CliEngine, firstLine } from "./cli-engine.js";

/** podman, whose builds go through buildah; says what is missing when it cannot run. */
export function findPodman(
  path: string,
  env: NodeJS.ProcessEnv = process.env,
): { path: string; clientVersion: string } {
  const version = spawnSync(path, ["version", "--format", "{{.Client.Version}}"], { env, encoding: "utf8" });
  const clientVersion = version.stdout?.trim().split("\n")[0] ?? "";
  if (version.error || version.status !== 0 || !/^\d+\./.test(clientVersion))
    throw new ImagedietError(
      `no podman: ${version.error ? ((version.error as NodeJS.ErrnoException).code ?? version.error.message) : firstLine(version.stderr) || "not a podman client"}`,
      { file: path, hint: "install podman, or pass --docker-cli PATH to it" },
    );
  return { path, clientVersion };
}

/** A podman engine reached through its CLI, building with buildah. */
export class PodmanEngine extends CliEngine {
  readonly name = "podman";

  constructor(path: string, env: NodeJS.ProcessEnv = process.env) {
    super(path, env);
  }

  protected buildCommand(): string[] {
    return ["build"];
  }

  protected buildLogReader(): BuildLogReader {
    return new BuildahLog();
  }

  protected unreachable(cause: string): ImagedietError {
    return new ImagedietError(`podman does not answer: ${cause}`, { file: this.path });
  }
}

/** buildah's output: "STEP 3/4: RUN …", then "--> Using cache …" when the step came from the cache. */
export class BuildahLog implements BuildLogReader {
  readonly steps: string[] = [];
  readonly cachedSteps: string[] = [];
  private last: string | undefined;

  read(line: string): void {
    const step = /^(?:\[\d+\/\d+\] )?STEP \d+\/\d+: (.+)$/.exec(line)?.[1];
    if (step) {
      this.last = step;
      this.steps.push(step);
    }
    if (/^--> Using cache /.test(line) && this.last) this.cachedSteps.push(this.last);
  }
}
