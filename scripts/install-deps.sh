#!/bin/sh
# Install the Debian packages clinkit needs to build and test (Debian 12).
# Does nothing for packages already present; uses sudo when not root.
#   scripts/install-deps.sh            build + unit/integration/ASan tests
#   scripts/install-deps.sh --browser  also Chromium and Node.js for browser tests
#   scripts/install-deps.sh --bench    also Python pandas for benchmarks
set -e
pkgs="build-essential pkg-config python3 gzip clang libclang-rt-14-dev
      libjansson-dev libexpat1-dev zlib1g-dev libarchive-dev libutf8proc-dev
      libpcre2-dev libvectorscan-dev libcmocka-dev tar jq perl"
for a in "$@"; do
    case $a in
        --browser) pkgs="$pkgs chromium nodejs npm fonts-wqy-microhei fonts-noto-color-emoji" ;;
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
[ -z "$missing" ] && exit 0
echo "installing:$missing"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends $missing
