#!/bin/sh
# The whole test suite: install what is missing, build, run unit and
# integration tests, the same under AddressSanitizer + UBSan, the threaded
# code under ThreadSanitizer, then the browser tests. Prints a "N passed, N failed" line per part and a total.
set -u
cd "$(dirname "$0")/.."
sh scripts/install-deps.sh --browser || exit 1
jobs=$(nproc)
status=0
total_p=0; total_f=0
part() { # name, command...: run it, add up its "N passed, N failed" lines
    name=$1; shift
    echo "== $name"
    out=$("$@" 2>&1); rc=$?
    printf '%s\n' "$out"
    counts=$(printf '%s\n' "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed' |
             awk '{p += $1; f += $3} END {if (NR) print p, f}')
    p=${counts% *}; f=${counts#* }
    [ -n "$counts" ] || { p=""; f=""; }
    total_p=$((total_p + ${p:-0})); total_f=$((total_f + ${f:-0}))
    [ $rc -eq 0 ] || { status=1; echo "!! $name failed (exit $rc)"; [ -n "$f" ] && [ "$f" -gt 0 ] || total_f=$((total_f + 1)); }
}
part "build (gcc, -Werror)" make -s -j"$jobs" all EXTRA_CFLAGS=-Werror
part "build (clang, -Werror)" make -s -j"$jobs" all CC=clang BUILD=build-clang EXTRA_CFLAGS=-Werror
part "unit + integration" make -s -j"$jobs" check
part "ASan + UBSan" make -s -j"$jobs" asan
part "ThreadSanitizer" make -s -j"$jobs" tsan
if [ -x tests/browser/run.sh ] || [ -f tests/browser/run.sh ]; then
    part "browser (Chromium)" sh tests/browser/run.sh "$(pwd)/build/clinkit"
fi
echo "== total"
echo "$total_p passed, $total_f failed"
exit $status
