#!/usr/bin/env bash
# Installs what imagediet needs on a fresh machine: its npm dependencies and its build; and for the
# tests, Debian's Chromium (HTML report), docker-registry and htpasswd (registry reads), zstd (layers), zip (OSV archives), gcc and musl-gcc (name-resolution
# probes),
# binutils' readelf (the ELF reader's reference), docker.io and debootstrap for the test world
# (test/e2e/world: its own dockerd and base images), and podman (the second engine).
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --no-audit --no-fund
npm run build
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/docker-registry ] || missing+=(docker-registry)
command -v htpasswd >/dev/null || missing+=(apache2-utils)
command -v zstd >/dev/null || missing+=(zstd)
command -v zip >/dev/null || missing+=(zip)
command -v gcc >/dev/null || missing+=(gcc libc6-dev)
command -v musl-gcc >/dev/null || missing+=(musl-tools)
command -v readelf >/dev/null || missing+=(binutils)
[ -x /usr/sbin/dockerd ] || missing+=(docker.io)
[ -x /usr/sbin/debootstrap ] || missing+=(debootstrap)
command -v podman >/dev/null || missing+=(podman)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: missing ${missing[*]} and cannot install them here; the tests that need them will say so" >&2
  fi
fi
