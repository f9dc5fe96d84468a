#!/usr/bin/env bash
# Installs Artillery (about 460 MB) and the Node 22 it needs, for test/artillery and bench/artillery only,
# from test/artillery/runtime/package-lock.json into node_modules/.cache/artillery-runtime: kept out of the
# package's lockfile, and under node_modules so no tool reads third-party code as the project's. No browser
# download: the tests drive Debian's chromium. Skipped when the installed copy was made from the same lockfile.
set -euo pipefail
cd "$(dirname "$0")/.."
source=test/artillery/runtime
target=node_modules/.cache/artillery-runtime
stamp="$target/node_modules/.installed-from-lock"
if cmp -s "$source/package-lock.json" "$stamp"; then exit 0; fi
mkdir -p "$target"
cp "$source/package.json" "$source/package-lock.json" "$target/"
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --prefix "$target" --no-audit --no-fund --loglevel=error
cp "$source/package-lock.json" "$stamp"
