#!/bin/sh
# i2b2_xml.sh BUILD — read 1,000 generated i2b2-2014-sized notes as i2b2 2014
# XML and as BRAT with clinkit, and the XML with Python's ElementTree
# (bench/i2b2_xml_ref.py, collecting every tag's start/end/TYPE); prints
# documents/s and MB/s side by side (best of 10 runs for clinkit, 3 for Python; process CPU time; files in page cache).
build=${1:-build}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 bench/gen_i2b2.py "$tmp" 1000 || exit 1
xml_bytes=$(cat "$tmp"/xml/*.xml | wc -c)
brat_bytes=$(cat "$tmp"/brat/* | wc -c)
row() { # name docs bytes seconds
    awk -v n="$1" -v d="$2" -v b="$3" -v s="$4" 'BEGIN {
        printf "%-34s %6d %10.1f %9.1f %8.1f\n", n, d, b / 1e6, d / s, b / s / 1e6 }'
}
printf "%-34s %6s %10s %9s %8s\n" "reader" "docs" "MB" "docs/s" "MB/s"
set -- $("$build"/bench/i2b2_read i2b2-2014-deid "$tmp/xml")
row "clinkit i2b2-2014-deid (XML)" "$1" "$xml_bytes" "$3"
set -- $("$build"/bench/i2b2_read brat "$tmp/brat")
row "clinkit brat (.txt + .ann)" "$1" "$brat_bytes" "$3"
if command -v python3 >/dev/null; then
    set -- $(python3 bench/i2b2_xml_ref.py "$tmp/xml")
    row "python3 xml.etree.ElementTree" "$1" "$2" "$4"
fi
