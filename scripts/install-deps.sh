#!/bin/sh
# Install the Debian packages clinkit needs to build and test (Debian 12).
# Does nothing for packages already present; uses sudo when not root.
#   scripts/install-deps.sh            build + unit/integration/ASan tests
#   scripts/install-deps.sh --browser  also Chromium and Node.js for browser tests
#   scripts/install-deps.sh --bench    also Python pandas for benchmarks
set -e
pkgs="build-essential pkg-config python3 gzip clang libclang-rt-14-dev
      libjansson-dev libexpat1-dev libxml2-dev zlib1g-dev libarchive-dev libutf8proc-dev
      libpcre2-dev libvectorscan-dev libcmocka-dev tar jq perl
      wamerican nodejs npm"
for a in "$@"; do
    case $a in
        --browser) pkgs="$pkgs chromium fonts-wqy-microhei fonts-noto-color-emoji" ;;
        --bench) pkgs="$pkgs python3 python3-pandas hyperfine time" ;;
    esac
done
missing=""
for p in $pkgs; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
# node/npm may come from elsewhere (e.g. a preinstalled Node.js): accept them
case "$missing" in *nodejs*|*npm*) if command -v node >/dev/null && command -v npm >/dev/null; then
    missing=$(echo "$missing" | sed 's/ nodejs//; s/ npm//'); fi ;; esac
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
if [ -n "$missing" ]; then
    echo "installing:$missing"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends $missing
fi
# The de-identification lexicons are built from this npm data package (MIT),
# pinned so that every build makes the same lists (tools/deid-lexicons.mjs).
FAKER=@faker-js/faker@10.6.0
if command -v npm >/dev/null 2>&1 &&
   [ ! -f "$(npm root -g 2>/dev/null)/@faker-js/faker/package.json" ]; then
    echo "installing: $FAKER (npm)"
    $SUDO npm install -g --no-audit --no-fund "$FAKER" >/dev/null
fi
