#!/bin/sh
# bench/mimic.sh — reading MIMIC-III NOTEEVENTS: clinkit vs Python's csv
# module vs pandas read_csv, on a generated file (default 1 GiB) and its
# .gz, side by side. Every tool reads every note, finds the [** **]
# placeholders and counts them; the counts must agree.
#
#   sh bench/mimic.sh [BUILD]        MIMIC_BENCH_SIZE=1G (K/M/G suffix)
#
# Reports wall time, CPU time (user+sys), MB/s over wall and over CPU time
# (the per-core rate; the machine may be shared), and peak RSS from
# /usr/bin/time. pandas reads in chunks of 20000 rows (dtype=str): without
# chunks it holds the whole table in memory. The files live in a temporary
# folder under /tmp, deleted at the end.
set -u
build=${1:-build}
clinkit=$build/clinkit
size=${MIMIC_BENCH_SIZE:-1G}
tmp=$(mktemp -d /tmp/clinkit-bench-mimic.XXXXXX)
trap 'rm -rf "$tmp"' EXIT INT TERM
csv=$tmp/NOTEEVENTS.csv
# Debian's python3 (python3-pandas is a Debian package), not a pyenv shim
py=${PYTHON:-/usr/bin/python3}
[ -x "$py" ] || py=python3

[ -x "$clinkit" ] || { echo "bench/mimic.sh: build $clinkit first" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench/mimic.sh: needs /usr/bin/time" >&2; exit 1; }

echo "generating $size NOTEEVENTS.csv (clinkit mimic generate --bytes $size --seed 1) ..."
"$clinkit" mimic generate --bytes "$size" --seed 1 "$csv" || exit 1
echo "compressing (gzip -1) ..."
gzip -1 -c "$csv" > "$csv.gz" || exit 1
bytes=$(wc -c < "$csv")

cat > "$tmp/py_csv.py" <<'EOF'
import csv, gzip, re, sys
PH = re.compile(r'\[\*\*(.*?)\*\*\]')
path = sys.argv[1]
f = gzip.open(path, 'rt', newline='', encoding='utf-8') if path.endswith('.gz') \
    else open(path, newline='', encoding='utf-8')
csv.field_size_limit(1 << 30)
r = csv.reader(f)
col = next(r).index('TEXT')
notes = placeholders = 0
for row in r:
    notes += 1
    placeholders += sum(1 for _ in PH.finditer(row[col]))
print(notes, placeholders)
EOF

cat > "$tmp/py_pandas.py" <<'EOF'
import sys
import pandas as pd
PH = r'\[\*\*(.*?)\*\*\]'
notes = placeholders = 0
for chunk in pd.read_csv(sys.argv[1], dtype=str, keep_default_na=False,
                         chunksize=20000):
    notes += len(chunk)
    placeholders += int(chunk['TEXT'].str.count(PH).sum())
print(notes, placeholders)
EOF

# run NAME INPUT CMD...: time CMD; its stdout's first line is "notes placeholders"
printf '\n%-28s %-6s %8s %8s %9s %9s %8s %9s %10s\n' tool input wall_s cpu_s MB/s_wall MB/s_cpu RSS_MB notes placeholders
run() {
    name=$1; input=$2; shift 2
    if ! /usr/bin/time -f '%e %U %S %M' -o "$tmp/time" "$@" > "$tmp/out" 2> "$tmp/err"; then
        printf '%-28s %-6s failed: %s\n' "$name" "$input" "$(head -c 200 "$tmp/err")"
        return
    fi
    set -- $(tail -n 1 "$tmp/time")
    wall=$1; cpu=$(echo "$2 + $3" | bc -l); rss=$4
    set -- $(head -n 1 "$tmp/out")
    printf '%-28s %-6s %8.2f %8.2f %9.0f %9.0f %8.1f %9s %10s\n' "$name" "$input" "$wall" "$cpu" \
        "$(echo "$bytes / 1000000 / ($wall + 0.001)" | bc -l)" \
        "$(echo "$bytes / 1000000 / ($cpu + 0.001)" | bc -l)" \
        "$(echo "$rss / 1024" | bc -l)" "$1" "$2"
    echo "$name $input $wall $cpu" >> "$tmp/results"
}

# clinkit count prints "notes N" / "placeholders N" lines: reshape to one line
cat > "$tmp/ck.sh" <<EOF
#!/bin/sh
"$clinkit" mimic count "\$@" | awk '\$1=="notes"{n=\$2} \$1=="placeholders"{p=\$2} END{print n, p}'
EOF
chmod +x "$tmp/ck.sh"

run "clinkit mimic count" csv "$tmp/ck.sh" "$csv"
run "clinkit count --documents" csv "$tmp/ck.sh" --documents "$csv"
run "python3 csv module" csv "$py" "$tmp/py_csv.py" "$csv"
run "pandas read_csv (chunks)" csv "$py" "$tmp/py_pandas.py" "$csv"
run "clinkit mimic count" gz "$tmp/ck.sh" "$csv.gz"
run "clinkit count --documents" gz "$tmp/ck.sh" --documents "$csv.gz"
run "python3 csv module" gz "$py" "$tmp/py_csv.py" "$csv.gz"
run "pandas read_csv (chunks)" gz "$py" "$tmp/py_pandas.py" "$csv.gz"

echo
echo "input: $bytes bytes (MB = 10^6 bytes of uncompressed CSV, also for .gz);"
echo "MB/s_cpu = MB per CPU-second (user+sys): the per-core rate."
for input in csv gz; do
    ck=$(awk -v i=$input '$1=="clinkit" && $2=="mimic" && $4==i {print $6}' "$tmp/results")
    pd=$(awk -v i=$input '$1=="pandas" && $4==i {print $6}' "$tmp/results")
    pc=$(awk -v i=$input '$1=="python3" && $4==i {print $6}' "$tmp/results")
    if [ -n "$ck" ] && [ -n "$pd" ] && [ -n "$pc" ]; then
        printf 'speed-up of clinkit (CPU time, %s): %.1fx over pandas, %.1fx over the csv module\n' \
            "$input" "$(echo "$pd / $ck" | bc -l)" "$(echo "$pc / $ck" | bc -l)"
    fi
done
