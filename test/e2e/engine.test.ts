import { execFileSync, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadImage } from "../../src/cli/image-source.js";
import { DockerEngine, findDockerCli } from "../../src/engine/docker.js";
import { ImagedietError } from "../../src/errors.js";
import { readFinalFilesystem } from "../../src/image/filesystem.js";
import type { Report } from "../../src/report/model.js";
import { checkLibraries, wantsForLibraries } from "../../src/verify/libraries.js";
import { imagediet } from "../helpers/cli.js";
import { ROOT } from "../helpers/shared.js";
import { ensureWorld, type World } from "./world/world.js";

// The world's dockerd and registry; `npm test` brings them up here (about 40 s cold, reused after).
let world: World;
beforeAll(async () => {
  world = await ensureWorld();
}, 600_000);

function app(dockerfile: string): string {
  const dir = mkdtempSync(join(tmpdir(), "imagediet-e2e-"));
  writeFileSync(join(dir, "Dockerfile"), dockerfile);
  return dir;
}

describe("finding a docker CLI that builds with BuildKit", () => {
  it("takes Debian's docker.io client, whose BuildKit is built in", () => {
    const cli = findDockerCli({ env: world.env });
    expect(cli.path).toBe("/usr/bin/docker");
    expect(cli.buildkit).toBe("built-in");
  });

  it("says what is missing when the only client has no buildx", () => {
    const newer = "/usr/local/bin/docker";
    expect(existsSync(newer), `${newer} is part of these machines`).toBe(true);
    const probe = () => findDockerCli({ env: world.env, candidates: [newer] });
    const hasBuildx = spawnSync(newer, ["buildx", "version"], { env: world.env }).status === 0;
    if (hasBuildx) expect(probe().buildkit).toBe("buildx");
    else expect(probe).toThrow(/\(client 2\d\.[\d.]+\) has no buildx plugin, so it cannot build with BuildKit/);
  });

  it("respects --docker-cli and reports a path that does not exist", () => {
    expect(() => findDockerCli({ explicit: "/nowhere/docker", env: world.env })).toThrow(
      /no docker CLI that can build with BuildKit: \/nowhere\/docker: not found/,
    );
  });
});

describe("the engine", () => {
  it("gives one line when the daemon is down", () => {
    const engine = new DockerEngine(findDockerCli({ env: world.env }), {
      ...world.env,
      DOCKER_HOST: "unix:///nonexistent/docker.sock",
    });
    expect(() => engine.ping()).toThrow(ImagedietError);
    expect(() => engine.ping()).toThrow(/cannot reach the Docker daemon at unix:\/\/\/nonexistent\/docker.sock/);
  });

  it("builds FROM debian:bookworm through the world's registry mirror, then removes what it made", async () => {
    const engine = new DockerEngine(findDockerCli({ env: world.env }), world.env);
    expect(engine.ping().serverVersion).toMatch(/^\d+\./);
    const tag = `imagediet-e2e/mirror:${engine.session}`;
    const lines: string[] = [];
    const result = await engine.build({
      context: app("FROM debian:bookworm\nRUN echo built > /built\n"),
      tag,
      network: "host",
      onLine: (line) => lines.push(line),
    });
    expect(result.seconds).toBeGreaterThan(0);
    expect(lines.join("\n")).toMatch(/debian:bookworm/);
    const inspected = engine.inspect(tag) as { Config: { Labels: Record<string, string> } };
    expect(inspected.Config.Labels["org.imagediet.owner"]).toBe(engine.session);
    const history = engine.history(tag);
    expect(history[0]?.createdBy).toMatch(/echo built > \/built/);
    expect(history.at(-1)?.sizeBytes).toBeGreaterThan(50_000_000);
    const ran = await engine.run({ image: tag, command: ["cat", "/built"], network: "none" });
    expect(ran.stdout.trim()).toBe("built");
    const detached = await engine.run({ image: tag, command: ["sleep", "60"], network: "none", detach: true });
    expect(detached.id).toMatch(/^[0-9a-f]{64}$/);
    engine.cleanup();
    expect(engine.inspect(tag)).toBeUndefined();
    expect(labelledContainers(world, engine.session)).toBe("");
  }, 300_000);

  it("turns a failing build into one error naming the Dockerfile and the cause", async () => {
    const engine = new DockerEngine(findDockerCli({ env: world.env }), world.env);
    const context = app("FROM debian:bookworm-slim\nRUN exit 3\n");
    const failure = engine.build({ context, tag: `imagediet-e2e/fails:${engine.session}`, network: "host" });
    await expect(failure).rejects.toThrow(ImagedietError);
    await expect(failure).rejects.toThrow(/docker build failed: .*exit code: 3/);
    engine.cleanup();
  }, 300_000);
});

describe("shared libraries in built images", () => {
  it("finds nothing missing in debian:bookworm-slim and everything ls needs missing once it is copied into scratch", async () => {
    const engine = new DockerEngine(findDockerCli({ env: world.env }), world.env);
    const tag = `imagediet-e2e/scratch-ls:${engine.session}`;
    await engine.build({
      context: app("FROM debian:bookworm-slim AS tools\nFROM scratch\nCOPY --from=tools /bin/ls /ls\n"),
      tag,
      network: "host",
    });
    const previous = process.env.DOCKER_HOST;
    process.env.DOCKER_HOST = world.dockerHost;
    try {
      const scratch = checkLibraries(
        await readFinalFilesystem(await loadImage(`docker-daemon:${tag}`), wantsForLibraries),
      );
      expect(scratch.checked).toEqual(["/ls"]);
      expect(scratch.missing.map((m) => m.library)).toEqual([
        "/lib64/ld-linux-x86-64.so.2",
        "libselinux.so.1",
        "libc.so.6",
      ]);
      // BuildKit keeps the base it pulled to itself; the image store gets it from the mirror here.
      expect(spawnSync(world.cli, ["pull", "-q", "debian:bookworm-slim"], { env: world.env }).status).toBe(0);
      const slim = await readFinalFilesystem(await loadImage("docker-daemon:debian:bookworm-slim"), wantsForLibraries);
      const result = checkLibraries(slim);
      expect(result.checked.length).toBeGreaterThan(100);
      expect(result.missing).toEqual([]);
    } finally {
      process.env.DOCKER_HOST = previous;
      engine.cleanup();
    }
  }, 300_000);
});

describe("imagediet verify", () => {
  it("infers a probe and non-root from the image, runs checks from imagediet.yaml, and fails what fails", async () => {
    const engine = new DockerEngine(findDockerCli({ env: world.env }), world.env);
    const web = `imagediet-e2e/web:${engine.session}`;
    const root = `imagediet-e2e/root:${engine.session}`;
    await engine.build({
      context: app(
        [
          "FROM debian:bookworm-slim",
          "RUN apt-get update && apt-get install -y --no-install-recommends busybox && rm -rf /var/lib/apt/lists/* && mkdir /www && echo ok > /www/health && useradd -u 10001 app",
          "USER app",
          "EXPOSE 18080",
          'CMD ["busybox", "httpd", "-f", "-p", "18080", "-h", "/www"]',
          "",
        ].join("\n"),
      ),
      tag: web,
      network: "host",
    });
    await engine.build({ context: app('FROM debian:bookworm-slim\nCMD ["true"]\n'), tag: root, network: "host" });
    try {
      const inferred = imagediet(["verify", web], { env: world.env });
      expect(inferred.stderr).toBe("no imagediet.yaml: inferred http GET :18080/ → <500, non-root user\n");
      expect(inferred.stdout).toBe("✓ http GET :18080/ → <500  GET / → 404\n✓ non-root user  uid 10001\n");
      expect(inferred.code).toBe(0);

      const dir = app("");
      writeFileSync(
        join(dir, "imagediet.yaml"),
        'checks:\n  - http: { port: 18080, path: /health, status: 200 }\n  - command: ["busybox", "echo", "hello"]\n    expect: { stdoutContains: "bye" }\n  - libraries: true\n',
      );
      const fromFile = imagediet(["verify", web, "--json"], { env: world.env, cwd: dir });
      expect(fromFile.code).toBe(1);
      const report = JSON.parse(fromFile.stdout) as { checks: { name: string; outcome: string; detail: string }[] };
      expect(report.checks.map((c) => [c.name, c.outcome])).toEqual([
        ["http GET :18080/health → 200", "pass"],
        ["command busybox echo hello", "fail"],
        ["shared libraries present", "pass"],
      ]);
      expect(report.checks[1]?.detail).toBe('stdout does not contain "bye"');

      const rootRun = imagediet(["verify", root], { env: world.env });
      expect(rootRun.stdout).toBe(
        "✓ command true  exit code 0\n✗ non-root user  no USER: the container runs as root\n",
      );
      expect(rootRun.code).toBe(1);
      // Every container a check started is gone once verify returns.
      expect(labelledContainers(world)).toBe("");
    } finally {
      engine.cleanup();
    }
    const missing = imagediet(["verify", web], { env: world.env });
    expect(missing.stderr).toBe(`${web}: no such image in the local engine (build or pull it first)\n`);
    expect(missing.code).toBe(2);
  }, 300_000);

  it("finds the CA bundle and zoneinfo where the image has them, and says where it looked when not", () => {
    spawnSync(world.cli, ["pull", "-q", "python:3.11-slim"], { env: world.env });
    const dir = app("");
    writeFileSync(join(dir, "imagediet.yaml"), "checks:\n  - caBundle: true\n  - timezones: true\n");
    const verify = (image: string) => {
      const ran = imagediet(["verify", image, "--json"], { env: world.env, cwd: dir });
      return (JSON.parse(ran.stdout) as { checks: { outcome: string; detail: string }[] }).checks.map(
        (c) => `${c.outcome} ${c.detail}`,
      );
    };
    expect(verify("gcr.io/distroless/static-debian12:nonroot")).toEqual([
      "pass /etc/ssl/certs/ca-certificates.crt",
      "pass /usr/share/zoneinfo/UTC",
    ]);
    // Pulled through the world's registry mirror, as a user's engine pulls from Docker Hub.
    expect(verify("python:3.11-slim")).toEqual([
      "pass /etc/ssl/certs/ca-certificates.crt",
      "pass /usr/share/zoneinfo/UTC",
    ]);
    // debootstrap's minbase has tzdata but not ca-certificates.
    expect(verify("debian:bookworm-slim")).toEqual([
      "fail none of /etc/ssl/certs/ca-certificates.crt, /etc/pki/tls/certs/ca-bundle.crt, /etc/ssl/cert.pem, /etc/ssl/ca-bundle.pem in the image",
      "pass /usr/share/zoneinfo/UTC",
    ]);
  }, 300_000);

  it("says host names resolve where they do, and why not where a lookup really fails", async () => {
    const engine = new DockerEngine(findDockerCli({ env: world.env }), world.env);
    const probe = app('FROM scratch\nCOPY resolve /resolve\nENTRYPOINT ["/resolve"]\n');
    execFileSync("gcc", ["-static", "-O2", "-o", join(probe, "resolve"), join(ROOT, "test/fixtures/dns/resolve.c")], {
      stdio: "ignore",
    });
    const broken = app('FROM debian:bookworm-slim\nRUN printf "hosts: mdns4_minimal\\n" > /etc/nsswitch.conf\n');
    const tag = `imagediet-e2e/dns-${engine.session}`;
    await engine.build({ context: probe, tag: `${tag}-scratch`, network: "host" });
    await engine.build({ context: broken, tag: `${tag}-broken`, network: "host" });
    const dir = app("");
    // The dns check, and a real lookup of the same name as the proof of it.
    const verify = (image: string, lookup: string[]) => {
      writeFileSync(
        join(dir, "imagediet.yaml"),
        `checks:\n  - dns: true\n  - command: ${JSON.stringify(lookup)}\n    expect: { exitCode: 0 }\n`,
      );
      const ran = imagediet(["verify", image, "--json"], { env: world.env, cwd: dir });
      return (JSON.parse(ran.stdout) as { checks: { outcome: string; detail: string }[] }).checks.map(
        (c) => `${c.outcome} ${c.detail}`,
      );
    };
    try {
      // glibc 2.36, linked statically: files and dns are built in, so scratch needs nothing more.
      expect(verify(`${tag}-scratch`, ["/resolve", "localhost"])).toEqual([
        "pass 1 program resolves names (resolve): 1 with static glibc (built-in files and dns if linked with glibc 2.34 or later)",
        "pass exit code 0",
      ]);
      expect(verify("debian:bookworm-slim", ["getent", "hosts", "localhost"])[0]).toMatch(
        /^pass \d+ programs resolve names: \d+ with glibc NSS \(files and dns built into libc\).*; getent hosts localhost → (::1|127\.0\.0\.1)$/,
      );
      expect(verify(`${tag}-broken`, ["getent", "hosts", "localhost"])).toEqual([
        'fail /etc/nsswitch.conf has "hosts: mdns4_minimal": neither files nor dns',
        "fail exit code 2, expected 0",
      ]);
    } finally {
      engine.cleanup();
    }
  }, 300_000);
});

/**
 * A static site served by busybox: the original on debian:bookworm with apt's busybox, the optimized
 * one on scratch with busybox-static, both on `port`, with the given imagediet.yaml.
 */
function busyboxSite(port: number, checks: string): string {
  const httpd = `"httpd", "-f", "-p", "${port}", "-h", "/www"`;
  const dir = app(
    `FROM debian:bookworm\nRUN apt-get update && apt-get install -y busybox\nCOPY www /www\nEXPOSE ${port}\nCMD ["busybox", ${httpd}]\n`,
  );
  mkdirSync(join(dir, "www"));
  writeFileSync(join(dir, "www/index.html"), "<h1>hello</h1>\n");
  writeFileSync(
    join(dir, "Dockerfile.optimized"),
    `FROM debian:bookworm-slim AS tools\nRUN apt-get update && apt-get install -y --no-install-recommends busybox-static\nFROM scratch\nCOPY --from=tools /bin/busybox /busybox\nCOPY www /www\nUSER 65532\nEXPOSE ${port}\nENTRYPOINT ["/busybox", ${httpd}]\n`,
  );
  writeFileSync(join(dir, "imagediet.yaml"), checks);
  return dir;
}

describe("imagediet compare", () => {
  it("builds both Dockerfiles cold and warm, runs the checks on both, and writes the reports", () => {
    const dir = busyboxSite(
      18081,
      'checks:\n  - http: { port: 18081, path: /index.html, status: 200 }\n  - nonRoot: true\n  - command: ["/busybox", "true"]\n',
    );
    const out = join(dir, "out");
    const { code, stdout, stderr } = imagediet(["compare", dir, "--json", "--out", out], { env: world.env });
    expect(stderr).toMatch(/compare: building original: cold, then warm after a one-line change to www\/index.html/);
    const report = JSON.parse(stdout);
    const site = report.apps[0];
    expect(site.app).toBe(basename(dir));
    expect(site.original.sizeBytes).toBeGreaterThan(100_000_000);
    expect(site.optimized.sizeBytes).toBeLessThan(5_000_000);
    expect(site.reduction).toBeGreaterThan(0.9);
    expect(site.optimized.compressedSizeBytes).toBeLessThan(site.optimized.sizeBytes);
    expect(site.original.layers.length).toBe(3);
    expect(site.optimized.user).toBe("65532");
    expect(site.original.user).toBe("root");
    for (const image of [site.original, site.optimized]) {
      expect(image.coldBuildSeconds).toBeGreaterThan(0);
      expect(image.warmBuildSeconds).toBeGreaterThan(0);
    }
    // busybox is not at /busybox in the original, and it runs as root: those fail there only.
    expect(site.checks).toEqual([
      { name: "http GET :18081/index.html → 200", original: "pass", optimized: "pass" },
      { name: "non-root user", original: "fail", optimized: "pass", detail: "no USER: the container runs as root" },
      { name: "command /busybox true", original: "fail", optimized: "pass", detail: expect.any(String) },
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, `${basename(dir)}-optimization.json`), "utf8"))).toEqual(report);
    expect(readFileSync(join(out, `${basename(dir)}-optimization.md`), "utf8")).toMatch(/http GET :18081/);
    expect(readFileSync(join(out, `${basename(dir)}-optimization.html`), "utf8")).toMatch(/<svg/);
    // The user's files are untouched: the one-line change went into a copy.
    expect(readFileSync(join(dir, "www/index.html"), "utf8")).toBe("<h1>hello</h1>\n");
    expect(labelledContainers(world)).toBe("");
  }, 600_000);
});

describe("imagediet compare --engine podman", () => {
  it("builds both images with podman (buildah), from the same registry, measures and checks them, and cleans up", () => {
    const dir = busyboxSite(
      18082,
      "checks:\n  - http: { port: 18082, path: /index.html, status: 200 }\n  - nonRoot: true\n  - libraries: true\n",
    );
    const out = join(dir, "out");
    const env = { ...world.podmanEnv, NO_COLOR: "1" };
    const { code, stdout, stderr } = imagediet(["compare", dir, "--engine", "podman", "--json", "--out", out], { env });
    const site = (JSON.parse(stdout || "{}") as Report).apps?.[0];
    expect(site, stderr).toBeDefined();
    if (!site) return;
    expect(site.original.sizeBytes).toBeGreaterThan(100_000_000);
    expect(site.optimized.sizeBytes).toBeLessThan(5_000_000);
    expect(site.optimized.user).toBe("65532");
    expect(site.original.layers.length).toBeGreaterThanOrEqual(3);
    // buildah says "Using cache" for the steps a rebuild reuses: the apt-get layer is marked cached.
    expect(site.original.layers.find((l) => l.createdBy.includes("apt-get install -y busybox"))?.cached).toBe(true);
    expect(site.checks.map((c) => [c.name, c.original, c.optimized])).toEqual([
      ["http GET :18082/index.html → 200", "pass", "pass"],
      ["non-root user", "fail", "pass"],
      ["shared libraries present", "pass", "pass"],
    ]);
    expect(code).toBe(0);
    const left = spawnSync("podman", ["ps", "-aq", "--filter", "label=org.imagediet.owner"], { env, encoding: "utf8" });
    expect(left.stdout.trim()).toBe("");
    const images = spawnSync("podman", ["images", "-q", "--filter", "reference=imagediet-compare/*"], {
      env,
      encoding: "utf8",
    });
    expect(images.stdout.trim()).toBe("");
  }, 600_000);

  it("reads the OCI archive, OCI folder and docker archive podman saves, with the same figures", () => {
    const env = world.podmanEnv;
    const dir = app(
      "FROM scratch\nCOPY big.bin /data/big.bin\nCOPY big2.bin /data/big.bin\nCOPY big2.bin /data/other.bin\n",
    );
    writeFileSync(join(dir, "big.bin"), randomBytes(300_000));
    writeFileSync(join(dir, "big2.bin"), randomBytes(300_000));
    const tag = `localhost/imagediet-e2e/formats:${basename(dir).toLowerCase()}`;
    const podman = (args: string[]) => {
      const ran = spawnSync("podman", args, { env, encoding: "utf8" });
      expect(ran.status, ran.stderr).toBe(0);
    };
    podman(["build", "-q", "-t", tag, dir]);
    try {
      const figures = ["oci-archive", "oci-dir", "docker-archive"].map((format) => {
        const out = join(dir, format);
        podman(["save", "-q", "--format", format, "-o", out, tag]);
        const { code, stdout, stderr } = imagediet(["layers", out, "--json"]);
        expect(code, stderr).toBe(0);
        const report = JSON.parse(stdout) as {
          layers: unknown[];
          sizeBytes: number;
          wastedBytes: number;
          reclaimableBytes: number;
        };
        return [report.layers.length, report.sizeBytes, report.wastedBytes, report.reclaimableBytes];
      });
      // Three layers of 300 kB; /data/big.bin is replaced: dive counts both copies, the reclaimable bytes only the hidden one.
      for (const f of figures) expect(f).toEqual([3, 900_000, 600_000, 300_000]);
    } finally {
      spawnSync("podman", ["rmi", "-f", tag], { env });
    }
  }, 300_000);

  it("says what is missing when podman cannot be found", () => {
    const { code, stderr } = imagediet(["verify", "x", "--engine", "podman", "--docker-cli", "/nowhere/podman"], {
      env: world.podmanEnv,
    });
    expect(stderr.trim()).toBe("/nowhere/podman: no podman: ENOENT (install podman, or pass --docker-cli PATH to it)");
    expect(code).toBe(2);
  });
});

describe("imagediet compare without an engine", () => {
  it("says in one line that the daemon cannot be reached", () => {
    const dir = app("FROM debian:bookworm\n");
    const { code, stderr } = imagediet(["compare", dir], {
      env: { ...world.env, DOCKER_HOST: "unix:///nonexistent.sock" },
    });
    expect(code).toBe(2);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toMatch(/^docker: cannot reach the Docker daemon at unix:\/\/\/nonexistent.sock/);
  });
});

describe("cleanup on Ctrl-C", () => {
  it("removes the containers an interrupted process started and exits 130", async () => {
    const script = `
      import { cleanupOnSignals } from ${JSON.stringify(join(ROOT, "dist/cli/engine-options.js"))};
      import { DockerEngine, findDockerCli } from ${JSON.stringify(join(ROOT, "dist/engine/docker.js"))};
      const engine = new DockerEngine(findDockerCli());
      cleanupOnSignals(engine);
      const started = await engine.run({ image: "debian:bookworm-slim", command: ["sleep", "300"], network: "none", detach: true });
      if (started.status !== 0) { console.error(started.stderr); process.exit(5); }
      console.log(engine.session);
      setInterval(() => {}, 1000);
    `;
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], { env: world.env });
    const session = await new Promise<string>((resolve, reject) => {
      child.stdout.once("data", (chunk: Buffer) => resolve(chunk.toString().trim()));
      child.once("exit", (code) => reject(new Error(`the script exited ${code} before starting its container`)));
    });
    expect(labelledContainers(world, session)).toMatch(/^[0-9a-f]+$/);
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    child.kill("SIGINT");
    expect(await exited).toBe(130);
    expect(labelledContainers(world, session)).toBe("");
  }, 120_000);
});

describe("imagediet layers docker-daemon:REF", () => {
  it("saves the image from the engine and measures the waste a later layer hides", async () => {
    const engine = new DockerEngine(findDockerCli({ env: world.env }), world.env);
    const tag = `imagediet-e2e/waste:${engine.session}`;
    await engine.build({
      context: app(
        "FROM debian:bookworm-slim\nRUN head -c 3000000 /dev/urandom > /big && echo hi > /hi\nRUN rm /big\n",
      ),
      tag,
      network: "host",
    });
    try {
      const { code, stdout, stderr } = imagediet(["layers", `docker-daemon:${tag}`, "--json"], { env: world.env });
      expect(stderr).toBe("");
      expect(code).toBe(0);
      const report = JSON.parse(stdout);
      expect(report.layers).toHaveLength(3);
      expect(report.reclaimableBytes).toBe(3_000_000);
      expect(report.topWasteful[0].path).toBe("/big");
      expect(report.wastedBytes).toBe(3_000_000);
    } finally {
      engine.cleanup();
    }
    const missing = imagediet(["layers", `docker-daemon:${tag}`], { env: world.env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`docker-daemon:${tag}: no such image in the local engine (build or pull it first)\n`);
  }, 300_000);
});

/** Containers labelled by one engine session, or by any imagediet run when no session is given. */
function labelledContainers(world: World, session?: string): string {
  const label = session ? `org.imagediet.owner=${session}` : "org.imagediet.owner";
  const result = spawnSync(world.cli, ["ps", "-aq", "--filter", `label=${label}`], {
    env: world.env,
    encoding: "utf8",
  });
  return result.stdout.trim();
}
