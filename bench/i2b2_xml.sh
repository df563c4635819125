#!/bin/sh
# i2b2_xml.sh BUILD — read 1,000 generated i2b2-2014-sized notes as i2b2 2014
# XML and as BRAT with clinkit, and the XML with Python's ElementTree
# (bench/i2b2_xml_ref.py, collecting every tag's start/end/TYPE); prints
# documents/s and MB/s side by side. Files in page cache; clinkit best of 10
# runs, Python best of 3. Two figures per row: per CPU-second (process CPU
# time, user + system: fair on a shared machine) and per wall-clock second
# (what a user waits for: the XML reader parses files on every core,
# core/par.c; CLINKIT_THREADS=1 is the one-thread row).
build=${1:-build}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 bench/gen_i2b2.py "$tmp" 1000 || exit 1
xml_bytes=$(cat "$tmp"/xml/*.xml | wc -c)
brat_bytes=$(cat "$tmp"/brat/* | wc -c)
row() { # name docs bytes cpu-seconds wall-seconds
    awk -v n="$1" -v d="$2" -v b="$3" -v c="$4" -v w="$5" 'BEGIN {
        printf "%-38s %6d %7.1f %9.0f %9.1f %9.0f %9.1f\n", n, d, b / 1e6, d / c, b / c / 1e6,
            d / w, b / w / 1e6 }'
}
printf "%-38s %6s %7s %9s %9s %9s %9s\n" "reader" "docs" "MB" "docs/cpu" "MB/cpu-s" "docs/s" "MB/s"
set -- $(CLINKIT_THREADS=1 "$build"/bench/i2b2_read i2b2-2014-deid "$tmp/xml")
row "clinkit i2b2-2014-deid (XML), 1 thread" "$1" "$xml_bytes" "$3" "$4"
set -- $("$build"/bench/i2b2_read i2b2-2014-deid "$tmp/xml")
row "clinkit i2b2-2014-deid (XML), $(nproc) cores" "$1" "$xml_bytes" "$3" "$4"
set -- $("$build"/bench/i2b2_read brat "$tmp/brat")
row "clinkit brat (.txt + .ann)" "$1" "$brat_bytes" "$3" "$4"
if command -v python3 >/dev/null; then
    set -- $(python3 bench/i2b2_xml_ref.py "$tmp/xml")
    row "python3 xml.etree.ElementTree" "$1" "$2" "$4" "$4"
fi
