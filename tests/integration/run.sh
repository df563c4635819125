#!/bin/sh
# Integration tests: the CLI on the bundled samples and on the real, openly
# licensed files in ../shared/corpora (skipped when that folder is absent).
# Each tests/integration/t_*.sh is sourced with $CLINKIT set; it calls
# ok/fail. Prints "N passed, N failed".
CLINKIT=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
SHARED=${CLINKIT_SHARED:-../shared}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
passed=0; failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }
# expect "description" command...: passes when the command exits 0
expect() { d=$1; shift; if "$@" >"$TMP/out" 2>"$TMP/err"; then ok; else fail "$d"; sed 's/^/    /' "$TMP/err" | head -20 >&2; fi; }
for t in tests/integration/t_*.sh; do
    . "$t"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
