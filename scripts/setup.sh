#!/usr/bin/env bash
# Installs what imagediet needs on a fresh machine: its npm dependencies, its build, and Debian's
# Chromium for the HTML report test.
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --no-audit --no-fund
npm run build
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
  else
    echo "setup: /usr/bin/chromium is missing and cannot be installed here; the HTML report test will say so" >&2
  fi
fi
