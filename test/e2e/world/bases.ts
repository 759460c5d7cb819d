/**
 * Stand-ins for the official base images, built from Debian packages the way the official ones are
 * layered (buildpack-deps:bookworm under the fat language images, debian:bookworm-slim under the
 * slim ones) and tagged with the versions Debian ships. The node images carry the Node.js that runs
 * this suite, since Debian's own is older.
 */
import { dirname, join } from "node:path";

export const INDEX_PORT = Number(process.env.IMAGEDIET_WORLD_INDEX_PORT ?? 5056);

export interface Base {
  /** Repository and tag as a Dockerfile names it (Docker Hub images resolve through the mirror). */
  name: string;
  dockerfile: string;
  /** Files the build context needs: name in the context → a path on this machine or the text itself. */
  context?: Record<string, { path: string } | { text: string }>;
}

const apt = (packages: string) =>
  `RUN apt-get update && apt-get install -y --no-install-recommends ${packages} && rm -rf /var/lib/apt/lists/*`;

// buildpack-deps:bookworm's packages, as its official Dockerfile lists them (curl, scm and full layers).
const BUILDPACK = [
  "ca-certificates curl gnupg dirmngr netbase wget",
  "git mercurial openssh-client subversion procps",
  "autoconf automake bzip2 default-libmysqlclient-dev dpkg-dev file g++ gcc imagemagick libbz2-dev libc6-dev",
  "libcurl4-openssl-dev libdb-dev libevent-dev libffi-dev libgdbm-dev libglib2.0-dev libgmp-dev libjpeg-dev",
  "libkrb5-dev liblzma-dev libmagickcore-dev libmagickwand-dev libmaxminddb-dev libncurses5-dev libncursesw5-dev",
  "libpng-dev libpq-dev libreadline-dev libsqlite3-dev libssl-dev libtool libwebp-dev libxml2-dev libxslt-dev",
  "libyaml-dev make patch unzip xz-utils zlib1g-dev",
].join(" ");

const PIP_CONF = `[global]\nindex-url = http://127.0.0.1:${INDEX_PORT}/simple\ntrusted-host = 127.0.0.1\n`;

// Debian marks its Python as externally managed; the official images' pip installs system-wide.
const PYTHON_FIXUP =
  "RUN rm -f /usr/lib/python3.11/EXTERNALLY-MANAGED && ln -s /usr/bin/python3 /usr/local/bin/python && ln -s /usr/bin/pip3 /usr/local/bin/pip";

const NODE_MAJOR = process.versions.node.split(".")[0];
const NODE_DIR = dirname(dirname(process.execPath));
const NODE_LINES = [
  "RUN groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node",
  "COPY node /usr/local/bin/node",
  "COPY npm /usr/local/lib/node_modules/npm",
  "RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx",
  // npm trusts the system bundle, which holds the certificates this machine trusts (see world.ts).
  "RUN mkdir -p /usr/local/etc && echo cafile=/etc/ssl/certs/ca-certificates.crt > /usr/local/etc/npmrc",
  'CMD ["node"]',
];
const NODE_CONTEXT = { node: { path: process.execPath }, npm: { path: join(NODE_DIR, "lib/node_modules/npm") } };

/** In build order: each base is built on those before it. */
export function bases(): Base[] {
  return [
    { name: "buildpack-deps:bookworm", dockerfile: ["FROM debian:bookworm", apt(BUILDPACK)].join("\n") },
    {
      name: "python:3.11",
      dockerfile: [
        "FROM buildpack-deps:bookworm",
        apt("python3 python3-dev python3-pip python3-venv python3-setuptools python3-wheel"),
        PYTHON_FIXUP,
        "COPY pip.conf /etc/pip.conf",
        'CMD ["python3"]',
      ].join("\n"),
      context: { "pip.conf": { text: PIP_CONF } },
    },
    {
      name: "python:3.11-slim",
      dockerfile: [
        "FROM debian:bookworm-slim",
        apt("ca-certificates netbase tzdata python3 python3-pip python3-setuptools python3-wheel"),
        PYTHON_FIXUP,
        "COPY pip.conf /etc/pip.conf",
        'CMD ["python3"]',
      ].join("\n"),
      context: { "pip.conf": { text: PIP_CONF } },
    },
    {
      name: "golang:1.19",
      dockerfile: [
        "FROM buildpack-deps:bookworm",
        apt("golang-go"),
        "ENV GOPATH=/go PATH=/go/bin:/usr/lib/go-1.19/bin:$PATH",
        "WORKDIR /go",
      ].join("\n"),
    },
    {
      name: "rust:1.63",
      dockerfile: ["FROM buildpack-deps:bookworm", apt("rustc cargo"), "ENV CARGO_HOME=/usr/local/cargo"].join("\n"),
    },
    // The official gcc:12 is buildpack-deps with GCC 12 built in /usr/local; Debian's is GCC 12 already.
    { name: "gcc:12", dockerfile: ["FROM buildpack-deps:bookworm", apt("gcc g++ make")].join("\n") },
    {
      name: `node:${NODE_MAJOR}`,
      dockerfile: ["FROM buildpack-deps:bookworm", ...NODE_LINES].join("\n"),
      context: NODE_CONTEXT,
    },
    {
      name: `node:${NODE_MAJOR}-slim`,
      dockerfile: ["FROM debian:bookworm-slim", apt("ca-certificates"), ...NODE_LINES].join("\n"),
      context: NODE_CONTEXT,
    },
  ];
}

/** Debian packages unpacked into distroless-style roots (no shell, no package manager). */
export const DISTROLESS: { name: string; packages: string[] }[] = [
  { name: "gcr.io/distroless/static-debian12", packages: ["base-files", "netbase", "tzdata", "ca-certificates"] },
];
