#!/bin/sh
# End-to-end tests of `clinkit site` and `clinkit view` in headless
# Chromium, driven by Playwright (playwright-core). Usage:
#   tests/browser/run.sh path/to/clinkit
# Builds nothing. Installs Debian's chromium (apt-get) and the npm packages
# (npm ci, from package-lock.json) when they are missing. Screenshots go to
# tests/browser/screenshots/. Prints "N passed, N failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
if [ $# -ne 1 ] || [ ! -x "$1" ]; then
    echo "usage: $0 path/to/clinkit" >&2
    echo "0 passed, 1 failed"
    exit 2
fi
CLINKIT=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$CHROMIUM" ]; then
    echo "browser tests: installing chromium" >&2
    apt-get install -y chromium >/dev/null 2>&1 ||
        { apt-get update >/dev/null 2>&1 && apt-get install -y chromium >/dev/null 2>&1; } ||
        { echo "browser tests: cannot install chromium" >&2; echo "0 passed, 1 failed"; exit 1; }
fi
if ! command -v node >/dev/null 2>&1; then
    echo "browser tests: node is missing (apt-get install nodejs npm)" >&2
    echo "0 passed, 1 failed"
    exit 1
fi
if [ ! -d "$here/node_modules/playwright-core" ]; then
    echo "browser tests: npm ci" >&2
    (cd "$here" && npm ci --no-audit --no-fund >/dev/null 2>&1) ||
        { echo "browser tests: npm ci failed" >&2; echo "0 passed, 1 failed"; exit 1; }
fi
exec node "$here/e2e.mjs" "$CLINKIT" "$CHROMIUM"
