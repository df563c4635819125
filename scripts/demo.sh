#!/bin/sh
# The main job: install what is missing, build clinkit, then read every
# bundled sample corpus, validate it, write it as JSONL (build/samples-jsonl/)
# and print a table. Run from anywhere: sh scripts/demo.sh
set -e
cd "$(dirname "$0")/.."
sh scripts/install-deps.sh
make -j"$(nproc)" all >/dev/null
./build/clinkit samples samples --out build/samples-jsonl
