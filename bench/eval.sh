#!/bin/bash
# eval.sh BUILD [N] — `clinkit eval` on N (default 1000) generated documents per task
# (bench/eval_gen.py), side by side with an equivalent plain-Python computation of the
# same metric (bench/eval_ref_*.py, ours: the official scripts cannot be shipped).
# Prints wall-clock and CPU (user+sys) seconds and the speed-up. Never part of the tests.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@" # bench/run.sh uses sh; `time` needs bash
build=${1:-build}; n=${2:-1000}
clinkit=$(cd "$(dirname "$build/clinkit")" && pwd)/clinkit
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
python3 "$here/eval_gen.py" "$tmp" "$n" || exit 1
cd "$tmp" || exit 1
TIMEFORMAT='%R %U %S'
# t CMD...: best wall-clock of 3 runs (CPU of that run) -> "wall cpu"
t() {
    best=""
    for _ in 1 2 3; do
        r=$( { time "$@" >/dev/null 2>&1; } 2>&1 | tail -1)
        set -- "$@"
        w=${r%% *}; rest=${r#* }; cpu=$(echo "$rest" | awk '{printf "%.3f", $1 + $2}')
        if [ -z "$best" ] || awk "BEGIN{exit !($w < ${best%% *})}"; then best="$w $cpu"; fi
        [ -n "$ONCE" ] && break
    done
    echo "$best"
}
printf '%-16s %8s %8s   %8s %8s   %8s %8s\n' task clinkit cpu python cpu speedup cpu-x
row() {
    task=$1; shift
    c=$(t "$clinkit" eval "$task" "$1" "$2" --format official)
    shift 2
    p=$(ONCE=1 t python3 "$@")
    awk -v task="$task" -v c="$c" -v p="$p" 'BEGIN{split(c, a, " "); split(p, b, " ");
        printf "%-16s %8.3f %8.3f   %8.3f %8.3f   %7.0fx %7.0fx\n", task, a[1], a[2], b[1], b[2],
        b[1] / (a[1] > 0 ? a[1] : 0.001), b[2] / (a[2] > 0 ? a[2] : 0.001)}'
}
row conll conll/gold.txt conll/system.txt "$here/eval_ref_conll.py" conll/gold.txt conll/system.txt
row nbme nbme/gold nbme/system "$here/eval_ref_nbme.py" nbme/gold/train.csv nbme/system/submission.csv
row cblue-cmeie cmeie/gold.jsonl cmeie/system.jsonl "$here/eval_ref_cmeie.py" cmeie/gold.jsonl cmeie/system.jsonl
row i2b2-2014-deid deid/gold deid/system "$here/eval_ref_i2b2_2014.py" phi deid/gold deid/system
row i2b2-2014-rf rf/gold rf/system "$here/eval_ref_i2b2_2014.py" cr rf/gold rf/system
row n2c2-2018-t1 t1/gold t1/system "$here/eval_ref_n2c2_2018.py" t1 t1/gold t1/system
row n2c2-2018-t2 t2/gold t2/system "$here/eval_ref_n2c2_2018.py" t2 t2/gold t2/system
row i2b2-2012 t12/gold t12/system "$here/eval_ref_i2b2_2012.py" t12/gold t12/system
echo "($n documents per task; clinkit: best of 3 runs; python3 $(python3 -c 'import sys;print(sys.version.split()[0])'): 1 run)"
