import { type SpawnOptions, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { ImagedietError } from "../errors.js";

/** Every image and container imagediet creates carries this label, so cleanup can find them. */
export const OWNER_LABEL = "org.imagediet.owner";

export interface DockerCli {
  path: string;
  clientVersion: string;
  /** How images are built: BuildKit built into a pre-23 docker client or through buildx; podman's buildah. */
  buildkit: "built-in" | "buildx" | "buildah";
  /** The CLI's family: docker, or podman (whose commands imagediet uses are docker's). */
  kind?: "docker" | "podman";
}

export type EngineKind = "docker" | "podman";

export interface FindOptions {
  /** `--engine`: docker (default, or IMAGEDIET_ENGINE) or podman. */
  engine?: EngineKind;
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
  const engine = options.engine ?? (env.IMAGEDIET_ENGINE === "podman" ? "podman" : "docker");
  if (engine === "podman") return findPodman(options.explicit ?? "podman", env);
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

export interface BuildOptions {
  context: string;
  dockerfile?: string;
  tag: string;
  target?: string;
  buildArgs?: Record<string, string>;
  noCache?: boolean;
  /** `host` on machines without a bridge network. */
  network?: string;
  /** Called with each line of build output, for a progress display. */
  onLine?: (line: string) => void;
}

export interface BuildResult {
  tag: string;
  seconds: number;
  /** The last lines of output, kept for error messages and reports. */
  log: string[];
  /** Every step of the build, as BuildKit prints it (`COPY go.mod ./`, `RUN go mod download`). */
  steps: string[];
  /** The steps BuildKit took from its cache. */
  cachedSteps: string[];
}

export interface RunOptions {
  image: string;
  command?: string[];
  entrypoint?: string;
  user?: string;
  network?: string;
  env?: Record<string, string>;
  detach?: boolean;
}

interface Exec {
  status: number;
  stdout: string;
  stderr: string;
}

/** podman, whose builds go through buildah; says what is missing when it cannot run. */
function findPodman(path: string, env: NodeJS.ProcessEnv): DockerCli {
  const version = spawnSync(path, ["version", "--format", "{{.Client.Version}}"], { env, encoding: "utf8" });
  const clientVersion = version.stdout?.trim().split("\n")[0] ?? "";
  if (version.error || version.status !== 0 || !/^\d+\./.test(clientVersion))
    throw new ImagedietError(
      `no podman: ${version.error ? ((version.error as NodeJS.ErrnoException).code ?? version.error.message) : firstLine(version.stderr) || "not a podman client"}`,
      { file: path, hint: "install podman, or pass --docker-cli PATH to it" },
    );
  return { path, clientVersion, buildkit: "buildah", kind: "podman" };
}

/** One docker engine reached through its CLI; everything it creates is labelled and removed by cleanup(). */
export class DockerEngine {
  readonly cli: DockerCli;
  readonly session = randomBytes(6).toString("hex");
  private readonly env: NodeJS.ProcessEnv;
  private readonly images = new Set<string>();
  private readonly containers = new Set<string>();

  constructor(cli: DockerCli, env: NodeJS.ProcessEnv = process.env) {
    this.cli = cli;
    this.env = { ...env, DOCKER_BUILDKIT: "1" };
  }

  private get podman(): boolean {
    return this.cli.kind === "podman";
  }

  /** Where the client points (DOCKER_HOST or the default socket), for messages. */
  get host(): string {
    return this.env.DOCKER_HOST ?? "unix:///var/run/docker.sock";
  }

  private exec(args: string[], options: SpawnOptions = {}): Exec {
    const result = spawnSync(this.cli.path, args, {
      env: this.env,
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
      ...options,
    });
    return { status: result.status ?? 1, stdout: String(result.stdout ?? ""), stderr: String(result.stderr ?? "") };
  }

  /** Fails with one line when the daemon cannot be reached. */
  ping(): { serverVersion: string } {
    const result = this.exec(["version", "--format", "{{.Server.Version}}"]);
    const serverVersion = result.stdout.trim();
    if (result.status !== 0 || !serverVersion) {
      const cause = firstLine(result.stderr) || "no answer";
      if (this.podman) throw new ImagedietError(`podman does not answer: ${cause}`, { file: this.cli.path });
      throw new ImagedietError(`cannot reach the Docker daemon at ${this.host}: ${cause}`, {
        file: "docker",
        hint: "start dockerd, set DOCKER_HOST, or use `npm run world` for the test engine",
      });
    }
    return { serverVersion };
  }

  /** Builds with BuildKit; the image is labelled and remembered for cleanup. */
  async build(options: BuildOptions): Promise<BuildResult> {
    const args = ["build", ...(this.podman ? [] : ["--progress", "plain"])];
    args.push("-t", options.tag, "--label", `${OWNER_LABEL}=${this.session}`);
    if (options.dockerfile) args.push("-f", options.dockerfile);
    if (options.target) args.push("--target", options.target);
    if (options.noCache) args.push("--no-cache");
    if (options.network) args.push("--network", options.network);
    for (const [key, value] of Object.entries(options.buildArgs ?? {})) args.push("--build-arg", `${key}=${value}`);
    args.push(options.context);
    this.images.add(options.tag);
    const started = performance.now();
    const log: string[] = [];
    const steps = new Map<string, string>();
    const cachedSteps: string[] = [];
    let lastBuildahStep: string | undefined;
    const status = await new Promise<number>((resolve, reject) => {
      const child = spawn(this.cli.path, args, { env: this.env, stdio: ["ignore", "pipe", "pipe"] });
      let pending = "";
      const take = (chunk: Buffer) => {
        pending += chunk.toString("utf8");
        const lines = pending.split("\n");
        pending = lines.pop() ?? "";
        for (const line of lines) {
          log.push(line);
          if (log.length > 200) log.shift();
          // BuildKit: "#8 [build 3/4] RUN …" then "#8 CACHED"; buildah: "STEP 3/4: RUN …" then "--> Using cache …".
          const step = /^#(\d+) \[[^\]]*\d+\/\d+\] (.+)$/.exec(line);
          if (step?.[1] && step[2]) steps.set(step[1], step[2]);
          const cached = /^#(\d+) CACHED$/.exec(line)?.[1];
          const text = cached && steps.get(cached);
          if (text) cachedSteps.push(text);
          const buildahStep = /^(?:\[\d+\/\d+\] )?STEP \d+\/\d+: (.+)$/.exec(line)?.[1];
          if (buildahStep) {
            lastBuildahStep = buildahStep;
            steps.set(`buildah-${steps.size}`, buildahStep);
          }
          if (/^--> Using cache /.test(line) && lastBuildahStep) cachedSteps.push(lastBuildahStep);
          options.onLine?.(line);
        }
      };
      child.stdout.on("data", take);
      child.stderr.on("data", take);
      child.on("error", reject);
      child.on("close", (code) => {
        if (pending) log.push(pending);
        resolve(code ?? 1);
      });
    });
    const seconds = (performance.now() - started) / 1000;
    if (status !== 0) {
      const cause = log.filter((line) => /error|failed|not found/i.test(line)).pop() ?? log.at(-1) ?? "";
      throw new ImagedietError(`${this.podman ? "podman" : "docker"} build failed: ${cause.trim()}`, {
        file: options.dockerfile ?? `${options.context}/Dockerfile`,
      });
    }
    return { tag: options.tag, seconds, log, steps: [...steps.values()], cachedSteps };
  }

  /** `docker image inspect`, or undefined when the image does not exist. */
  inspect(ref: string): Record<string, unknown> | undefined {
    const result = this.exec(["image", "inspect", ref]);
    if (result.status !== 0) return undefined;
    const parsed = JSON.parse(result.stdout) as Record<string, unknown>[];
    return parsed[0];
  }

  /** Fails with one line naming `where` when the engine has no such image. */
  requireImage(ref: string, where: string = ref): void {
    if (!this.inspect(ref))
      throw new ImagedietError("no such image in the local engine", { file: where, hint: "build or pull it first" });
  }

  /** `docker history`, newest layer first: what created each layer and its size. */
  history(ref: string): { createdBy: string; sizeBytes: number }[] {
    const result = this.exec(["image", "history", "--no-trunc", "--human=false", "--format", "{{json .}}", ref]);
    if (result.status !== 0)
      throw new ImagedietError(`docker history failed: ${firstLine(result.stderr)}`, { file: `docker-daemon:${ref}` });
    // docker prints one JSON object per line; podman one JSON array.
    const text = result.stdout.trim();
    const entries = (
      text.startsWith("[")
        ? JSON.parse(text)
        : text
            .split("\n")
            .filter(Boolean)
            .map((line) => JSON.parse(line))
    ) as { CreatedBy?: string; Size?: string | number; size?: number }[];
    return entries.map((entry) => ({
      createdBy: entry.CreatedBy ?? "",
      sizeBytes: Number(entry.Size ?? entry.size ?? 0),
    }));
  }

  /** Streams `docker save REF` into a file. */
  async save(ref: string, file: string): Promise<void> {
    const child = spawn(this.cli.path, ["save", ref], { env: this.env, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    const exited = new Promise<number>((resolve, reject) => {
      child.on("error", reject);
      child.on("close", (code) => resolve(code ?? 1));
    });
    await pipeline(child.stdout, createWriteStream(file));
    const code = await exited;
    if (code !== 0)
      throw new ImagedietError(`docker save failed: ${firstLine(stderr) || `exit ${code}`}`, {
        file: `docker-daemon:${ref}`,
      });
  }

  /** Runs a container to completion (or detached); containers are labelled and removed by cleanup(). */
  run(options: RunOptions): Exec & { id?: string } {
    const args = ["run", "--label", `${OWNER_LABEL}=${this.session}`];
    args.push(options.detach ? "-d" : "--rm");
    if (options.network) args.push("--network", options.network);
    if (options.user) args.push("--user", options.user);
    if (options.entrypoint !== undefined) args.push("--entrypoint", options.entrypoint);
    for (const [key, value] of Object.entries(options.env ?? {})) args.push("-e", `${key}=${value}`);
    args.push(options.image, ...(options.command ?? []));
    const result = this.exec(args);
    if (options.detach && result.status === 0) {
      const id = result.stdout.trim();
      this.containers.add(id);
      return { ...result, id };
    }
    return result;
  }

  /** Stops and removes a container this engine started. */
  remove(id: string): void {
    this.exec(["rm", "-f", id]);
    this.containers.delete(id);
  }

  /** Cleans up when the process is interrupted (Ctrl-C) or terminated, then exits as the signal asks. */
  cleanupOnSignals(): () => void {
    const handlers = (["SIGINT", "SIGTERM"] as const).map((signal) => {
      const handler = () => {
        this.cleanup();
        process.exit(signal === "SIGINT" ? 130 : 143);
      };
      process.once(signal, handler);
      return [signal, handler] as const;
    });
    return () => {
      for (const [signal, handler] of handlers) process.off(signal, handler);
    };
  }

  private readonly saved = new Map<string, string>();
  private forgetsOnExit = false;

  /**
   * `docker save` of an image into a temporary file, once per image ID: the size, the checks and
   * the scan all read the same archive. The files go with forgetSaved(), cleanup() or the process.
   */
  async saveOnce(ref: string): Promise<string> {
    const id = String((this.inspect(ref) as { Id?: string } | undefined)?.Id ?? ref);
    const known = this.saved.get(id);
    if (known && existsSync(known)) return known;
    if (!this.forgetsOnExit) process.once("exit", () => this.forgetSaved());
    this.forgetsOnExit = true;
    const dir = mkdtempSync(join(tmpdir(), "imagediet-save-"));
    const file = join(dir, "image.tar");
    await this.save(ref, file);
    this.saved.set(id, file);
    return file;
  }

  /** Deletes the archives saveOnce() kept. */
  forgetSaved(): void {
    for (const file of this.saved.values()) rmSync(dirname(file), { recursive: true, force: true });
    this.saved.clear();
  }

  /** Removes the containers and images this engine created, and the archives it saved. Safe to call more than once. */
  cleanup(): void {
    this.forgetSaved();
    const labelled = this.exec(["ps", "-aq", "--filter", `label=${OWNER_LABEL}=${this.session}`]);
    const ids = new Set([...this.containers, ...labelled.stdout.split("\n").filter(Boolean)]);
    if (ids.size > 0) this.exec(["rm", "-f", ...ids]);
    this.containers.clear();
    if (this.images.size > 0) this.exec(["image", "rm", "-f", ...this.images]);
    this.images.clear();
  }
}

function firstLine(text: string): string {
  return (
    text
      .split("\n")
      .map((line) => line.trim())
      .find(Boolean) ?? ""
  );
}
