# t_anafora_ctakes.sh — the anafora reader on the real cTAKES example notes
# (../shared/corpora/ctakes-anafora, Apache-2.0): every <entity> and
# <relation> in the XML is read, every span inside its text except the ones
# an independent awk count finds outside, and `clinkit join` of the
# annotations (without text) with the texts finds the same. Prints counts.
CT="$SHARED/corpora/ctakes-anafora"
if [ ! -d "$CT" ]; then
    echo "skip t_anafora_ctakes: $CT absent"
else
    xml_e=$(cat "$CT"/*/*.xml | grep -c '<entity>')
    xml_r=$(cat "$CT"/*/*.xml | grep -c '<relation>')
    xml_docs=$(ls "$CT"/*/*.xml | wc -l)
    # spans past the end of the text, counted by awk over the raw files
    outside=0
    for x in "$CT"/*/*.xml; do
        dir=$(dirname "$x"); doc=$(basename "$dir")
        len=$(LC_ALL=C.UTF-8 wc -m < "$dir/$doc")
        n=$(sed -n 's:.*<span>\(.*\)</span>.*:\1:p' "$x" | awk -v L="$len" -F';' '
            { bad = 0; for (i = 1; i <= NF; i++) { split($i, p, ","); if (p[2] + 0 > L + 0 || p[1] + 0 > p[2] + 0) bad = 1 } n += bad }
            END { print n + 0 }')
        outside=$((outside + n))
    done
    "$CLINKIT" validate anafora "$CT" >"$TMP/ct.out" 2>"$TMP/ct.err"
    got_docs=$(sed -n 's/^documents: *\([0-9]*\).*/\1/p' "$TMP/ct.out")
    got_e=$(sed -n 's/^entities: *\([0-9]*\).*/\1/p' "$TMP/ct.out")
    got_r=$(sed -n 's/^relations: *\([0-9]*\).*/\1/p' "$TMP/ct.out")
    got_bad=$(grep -c 'past the text' "$TMP/ct.err")
    skipped=$(sed -n 's/^problems:.* \([0-9]*\) skipped/\1/p' "$TMP/ct.out")
    [ "$got_docs" = "$xml_docs" ] && ok || fail "ctakes-anafora: $got_docs documents read, $xml_docs annotation files"
    [ "$got_e" = "$xml_e" ] && ok || fail "ctakes-anafora: $got_e entities read, $xml_e in the XML"
    [ "$got_r" = "$xml_r" ] && ok || fail "ctakes-anafora: $got_r relations read, $xml_r in the XML"
    [ "$skipped" = 0 ] && ok || fail "ctakes-anafora: $skipped items skipped"
    [ "$got_bad" = "$outside" ] && ok || fail "ctakes-anafora: $got_bad spans reported outside the text, awk finds $outside"
    # the same files as THYME distributes them: annotations alone, texts apart
    mkdir -p "$TMP/ct-ann" "$TMP/ct-txt"
    for dir in "$CT"/*/; do
        doc=$(basename "$dir"); mkdir -p "$TMP/ct-ann/$doc"
        cp "$dir"/*.xml "$TMP/ct-ann/$doc/"; cp "$dir/$doc" "$TMP/ct-txt/"
    done
    "$CLINKIT" validate anafora "$TMP/ct-ann" >"$TMP/ct2.out" 2>&1
    grep -q "^documents: *$xml_docs (0 with text)" "$TMP/ct2.out" && ok || fail "ctakes-anafora without texts: documents with text NULL"
    "$CLINKIT" join "$TMP/ct-ann" "$TMP/ct-txt" --out "$TMP/ct-joined" >"$TMP/ct3.out" 2>"$TMP/ct3.err"
    rc=$?
    j_out=$(sed -n 's/^outside text: *//p' "$TMP/ct3.out")
    [ "$j_out" = "$outside" ] && [ "$(grep -c 'falls outside the text' "$TMP/ct3.err")" = "$outside" ] && ok ||
        fail "join: $j_out annotations reported outside the text, awk finds $outside"
    if [ "$outside" -gt 0 ]; then [ $rc -eq 1 ] && ok || fail "join: exit $rc with spans outside the text"; fi
    expect "joined corpus reads back with the same counts" sh -c \
        "'$CLINKIT' validate anafora '$TMP/ct-joined' | grep -q '^entities: *$xml_e '"
    echo "ctakes-anafora: $got_docs documents, $got_e entities, $got_r relations, $outside spans outside the text"
fi
