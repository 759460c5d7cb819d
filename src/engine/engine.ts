/**
 * A container engine as the pipeline sees it: docker (the CLI with BuildKit), podman (buildah), or
 * the tests' fake. Everything an engine creates carries OWNER_LABEL and goes with cleanup().
 */
export interface Engine {
  /** What the user calls it, for messages: "docker", "podman". */
  readonly name: string;
  /** Unique to this process: labels, tags and temporary names carry it. */
  readonly session: string;
  /** Fails with one line when the engine cannot be reached. */
  ping(): { serverVersion: string };
  /** Builds an image; fails with one line naming the Dockerfile and the cause. */
  build(options: BuildOptions): Promise<BuildResult>;
  /** The image's inspect record, or undefined when the engine has no such image. */
  inspect(ref: string): ImageInspect | undefined;
  /** Fails with one line naming `where` when the engine has no such image. */
  requireImage(ref: string, where?: string): void;
  /** The image's layers, newest first: what created each and its size. */
  history(ref: string): HistoryEntry[];
  /** Writes the image as a docker-archive tar. */
  save(ref: string, file: string): Promise<void>;
  /** save() into a temporary file, once per image: the size, the checks and the scan read the same archive. */
  saveOnce(ref: string): Promise<string>;
  /** Deletes the archives saveOnce() kept. */
  forgetSaved(): void;
  /** Runs a container to completion, or detached (then `id` names it). */
  run(options: RunOptions): Promise<RunResult>;
  /** Stops and removes a container this engine started. */
  remove(id: string): void;
  /** Removes the containers and images this engine created, and the archives it saved. Safe to call more than once. */
  cleanup(): void;
}

/** Every image and container imagediet creates carries this label, so cleanup can find them. */
export const OWNER_LABEL = "org.imagediet.owner";

export type EngineKind = "docker" | "podman";

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
  /** Stops the build (the engine's process is killed) and fails it as cancelled. */
  signal?: AbortSignal;
}

export interface BuildResult {
  tag: string;
  seconds: number;
  /** The last lines of output, kept for error messages and reports. */
  log: string[];
  /** Every step of the build, as the engine prints it (`COPY go.mod ./`, `RUN go mod download`). */
  steps: string[];
  /** The steps the engine took from its cache. */
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

export interface RunResult {
  status: number;
  stdout: string;
  stderr: string;
  /** The container, when it was started detached. */
  id?: string;
}

export interface HistoryEntry {
  createdBy: string;
  sizeBytes: number;
}

/** The parts of `docker image inspect` imagediet reads. */
export interface ImageInspect {
  Id?: string;
  Size?: number;
  Config?: {
    User?: string;
    ExposedPorts?: Record<string, unknown> | null;
    Entrypoint?: string[] | null;
    Cmd?: string[] | null;
    Labels?: Record<string, string> | null;
  };
}
