#!/bin/sh
# tsan.sh BUILD — the threaded code under ThreadSanitizer: the ordered
# parallel map's unit test, and the i2b2 XML reader on 4 threads over a
# folder of 121 files (lenient and strict) and the de-id scorer reading both
# sides that way. Any data race fails the run. Prints "N passed, N failed".
build=${1:-build-tsan}
export TSAN_OPTIONS="halt_on_error=1 exitcode=66"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
passed=0; failed=0
check() { # description, command...: passes unless TSan reported (exit 66)
    d=$1; shift
    "$@" >"$tmp/out" 2>"$tmp/err"
    if [ $? -eq 66 ] || grep -q "ThreadSanitizer" "$tmp/err"; then
        failed=$((failed + 1)); echo "FAIL: $d" >&2; grep -A12 "WARNING" "$tmp/err" | head -30 >&2
    else
        passed=$((passed + 1))
    fi
}
check "ordered parallel map" "$build/tests/test_par"
mkdir -p "$tmp/in"
for k in $(seq 10 49); do
    for f in samples/i2b2-2014-deid/training-PHI-Gold-Set1/*.xml; do
        cp "$f" "$tmp/in/$k-$(basename "$f")"
    done
done
printf '<deIdi2b2><TEXT><![CDATA[x]]></TEXT><TAGS>\n' > "$tmp/in/20-bad.xml"
check "lenient threaded read" env CLINKIT_THREADS=4 "$build/clinkit" convert --from i2b2-2014-deid --to jsonl "$tmp/in" "$tmp/a.jsonl"
check "strict threaded read" env CLINKIT_THREADS=4 "$build/clinkit" convert --strict --from i2b2-2014-deid --to jsonl "$tmp/in" "$tmp/b.jsonl"
check "threaded read in a scorer" env CLINKIT_THREADS=4 "$build/clinkit" eval i2b2-2014-deid "$tmp/in" "$tmp/in"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
