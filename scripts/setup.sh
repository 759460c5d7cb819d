#!/usr/bin/env bash
# Sets imagediet up from a clone.
#   bash scripts/setup.sh          the main job: npm dependencies and the build (no root needed)
#   bash scripts/setup.sh --test   also the tools the tests need, from Debian's archive (root and apt-get)
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { echo "usage: bash scripts/setup.sh [--test]" >&2; exit 2; }
test_tools=false
for arg in "$@"; do
  case "$arg" in
    --test) test_tools=true ;;
    -h | --help) sed -n '2,4p' "$0" | cut -c3-; exit 0 ;;
    *) usage ;;
  esac
done

npm ci --no-audit --no-fund
npm run build
[ "$test_tools" = true ] || exit 0

# One row per test tool: the program that shows it is there, the Debian packages, and why the tests need it.
tools=(
  "/usr/bin/chromium|chromium|the HTML report's browser test (test/browser) renders and screenshots reports"
  "/usr/bin/docker-registry|docker-registry|registry reads: image archives pulled over the distribution API"
  "htpasswd|apache2-utils|the registry tests' basic-auth password file"
  "zstd|zstd|zstd-compressed layer fixtures"
  "zip|zip|OSV archive fixtures for db update"
  "gcc|gcc libc6-dev|name-resolution probes compiled against glibc"
  "musl-gcc|musl-tools|name-resolution probes compiled against musl"
  "readelf|binutils|the ELF reader's reference output"
  "/usr/sbin/dockerd|docker.io|the test world's own dockerd (test/e2e/world) and the docker engine tests"
  "/usr/sbin/debootstrap|debootstrap|the test world's base images, built from Debian packages"
  "podman|podman|the second engine"
)

present() { case "$1" in /*) [ -x "$1" ] ;; *) command -v "$1" >/dev/null ;; esac; }

missing=()
for row in "${tools[@]}"; do
  IFS='|' read -r program packages why <<<"$row"
  if present "$program"; then continue; fi
  echo "setup: $packages — $why"
  read -ra names <<<"$packages"
  missing+=("${names[@]}")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: every test tool is installed"
  exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "setup: cannot install ${missing[*]} here (needs root and apt-get); run as root:" >&2
  echo "  apt-get install --no-install-recommends ${missing[*]}" >&2
  echo "setup: the tests that need them will fail and say which is missing" >&2
  exit 1
fi
echo "setup: installing ${missing[*]}"
apt-get update -q
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
