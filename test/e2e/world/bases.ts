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
  context?: Record<string, { path: string } | { text: string; mode?: number }>;
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

/** The PATH every official Debian-based image starts from (debuerreotype's image config). */
export const DEBIAN_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

// What Debian bookworm ships; the official images' version variables name these in the stand-ins.
const DEBIAN_VERSIONS = { python: "3.11.2", pip: "23.0.1", setuptools: "66.1.1", go: "1.19.8", rust: "1.63.0" };

// The official python images' environment (docker-library/python), with Debian's versions; their
// python and pip live in /usr/local/bin, so the stand-ins link Debian's there. Debian marks its
// Python as externally managed; the official images' pip installs system-wide.
const PYTHON_LINES = [
  "ENV PATH=/usr/local/bin:$PATH",
  "ENV LANG=C.UTF-8",
  "ENV GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D",
  `ENV PYTHON_VERSION=${DEBIAN_VERSIONS.python}`,
  "RUN rm -f /usr/lib/python3.11/EXTERNALLY-MANAGED && for tool in python3 pydoc3 python3-config pip3; do ln -s /usr/bin/$tool /usr/local/bin/$tool; ln -s $tool /usr/local/bin/$(echo $tool | tr -d 3); done",
  `ENV PYTHON_PIP_VERSION=${DEBIAN_VERSIONS.pip}`,
  `ENV PYTHON_SETUPTOOLS_VERSION=${DEBIAN_VERSIONS.setuptools}`,
  "ENV PYTHON_GET_PIP_URL=https://github.com/pypa/get-pip/raw/0d8570dc44796f4369b652222cf176b3db6ac70e/public/get-pip.py",
  "ENV PYTHON_GET_PIP_SHA256=96461deced5c2a487ddc65207ec5a9cffeca0d34e7af7ea1afc470ff0d746207",
  "COPY pip.conf /etc/pip.conf",
  'CMD ["python3"]',
];
const PYTHON_CONTEXT = { "pip.conf": { text: PIP_CONF } };

const NODE_MAJOR = process.versions.node.split(".")[0];
const NODE_DIR = dirname(dirname(process.execPath));
const YARN_VERSION = "1.22.22";
// The official images' entrypoint: a first argument that is an option or no command runs under node.
const NODE_ENTRYPOINT = `#!/bin/sh
set -e
if [ "\${1#-}" != "\${1}" ] || [ -z "$(command -v "\${1}")" ] || { [ -f "\${1}" ] && ! [ -x "\${1}" ]; }; then
  set -- node "$@"
fi
exec "$@"
`;
// The official node images' layout (nodejs/docker-node): node, npm and npx in /usr/local, yarn
// unpacked in /opt, the node user, and the entrypoint above. The node binary is this machine's.
const NODE_LINES = [
  "RUN groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node",
  `ENV NODE_VERSION=${process.versions.node}`,
  "COPY node /usr/local/bin/node",
  "COPY npm /usr/local/lib/node_modules/npm",
  "RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx && ln -s node /usr/local/bin/nodejs",
  // npm trusts the system bundle, which holds the certificates this machine trusts (see world.ts).
  "RUN mkdir -p /usr/local/etc && echo cafile=/etc/ssl/certs/ca-certificates.crt > /usr/local/etc/npmrc",
  `ENV YARN_VERSION=${YARN_VERSION}`,
  // The npm package of yarn is its release tarball's contents.
  "RUN cd /opt && npm pack --silent yarn@$YARN_VERSION && mkdir yarn-v$YARN_VERSION && tar -xzf yarn-$YARN_VERSION.tgz -C yarn-v$YARN_VERSION --strip-components=1 && rm yarn-$YARN_VERSION.tgz && ln -s /opt/yarn-v$YARN_VERSION/bin/yarn /usr/local/bin/yarn && ln -s /opt/yarn-v$YARN_VERSION/bin/yarnpkg /usr/local/bin/yarnpkg && rm -rf /root/.npm",
  "COPY docker-entrypoint.sh /usr/local/bin/",
  'ENTRYPOINT ["docker-entrypoint.sh"]',
  'CMD ["node"]',
];
const NODE_CONTEXT = {
  node: { path: process.execPath },
  npm: { path: join(NODE_DIR, "lib/node_modules/npm") },
  "docker-entrypoint.sh": { text: NODE_ENTRYPOINT, mode: 0o755 },
};

// The official gcc image's variables (docker-library/gcc), with Debian's GCC version.
const GCC_LINES = [
  "ENV GPG_KEYS=" +
    JSON.stringify(
      [
        "B215C1633BCA0477615F1B35A5B3A004745C015A",
        "B3C42148A44E6983B3E4CC0793FA9B1AB75C61B8",
        "90AA470469D3965A87A5DCB494D03953902C9419",
        "80F98B2E0DAB6C8281BDF541A7C8C3B2F71EDF1C",
        "7F74F97C103468EE5D750B583AB00996FC26A641",
        "33C235A34C46AA3FFB293709A328C3A2C3C45C06",
        "D3A93CAD751C2AF4F8C7AD516C35B99309B5FA62",
      ].join(" "),
    ),
  "ENV GCC_MIRRORS=" +
    JSON.stringify(
      [
        "https://ftpmirror.gnu.org/gcc",
        "https://mirrors.kernel.org/gnu/gcc",
        "https://bigsearcher.com/mirrors/gcc/releases",
        "http://www.netgull.com/gcc/releases",
        "https://ftpmirror.gnu.org/gcc",
        "ftp://ftp.gnu.org/gnu/gcc",
      ].join(" "),
    ),
  "ENV GCC_VERSION=12.2.0",
];

/** In build order: each base is built on those before it. */
export function bases(): Base[] {
  return [
    { name: "buildpack-deps:bookworm", dockerfile: ["FROM debian:bookworm", apt(BUILDPACK)].join("\n") },
    {
      name: "python:3.11",
      dockerfile: [
        "FROM buildpack-deps:bookworm",
        apt("python3 python3-dev python3-pip python3-venv python3-setuptools python3-wheel"),
        ...PYTHON_LINES,
      ].join("\n"),
      context: PYTHON_CONTEXT,
    },
    {
      name: "python:3.11-slim",
      dockerfile: [
        "FROM debian:bookworm-slim",
        apt("ca-certificates netbase tzdata python3 python3-pip python3-venv python3-setuptools python3-wheel"),
        ...PYTHON_LINES,
      ].join("\n"),
      context: PYTHON_CONTEXT,
    },
    {
      // The official image unpacks Go in /usr/local/go; Debian's lives in /usr/lib/go-1.19.
      name: "golang:1.19",
      dockerfile: [
        "FROM buildpack-deps:bookworm",
        apt("g++ gcc libc6-dev make pkg-config golang-go"),
        "RUN ln -s /usr/lib/go-1.19 /usr/local/go",
        "ENV PATH=/usr/local/go/bin:$PATH",
        `ENV GOLANG_VERSION=${DEBIAN_VERSIONS.go}`,
        "ENV GOPATH=/go",
        "ENV PATH=$GOPATH/bin:$PATH",
        'RUN mkdir -p "$GOPATH/src" "$GOPATH/bin" && chmod -R 1777 "$GOPATH"',
        "WORKDIR $GOPATH",
      ].join("\n"),
    },
    {
      // The official image's rustup puts cargo and rustc in $CARGO_HOME/bin; Debian's are linked there.
      name: "rust:1.63",
      dockerfile: [
        "FROM buildpack-deps:bookworm",
        `ENV RUSTUP_HOME=/usr/local/rustup CARGO_HOME=/usr/local/cargo PATH=/usr/local/cargo/bin:$PATH RUST_VERSION=${DEBIAN_VERSIONS.rust}`,
        apt("rustc cargo"),
        "RUN mkdir -p $RUSTUP_HOME $CARGO_HOME/bin && for tool in cargo rustc rustdoc; do ln -s /usr/bin/$tool $CARGO_HOME/bin/$tool; done && chmod -R a+w $RUSTUP_HOME $CARGO_HOME",
      ].join("\n"),
    },
    // The official gcc:12 is buildpack-deps with GCC 12 built in /usr/local; Debian's is GCC 12 already.
    {
      name: "gcc:12",
      dockerfile: ["FROM buildpack-deps:bookworm", ...GCC_LINES, apt("gcc g++ make")].join("\n"),
    },
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
