#!/usr/bin/env bash
# Installs what imagediet needs on a fresh machine: its npm dependencies and its build.
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --no-audit --no-fund
npm run build
