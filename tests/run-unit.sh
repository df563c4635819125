#!/bin/sh
# Run every unit-test executable in BUILD/tests from the project root and
# print the total as "N passed, N failed". Exit 1 if any test failed.
build=${1:-build}
passed=0; failed=0; broken=""
for t in "$build"/tests/test_*; do
    [ -x "$t" ] || continue
    out=$("$t" 2>&1); rc=$?
    p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -n 1)
    f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -n 1)
    passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
    if [ $rc -ne 0 ]; then
        [ -n "$f" ] || failed=$((failed + 1))
        broken="$broken $(basename "$t")"
        printf '%s\n' "$out" | grep -v '^\[ \(RUN\|       OK\) ' >&2
    fi
done
[ -n "$broken" ] && echo "failing:$broken" >&2
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ -z "$broken" ]
