# t_meddocan_xml.sh — the MEDDOCAN training set in i2b2-2014 XML gives
# exactly the spans of its BRAT copy: same documents, same number of
# entities, same offsets, same types (the XML TYPE attribute = the BRAT type).
# The XML is converted to BRAT by clinkit, so both sides are .ann lines.
MD=$SHARED/corpora/meddocan-train
if [ -d "$MD/xml" ] && [ -d "$MD/brat" ]; then
    expect "meddocan xml converts to brat" "$CLINKIT" convert --quiet --from i2b2-2014-deid --to brat "$MD/xml" "$TMP/md-xml"
    # "stem start end type" per entity; for the XML side the type is attribute TYPE
    md_spans() {
        for f in "$1"/*.ann; do
            awk -F '\t' -v doc="$(basename "$f" .ann)" -v fromxml="$2" '
                $1 ~ /^T/ { split($2, p, " "); off[$1] = p[2] " " p[3]; ty[$1] = p[1]; ids[++n] = $1 }
                $1 ~ /^A/ { split($2, p, " "); if (fromxml && p[1] == "TYPE") ty[p[2]] = p[3] }
                END { for (i = 1; i <= n; i++) print doc, off[ids[i]], ty[ids[i]] }' "$f"
        done | sort
    }
    md_spans "$TMP/md-xml" 1 > "$TMP/md-xml.spans"
    md_spans "$MD/brat" 0 > "$TMP/md-brat.spans"
    expect "meddocan xml gives entities" test "$(wc -l < "$TMP/md-xml.spans")" -gt 10000
    expect "meddocan xml spans = brat spans (count, offsets, types)" cmp "$TMP/md-xml.spans" "$TMP/md-brat.spans"
fi
