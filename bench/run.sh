#!/bin/sh
# Run every benchmark script bench/*.sh with the build folder as $1.
# Benchmarks are never part of the test suite: speed is measured here only.
build=${1:-build}
for b in bench/*.sh; do
    [ "$b" = bench/run.sh ] && continue
    echo "== $b"
    sh "$b" "$build" || echo "benchmark $b failed" >&2
done
