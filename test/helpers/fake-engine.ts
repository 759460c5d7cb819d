/**
 * An engine for unit tests of the flow: builds are scripted (the lines they print, the image they
 * give, or a failure), images are docker-archive tars made from the specs in test/fixtures/images,
 * containers answer as the script says, and the engine can vanish on demand. It stands in for what
 * a unit test cannot cause for real; the e2e suite runs the same flow on docker and podman.
 */
import { createHash } from "node:crypto";
import { copyFileSync, readFileSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { join } from "node:path";
import type {
  BuildOptions,
  BuildResult,
  Engine,
  HistoryEntry,
  ImageInspect,
  RunOptions,
  RunResult,
} from "../../src/engine/engine.js";
import { ImagedietError } from "../../src/errors.js";
import { dockerArchive, type LayerSpec } from "./image-builder.js";
import { ROOT } from "./shared.js";

/** test/fixtures/images/NAME.json: the image config and its layers. */
interface ImageFixture {
  config: NonNullable<ImageInspect["Config"]>;
  layers: LayerSpec[];
}

export interface ScriptedBuild {
  /** The lines the build prints (BuildKit's plain progress, as docker would). */
  log?: string[];
  /** The fixture the build gives (test/fixtures/images/NAME.json). */
  image?: string;
  /** The build fails with this last line. */
  fail?: string;
}

export interface FakeScript {
  /** What a build does, given its options and the Dockerfile's text. */
  build(request: BuildOptions & { text: string }): ScriptedBuild;
  /** What a container prints and returns (default: exit 0, nothing printed). */
  run?(request: RunOptions & { fixture: string }): Partial<RunResult>;
  /** What a detached container of a fixture answers over HTTP, on the host's port. */
  serves?: Record<string, { port: number; status: number }>;
}

const archives = new Map<string, { archive: string; fixture: ImageFixture }>();

/** The fixture as a docker-archive tar, made once per test run. */
function imageOf(name: string): { archive: string; fixture: ImageFixture } {
  let known = archives.get(name);
  if (!known) {
    const fixture = JSON.parse(
      readFileSync(join(ROOT, "test/fixtures/images", `${name}.json`), "utf8"),
    ) as ImageFixture;
    known = { archive: dockerArchive(fixture.layers), fixture };
    archives.set(name, known);
  }
  return known;
}

function layerBytes(layer: LayerSpec): number {
  const files = Object.values(layer.files ?? {}).reduce((sum, size) => sum + size, 0);
  const texts = Object.values(layer.texts ?? {}).reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  const copies = Object.values(layer.copies ?? {}).reduce((sum, path) => sum + statSync(path).size, 0);
  return files + texts + copies;
}

export class FakeEngine implements Engine {
  readonly name = "docker";
  readonly session = "fake";
  /** Every build, in order, with the Dockerfile's text at the time. */
  readonly builds: (BuildOptions & { text: string })[] = [];
  /** Every container run, in order. */
  readonly runs: RunOptions[] = [];
  readonly removed: string[] = [];
  cleanedUp = 0;
  private readonly tags = new Map<string, string>();
  private readonly servers = new Map<string, Server>();
  private vanished = false;

  constructor(private readonly script: FakeScript) {}

  /** From now on the engine does not answer, as when dockerd stops. */
  vanish(): void {
    this.vanished = true;
  }

  private answer(): void {
    if (this.vanished)
      throw new ImagedietError("cannot reach the Docker daemon at unix:///fake.sock: connection refused", {
        file: "docker",
      });
  }

  ping(): { serverVersion: string } {
    this.answer();
    return { serverVersion: "27.0.0-fake" };
  }

  async build(options: BuildOptions): Promise<BuildResult> {
    options.signal?.throwIfAborted();
    this.answer();
    const text = readFileSync(options.dockerfile ?? join(options.context, "Dockerfile"), "utf8");
    this.builds.push({ ...options, text });
    const scripted = this.script.build({ ...options, text });
    const log = scripted.log ?? [];
    for (const line of log) {
      // A build takes time: a cancelled one stops between lines.
      await new Promise((resolve) => setImmediate(resolve));
      options.signal?.throwIfAborted();
      options.onLine?.(line);
    }
    if (scripted.fail || !scripted.image)
      throw new ImagedietError(`docker build failed: ${scripted.fail ?? "no image"}`, {
        file: options.dockerfile ?? `${options.context}/Dockerfile`,
      });
    this.tags.set(options.tag, scripted.image);
    const steps = log.flatMap((line) => /^#\d+ \[[^\]]*\d+\/\d+\] (.+)$/.exec(line)?.[1] ?? []);
    return { tag: options.tag, seconds: 1, log, steps, cachedSteps: options.noCache ? [] : steps.slice(0, -1) };
  }

  private fixtureOf(ref: string): string | undefined {
    return this.tags.get(ref);
  }

  inspect(ref: string): ImageInspect | undefined {
    this.answer();
    const name = this.fixtureOf(ref);
    if (!name) return undefined;
    const { archive, fixture } = imageOf(name);
    const id = createHash("sha256").update(readFileSync(archive)).digest("hex");
    const size = fixture.layers.reduce((sum, layer) => sum + layerBytes(layer), 0);
    return { Id: `sha256:${id}`, Size: size, Config: fixture.config };
  }

  requireImage(ref: string, where: string = ref): void {
    if (!this.inspect(ref))
      throw new ImagedietError("no such image in the local engine", { file: where, hint: "build or pull it first" });
  }

  history(ref: string): HistoryEntry[] {
    this.answer();
    const name = this.fixtureOf(ref);
    if (!name) throw new ImagedietError("docker history failed: no such image", { file: `docker-daemon:${ref}` });
    return imageOf(name)
      .fixture.layers.map((layer, i) => ({ createdBy: layer.createdBy ?? `layer ${i}`, sizeBytes: layerBytes(layer) }))
      .reverse();
  }

  async save(ref: string, file: string): Promise<void> {
    copyFileSync(await this.saveOnce(ref), file);
  }

  async saveOnce(ref: string): Promise<string> {
    this.answer();
    const name = this.fixtureOf(ref);
    if (!name) throw new ImagedietError("docker save failed: no such image", { file: `docker-daemon:${ref}` });
    return imageOf(name).archive;
  }

  forgetSaved(): void {}

  async run(options: RunOptions): Promise<RunResult> {
    this.answer();
    this.runs.push(options);
    const fixture = this.fixtureOf(options.image) ?? "";
    if (options.detach) return this.start(fixture);
    return { status: 0, stdout: "", stderr: "", ...this.script.run?.({ ...options, fixture }) };
  }

  /** A detached container: serves HTTP on the host's port when the script says the image does. */
  private async start(fixture: string): Promise<RunResult> {
    const id = `container-${this.runs.length}`;
    const serves = this.script.serves?.[fixture];
    if (serves) {
      const server = createServer((_request, response) => {
        response.statusCode = serves.status;
        response.end("fake");
      });
      await new Promise<void>((resolve) => server.listen(serves.port, "127.0.0.1", resolve));
      this.servers.set(id, server);
    }
    return { status: 0, stdout: `${id}\n`, stderr: "", id };
  }

  remove(id: string): void {
    this.removed.push(id);
    this.servers.get(id)?.close();
    this.servers.delete(id);
  }

  cleanup(): void {
    this.cleanedUp++;
    for (const id of [...this.servers.keys()]) this.remove(id);
  }
}
