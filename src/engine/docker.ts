import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { ImagedietError } from "../errors.js";
import { type BuildLogReader, CliEngine } from "./cli-engine.js";

export interface DockerCli {
  path: string;
  clientVersion: string;
  /** How images are built: BuildKit built into a pre-23 docker client, or through buildx. */
  buildkit: "built-in" | "buildx";
}

export interface FindOptions {
  /** `--docker-cli PATH`; wins over everything else. */
  explicit?: string;
  env?: NodeJS.ProcessEnv;
  /** Candidates to try, in order, when no explicit path is given. */
  candidates?: string[];
}

const DEFAULT_CANDIDATES = ["/usr/bin/docker", "/usr/local/bin/docker", "docker"];

function probe(path: string, env: NodeJS.ProcessEnv): { cli?: DockerCli; why?: string } {
  const version = spawnSync(path, ["version", "--format", "{{.Client.Version}}"], { env, encoding: "utf8" });
  if (version.error)
    return { why: `${path}: ${(version.error as NodeJS.ErrnoException).code ?? version.error.message}` };
  const clientVersion = version.stdout.trim().split("\n")[0] ?? "";
  if (!/^\d+\./.test(clientVersion)) return { why: `${path}: not a docker client` };
  const buildx = spawnSync(path, ["buildx", "version"], { env, encoding: "utf8" });
  if (buildx.status === 0) return { cli: { path, clientVersion, buildkit: "buildx" } };
  // Clients before 23.0 carry BuildKit inside and use it with DOCKER_BUILDKIT=1.
  if (Number(clientVersion.split(".")[0]) < 23) return { cli: { path, clientVersion, buildkit: "built-in" } };
  return { why: `${path} (client ${clientVersion}) has no buildx plugin, so it cannot build with BuildKit` };
}

/**
 * Finds a docker CLI that builds with BuildKit. A client of 23 or later needs the buildx plugin;
 * Debian's docker.io client (20.10) has BuildKit built in.
 */
export function findDockerCli(options: FindOptions = {}): DockerCli {
  const env = options.env ?? process.env;
  const explicit = options.explicit ?? env.IMAGEDIET_DOCKER_CLI;
  const candidates = explicit ? [explicit] : (options.candidates ?? DEFAULT_CANDIDATES);
  const reasons: string[] = [];
  for (const candidate of candidates) {
    if (candidate.includes("/") && !existsSync(candidate)) {
      reasons.push(`${candidate}: not found`);
      continue;
    }
    const { cli, why } = probe(candidate, env);
    if (cli) return cli;
    if (why) reasons.push(why);
  }
  throw new ImagedietError(`no docker CLI that can build with BuildKit: ${reasons.join("; ")}`, {
    file: "docker",
    hint: "install Debian's docker.io (its /usr/bin/docker has BuildKit built in) or the buildx plugin, or pass --docker-cli PATH",
  });
}

/** A docker engine reached through its CLI, building with BuildKit. */
export class DockerEngine extends CliEngine {
  readonly name = "docker";

  constructor(
    readonly cli: DockerCli,
    env: NodeJS.ProcessEnv = process.env,
  ) {
    super(cli.path, { ...env, DOCKER_BUILDKIT: "1" });
  }

  /** Where the client points (DOCKER_HOST or the default socket), for messages. */
  get host(): string {
    return this.env.DOCKER_HOST ?? "unix:///var/run/docker.sock";
  }

  protected buildCommand(): string[] {
    return ["build", "--progress", "plain"];
  }

  protected buildLogReader(): BuildLogReader {
    return new BuildKitLog();
  }

  protected unreachable(cause: string): ImagedietError {
    return new ImagedietError(`cannot reach the Docker daemon at ${this.host}: ${cause}`, {
      file: "docker",
      hint: "start dockerd, set DOCKER_HOST, or use `npm run world` for the test engine",
    });
  }
}

/** BuildKit's plain progress: "#8 [build 3/4] RUN …", then "#8 CACHED" when the step came from the cache. */
export class BuildKitLog implements BuildLogReader {
  private readonly byId = new Map<string, string>();
  readonly cachedSteps: string[] = [];

  get steps(): string[] {
    return [...this.byId.values()];
  }

  read(line: string): void {
    const step = /^#(\d+) \[[^\]]*\d+\/\d+\] (.+)$/.exec(line);
    if (step?.[1] && step[2]) this.byId.set(step[1], step[2]);
    const cached = /^#(\d+) CACHED$/.exec(line)?.[1];
    const text = cached && this.byId.get(cached);
    if (text) this.cachedSteps.push(text);
  }
}
