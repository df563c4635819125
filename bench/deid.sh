#!/bin/sh
# De-identification speed and recall: 10,000 synthetic ~1 KB nursing notes
# (seed 20261127, never used for tuning). Library on one core, then the
# CLI end to end (text in a folder -> redacted text), for comparison with
# published tools (PhysioNet deid: ~2,434 notes in ~10 minutes, i.e. ~4
# notes/s; published pipeline comparisons: up to ~25 notes/s).
build=${1:-build}
n=${DEID_BENCH_NOTES:-10000}
"$build/bench/deid_bench" "$n" 20261127 || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$build/clinkit" deid synth --quiet --seed 20261127 --style nursing "$n" "$tmp/notes.jsonl" || exit 1
t0=$(date +%s.%N)
"$build/clinkit" deid --quiet --from jsonl --fresh --audit "$tmp/notes.jsonl" "$tmp/audit.jsonl" || exit 1
t1=$(date +%s.%N)
"$build/clinkit" deid --quiet --from jsonl --surrogate "$tmp/notes.jsonl" "$tmp/sur.jsonl" || exit 1
t2=$(date +%s.%N)
awk -v n="$n" -v a="$t0" -v b="$t1" -v c="$t2" 'BEGIN {
  printf "%-34s %12.0f\n", "CLI jsonl -> audit jsonl", n / (b - a);
  printf "%-34s %12.0f\n", "CLI jsonl -> surrogate jsonl", n / (c - b) }'
