import { type SpawnOptions, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { ImagedietError } from "../errors.js";
import {
  type BuildOptions,
  type BuildResult,
  type Engine,
  type HistoryEntry,
  type ImageInspect,
  OWNER_LABEL,
  type RunOptions,
  type RunResult,
} from "./engine.js";

/** What an engine's build output says about its steps, read line by line. */
export interface BuildLogReader {
  read(line: string): void;
  readonly steps: string[];
  readonly cachedSteps: string[];
}

/**
 * An engine driven through its command-line client (docker, podman): the commands both share.
 * Each engine says how it builds, how its build output names steps, and how it says it is down.
 */
export abstract class CliEngine implements Engine {
  abstract readonly name: string;
  readonly session = randomBytes(6).toString("hex");
  private readonly images = new Set<string>();
  private readonly containers = new Set<string>();
  private readonly saved = new Map<string, string>();
  private forgetsOnExit = false;

  /**
   * @param path the client
   * @param env its environment (DOCKER_HOST, CONTAINER_HOST, … are the user's)
   * @param globalArgs options before every command (`--context NAME`, `--connection NAME`)
   */
  constructor(
    readonly path: string,
    protected readonly env: NodeJS.ProcessEnv,
    private readonly globalArgs: string[] = [],
  ) {}

  /** The build command's arguments, up to (not including) the options every build takes. */
  protected abstract buildCommand(): string[];
  protected abstract buildLogReader(): BuildLogReader;
  /** The one-line error for an engine that does not answer. */
  protected abstract unreachable(cause: string): ImagedietError;

  protected exec(args: string[], options: SpawnOptions = {}): RunResult {
    const result = spawnSync(this.path, [...this.globalArgs, ...args], {
      env: this.env,
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
      ...options,
    });
    return { status: result.status ?? 1, stdout: String(result.stdout ?? ""), stderr: String(result.stderr ?? "") };
  }

  ping(): { serverVersion: string } {
    const result = this.exec(["version", "--format", "{{.Server.Version}}"]);
    const serverVersion = result.stdout.trim();
    if (result.status !== 0 || !serverVersion) throw this.unreachable(firstLine(result.stderr) || "no answer");
    return { serverVersion };
  }

  async build(options: BuildOptions): Promise<BuildResult> {
    options.signal?.throwIfAborted();
    const args = [...this.buildCommand(), "-t", options.tag, "--label", `${OWNER_LABEL}=${this.session}`];
    if (options.dockerfile) args.push("-f", options.dockerfile);
    if (options.target) args.push("--target", options.target);
    if (options.noCache) args.push("--no-cache");
    if (options.network) args.push("--network", options.network);
    for (const [key, value] of Object.entries(options.buildArgs ?? {})) args.push("--build-arg", `${key}=${value}`);
    args.push(options.context);
    this.images.add(options.tag);
    const started = performance.now();
    const reader = this.buildLogReader();
    const log: string[] = [];
    const status = await this.stream(args, options.signal, (line) => {
      log.push(line);
      if (log.length > 200) log.shift();
      reader.read(line);
      options.onLine?.(line);
    });
    const seconds = (performance.now() - started) / 1000;
    if (status !== 0) {
      const cause = log.filter((line) => /error|failed|not found/i.test(line)).pop() ?? log.at(-1) ?? "";
      throw new ImagedietError(`${this.name} build failed: ${cause.trim()}`, {
        file: options.dockerfile ?? `${options.context}/Dockerfile`,
      });
    }
    return { tag: options.tag, seconds, log, steps: reader.steps, cachedSteps: reader.cachedSteps };
  }

  /** Runs the client, handing each line of its output (stdout and stderr) to `onLine`; resolves to the exit code. */
  private stream(args: string[], signal: AbortSignal | undefined, onLine: (line: string) => void): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      const child = spawn(this.path, [...this.globalArgs, ...args], {
        env: this.env,
        stdio: ["ignore", "pipe", "pipe"],
      });
      const abort = () => child.kill("SIGTERM");
      signal?.addEventListener("abort", abort, { once: true });
      let pending = "";
      const take = (chunk: Buffer) => {
        pending += chunk.toString("utf8");
        const lines = pending.split("\n");
        pending = lines.pop() ?? "";
        for (const line of lines) onLine(line);
      };
      child.stdout.on("data", take);
      child.stderr.on("data", take);
      child.on("error", reject);
      child.on("close", (code) => {
        signal?.removeEventListener("abort", abort);
        if (pending) onLine(pending);
        if (signal?.aborted) reject(signal.reason);
        else resolve(code ?? 1);
      });
    });
  }

  inspect(ref: string): ImageInspect | undefined {
    const result = this.exec(["image", "inspect", ref]);
    if (result.status !== 0) return undefined;
    const parsed = JSON.parse(result.stdout) as ImageInspect[];
    return parsed[0];
  }

  requireImage(ref: string, where: string = ref): void {
    if (!this.inspect(ref))
      throw new ImagedietError("no such image in the local engine", { file: where, hint: "build or pull it first" });
  }

  history(ref: string): HistoryEntry[] {
    const result = this.exec(["image", "history", "--no-trunc", "--human=false", "--format", "{{json .}}", ref]);
    if (result.status !== 0)
      throw new ImagedietError(`${this.name} history failed: ${firstLine(result.stderr)}`, {
        file: `docker-daemon:${ref}`,
      });
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

  async save(ref: string, file: string): Promise<void> {
    const child = spawn(this.path, [...this.globalArgs, "save", ref], {
      env: this.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
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
      throw new ImagedietError(`${this.name} save failed: ${firstLine(stderr) || `exit ${code}`}`, {
        file: `docker-daemon:${ref}`,
      });
  }

  async saveOnce(ref: string): Promise<string> {
    const id = String(this.inspect(ref)?.Id ?? ref);
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

  forgetSaved(): void {
    for (const file of this.saved.values()) rmSync(dirname(file), { recursive: true, force: true });
    this.saved.clear();
  }

  async run(options: RunOptions): Promise<RunResult> {
    const args = ["run", "--label", `${OWNER_LABEL}=${this.session}`];
    args.push(options.detach ? "-d" : "--rm");
    if (options.network) args.push("--network", options.network);
    if (options.user) args.push("--user", options.user);
    if (options.entrypoint !== undefined) args.push("--entrypoint", options.entrypoint);
    for (const [key, value] of Object.entries(options.env ?? {})) args.push("-e", `${key}=${value}`);
    args.push(options.image, ...(options.command ?? []));
    const result = await this.collect(args);
    if (options.detach && result.status === 0) {
      const id = result.stdout.trim();
      this.containers.add(id);
      return { ...result, id };
    }
    return result;
  }

  /** Runs the client to completion without blocking, collecting its output. */
  private collect(args: string[]): Promise<RunResult> {
    return new Promise((resolve, reject) => {
      const child = spawn(this.path, [...this.globalArgs, ...args], {
        env: this.env,
        stdio: ["ignore", "pipe", "pipe"],
      });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
      child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
      child.on("error", reject);
      child.on("close", (code) =>
        resolve({
          status: code ?? 1,
          stdout: Buffer.concat(out).toString("utf8"),
          stderr: Buffer.concat(err).toString("utf8"),
        }),
      );
    });
  }

  remove(id: string): void {
    this.exec(["rm", "-f", id]);
    this.containers.delete(id);
  }

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

export function firstLine(text: string): string {
  return (
    text
      .split("\n")
      .map((line) => line.trim())
      .find(Boolean) ?? ""
  );
}
