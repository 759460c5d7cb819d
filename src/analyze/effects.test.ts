import { describe, expect, it } from "vitest";
import { parse } from "../dockerfile/index.js";
import { type InstructionEffects, modelOf } from "./effects.js";

/** The effects of the last instruction of a one-stage file. */
function lastStep(text: string): InstructionEffects {
  const model = modelOf(parse(text));
  const steps = model.stages[model.stages.length - 1]?.steps ?? [];
  const step = steps[steps.length - 1];
  if (!step) throw new Error("no instruction");
  return step;
}

const paths = (step: InstructionEffects) => step.writes.map((w) => `${w.kind}:${w.path}`);

describe("effects: what a RUN writes, per command family", () => {
  it.each([
    ["mkdir", "WORKDIR /app\nRUN mkdir -p data /var/log/app", ["dir:/app/data", "dir:/var/log/app"]],
    ["cp to a folder", "WORKDIR /app\nRUN cp -r conf/ /etc/app", ["tree:/etc/app"]],
    ["cp -t", "RUN cp -t /opt/bin a b", ["dir:/opt/bin"]],
    ["mv", "WORKDIR /src\nRUN mv build/app /usr/local/bin/app", ["tree:/usr/local/bin/app"]],
    ["ln -s", "RUN ln -s /opt/app/bin/app /usr/local/bin/app", ["file:/usr/local/bin/app"]],
    ["tar -x -C", "RUN tar -xzf /tmp/a.tgz -C /opt", ["tree:/opt"]],
    ["tar x in the working folder", "WORKDIR /src\nRUN tar xzf a.tgz", ["tree:/src"]],
    ["unzip -d", "RUN unzip /tmp/a.zip -d /opt/a", ["tree:/opt/a"]],
    ["curl -o", "WORKDIR /tmp\nRUN curl -fsSL -o a.tgz https://example.org/a.tgz", ["file:/tmp/a.tgz"]],
    ["curl -O", "WORKDIR /tmp\nRUN curl -fsSLO https://example.org/x/a.tar.gz?raw=1", ["file:/tmp/a.tar.gz"]],
    ["curl | tar", "RUN curl -fsSL https://example.org/a.tgz | tar -xz -C /usr/local", ["tree:/usr/local"]],
    ["wget -O", "RUN wget -q -O /tmp/a.zip https://example.org/a.zip", ["file:/tmp/a.zip"]],
    ["wget -P", "RUN wget -P /downloads https://example.org/a.zip", ["file:/downloads/a.zip"]],
    ["git clone", "WORKDIR /src\nRUN git clone --depth 1 https://github.com/a/b.git", ["tree:/src/b"]],
    ["git clone DIR", "RUN git clone https://github.com/a/b.git /opt/b", ["tree:/opt/b"]],
    ["pip --target", "RUN pip install --target /deps flask", ["tree:/deps"]],
    ["npm install", "WORKDIR /app\nRUN npm ci", ["tree:/app/node_modules"]],
    ["npm -g", "RUN npm install -g serve", ["tree:/usr/local/lib/node_modules", "tree:/usr/local/bin"]],
    ["composer", "WORKDIR /var/www\nRUN composer install --no-dev", ["tree:/var/www/vendor"]],
    ["echo > file", "RUN echo 'port=80' > /etc/app.conf", ["file:/etc/app.conf"]],
    ["cd then write", "RUN cd /opt && mkdir x && touch x/y", ["dir:/opt/x", "file:/opt/x/y"]],
    ["cd in a subshell lasts there", "WORKDIR /a\nRUN (cd /b && mkdir x) && mkdir y", ["dir:/b/x", "dir:/a/y"]],
    ["a variable from ENV", "ENV APP=/srv/app\nRUN mkdir -p $APP/data", ["dir:/srv/app/data"]],
    ["an unknown variable", "RUN mkdir -p $UNKNOWN/data", []],
    ["useradd -m -d", "RUN useradd -m -d /home/app app", ["dir:/home/app"]],
  ])("%s", (_name, text, expected) => {
    expect(paths(lastStep(`FROM debian:bookworm\n${text}\n`))).toEqual(expected);
  });
});

describe("effects: removals, changes, fetches", () => {
  it("rm removes, resolved against the working folder", () => {
    expect(lastStep("FROM debian\nWORKDIR /tmp\nRUN rm -rf a.tgz /var/lib/apt/lists/*\n").removes).toEqual([
      "/tmp/a.tgz",
      "/var/lib/apt/lists/*",
    ]);
  });
  it("chown and chmod change paths; sed -i changes files", () => {
    const step = lastStep(
      "FROM debian\nWORKDIR /app\nRUN chown -R 1000:1000 . && chmod +x run.sh && sed -i 's/a/b/' conf\n",
    );
    expect(step.changes).toEqual(["/app", "/app/run.sh", "/app/conf"]);
  });
  it("curl, wget, git and ADD fetch their URLs", () => {
    expect(
      lastStep("FROM debian\nRUN curl -H 'X: y' https://a.example/x && wget http://b.example/y\n").fetches,
    ).toEqual(["https://a.example/x", "http://b.example/y"]);
    expect(lastStep("FROM debian\nADD https://c.example/z.tgz /opt/\n").fetches).toEqual(["https://c.example/z.tgz"]);
  });
});

describe("effects: installs", () => {
  it.each([
    [
      "apt-get",
      "RUN apt-get update && apt-get install -y --no-install-recommends gcc libpq5=15.* curl",
      "apt",
      ["gcc", "libpq5", "curl"],
      ["gcc"],
    ],
    [
      "apk with a virtual package",
      "RUN apk add --no-cache --virtual .build-deps build-base musl-dev",
      "apk",
      ["build-base", "musl-dev"],
      ["build-base", "musl-dev"],
    ],
    ["dnf", "RUN dnf install -y gcc-c++ make", "dnf", ["gcc-c++", "make"], ["make"]],
    ["zypper", "RUN zypper --non-interactive install -y curl", "zypper", ["curl"], []],
    [
      "pip with option values",
      "RUN pip install --no-cache-dir --trusted-host pypi.internal -c c.txt flask==3.0 ./local",
      "pip",
      ["flask"],
      [],
    ],
    ["python -m pip", "RUN python3 -m pip install requests", "pip", ["requests"], []],
    ["npm -g", "RUN npm install -g serve@14 nodemon", "npm", ["serve", "nodemon"], []],
    ["npm local tarball", "RUN npm install ./pkg-1.2.3.tgz", "npm", [], []],
    ["gem", "RUN gem install bundler -v 2.4.0 --no-document", "gem", ["bundler"], []],
  ])("%s", (_name, run, manager, packages, buildOnly) => {
    const [install] = lastStep(`FROM debian\n${run}\n`).installs.slice(-1);
    expect(install?.manager).toBe(manager);
    expect(install?.packages).toEqual(packages);
    expect(install?.buildOnly).toEqual(buildOnly);
  });

  it("uninstalls: apt purge, apk del of the virtual package, pip uninstall", () => {
    const step = lastStep("FROM debian\nRUN apt-get purge -y gcc && apk del .build-deps && pip uninstall -y pip\n");
    expect(step.uninstalls.map((u) => [u.manager, u.packages])).toEqual([
      ["apt", ["gcc"]],
      ["apk", [".build-deps"]],
      ["pip", ["pip"]],
    ]);
  });
});

describe("effects: builds, the idioms a split recognises", () => {
  const build = (text: string) =>
    lastStep(`${text}\n`).builds.map((b) => [b.idiom, b.outputs.map((o) => `${o.kind}:${o.path}`)]);
  it.each([
    [
      "go build -o",
      "FROM golang:1.22\nWORKDIR /src\nRUN go build -o /out/server ./cmd/server",
      [["go build", ["file:/out/server"]]],
    ],
    [
      "go build -o bin/ for several",
      "FROM golang:1.22\nWORKDIR /src\nRUN go build -o bin/ ./cmd/...",
      [["go build", ["dir:/src/bin"]]],
    ],
    ["go install uses GOPATH/bin", "FROM golang:1.22\nRUN go install ./cmd/x", [["go install", ["tree:/go/bin"]]]],
    [
      "cargo build --release",
      "FROM rust:1.80\nWORKDIR /app\nRUN cargo build --release --bin api",
      [["cargo build", ["tree:/app/target/release"]]],
    ],
    [
      "cargo build --target",
      "FROM rust:1.80\nWORKDIR /app\nRUN cargo build --release --target x86_64-unknown-linux-musl",
      [["cargo build", ["tree:/app/target/x86_64-unknown-linux-musl/release"]]],
    ],
    [
      "cargo install --path .",
      "FROM rust:1.80\nWORKDIR /app\nRUN cargo install --path .",
      [["cargo install", ["tree:/usr/local/cargo/bin"]]],
    ],
    [
      "cargo install --root",
      "FROM rust:1.80\nRUN cargo install --path . --root /out",
      [["cargo install", ["tree:/out/bin"]]],
    ],
    [
      "cmake out of tree",
      "FROM gcc:12\nWORKDIR /src\nRUN mkdir build && cd build && cmake .. && make",
      [
        ["cmake", ["tree:/src/build"]],
        ["make", ["tree:/src/build"]],
      ],
    ],
    [
      "cmake -B and --build",
      "FROM gcc:12\nWORKDIR /src\nRUN cmake -B out -S . && cmake --build out",
      [
        ["cmake", ["tree:/src/out"]],
        ["cmake --build", ["tree:/src/out"]],
      ],
    ],
    [
      "cmake --install --prefix",
      "FROM gcc:12\nWORKDIR /src\nRUN cmake --install out --prefix /opt/app",
      [["cmake --install", ["tree:/opt/app"]]],
    ],
    [
      "make install DESTDIR PREFIX",
      "FROM gcc:12\nWORKDIR /src\nRUN make && make install PREFIX=/usr DESTDIR=/pkg",
      [
        ["make", ["tree:/src"]],
        ["make install", ["tree:/src", "tree:/pkg/usr"]],
      ],
    ],
    [
      "autotools",
      "FROM gcc:12\nWORKDIR /src\nRUN ./configure --prefix=/opt/x && make && make install",
      [
        ["./configure", ["tree:/src", "tree:/opt/x"]],
        ["make", ["tree:/src"]],
        ["make install", ["tree:/src", "tree:/usr/local"]],
      ],
    ],
    [
      "meson and ninja",
      "FROM debian\nWORKDIR /src\nRUN meson setup builddir && ninja -C builddir",
      [
        ["meson setup", ["tree:/src/builddir"]],
        ["ninja", ["tree:/src/builddir"]],
      ],
    ],
    [
      "gcc -o -static",
      "FROM gcc:12\nWORKDIR /src\nRUN gcc -O2 -static -o server server.c",
      [["gcc", ["file:/src/server"]]],
    ],
    ["npm run build", "FROM node:20\nWORKDIR /app\nRUN npm run build", [["npm run build", ["tree:/app"]]]],
    ["yarn build", "FROM node:20\nWORKDIR /app\nRUN yarn build", [["yarn run build", ["tree:/app"]]]],
    [
      "python -m build",
      "FROM python:3.12\nWORKDIR /src\nRUN python -m build --wheel",
      [["python -m build", ["tree:/src/dist"]]],
    ],
    [
      "maven wrapper",
      "FROM eclipse-temurin:21\nWORKDIR /app\nRUN ./mvnw -B package -DskipTests",
      [["maven", ["tree:/app/target"]]],
    ],
    ["gradle", "FROM gradle:8\nWORKDIR /app\nRUN gradle bootJar --no-daemon", [["gradle", ["tree:/app/build"]]]],
  ])("%s", (_name, text, expected) => {
    expect(build(text)).toEqual(expected);
  });

  it("reads static flags where the command line gives them", () => {
    const [gcc] = lastStep("FROM gcc:12\nRUN gcc -static -o /a a.c\n").builds;
    expect(gcc?.staticFlags).toEqual(["-static"]);
    const [make] = lastStep("FROM gcc:12\nRUN make LDFLAGS=-static\n").builds;
    expect(make?.staticFlags).toEqual(["LDFLAGS"]);
  });
});

describe("effects: what ENV, ARG, USER, WORKDIR and COPY set", () => {
  it("tracks the working folder and user across instructions and stages", () => {
    const model = modelOf(
      parse(
        "FROM node:20 AS build\nWORKDIR /app\nUSER node\nFROM build\nWORKDIR sub\nCOPY --from=build /app/dist ./dist\n",
      ),
    );
    const final = model.stages[1];
    expect(final?.workdir).toBe("/app/sub");
    expect(final?.user).toBe("node");
    const copy = final?.steps.find((s) => s.instruction.keyword === "COPY");
    expect(copy?.copiesFrom).toBe(0);
    expect(paths(copy as InstructionEffects)).toEqual(["tree:/app/sub/dist"]);
  });

  it("golang's base sets GOPATH and starts in /go", () => {
    const model = modelOf(parse("FROM golang:1.22\nRUN go install example.com/x@v1\n"));
    expect(model.stages[0]?.steps[1]?.cwd).toBe("/go");
    expect(model.stages[0]?.env.GOPATH).toBe("/go");
  });
});

describe("effects: what the final command needs", () => {
  const needs = (text: string) => modelOf(parse(text)).runtime;
  it("resolves an executable the Dockerfile put on PATH", () => {
    const runtime = needs('FROM node:20\nRUN npm install -g serve\nCMD ["serve", "-s", "build", "-l", "3000"]\n');
    expect(runtime.program).toBe("serve");
    expect(runtime.executable).toBe("/usr/local/bin/serve");
    expect(runtime.ports).toEqual([3000]);
  });
  it("resolves ./binary against WORKDIR and reads the interpreter's script", () => {
    expect(needs('FROM golang:1.22\nWORKDIR /app\nRUN go build -o server .\nCMD ["./server"]\n').executable).toBe(
      "/app/server",
    );
    const python = needs(
      "FROM python:3.12\nWORKDIR /srv\nCOPY . .\nEXPOSE 80\nCMD python app.py --config conf/app.yaml\n",
    );
    expect(python).toMatchObject({ interpreter: "python", shell: true, ports: [80] });
    expect(python.files).toEqual(["/srv/app.py", "/srv/conf/app.yaml"]);
  });
  it("sees through tini and gosu, and a cargo install on CARGO_HOME's PATH", () => {
    const runtime = needs(
      'FROM rust:1.80\nWORKDIR /app\nRUN cargo install --path .\nENTRYPOINT ["tini", "--"]\nCMD ["gosu", "app", "myapp"]\n',
    );
    expect(runtime.executable).toBe("/usr/local/cargo/bin/myapp");
  });
});
