# t_parallel_read.sh — the one-file-per-document XML readers read on several
# threads (core/par.c) and give exactly what one thread gives: the same
# documents in the same order, the same diagnostics in the same order, in
# lenient and in strict mode. 120 files: 40 copies of the i2b2 2014 sample
# notes, with a malformed file and a tag with bad offsets among them.
PR=$TMP/par-in
mkdir -p "$PR"
for k in $(seq 10 49); do
    for f in samples/i2b2-2014-deid/training-PHI-Gold-Set1/*.xml; do
        cp "$f" "$PR/$k-$(basename "$f")"
    done
done
printf '<deIdi2b2><TEXT><![CDATA[x]]></TEXT><TAGS>\n' > "$PR/20-bad.xml"
sed 's/start="[0-9]*"/start="999999"/' "$PR/30-900-01.xml" > "$PR/30-900-01b.xml"
par_read() { # THREADS MODE OUT
    CLINKIT_THREADS=$1 "$CLINKIT" convert $2 --from i2b2-2014-deid --to jsonl "$PR" "$TMP/$3.jsonl" 2> "$TMP/$3.err"
    echo "exit $?" >> "$TMP/$3.err"
}
par_read 1 "" one; par_read 4 "" four
expect "lenient: 4 threads give the documents of 1 thread" cmp "$TMP/one.jsonl" "$TMP/four.jsonl"
expect "lenient: 4 threads give the diagnostics of 1 thread, in order" cmp "$TMP/one.err" "$TMP/four.err"
expect "lenient: the documents are all there but the malformed one" test "$(wc -l < "$TMP/one.jsonl")" -eq 121
expect "lenient: both problems are reported" test "$(grep -c 'error' "$TMP/one.err")" -ge 2
par_read 1 --strict sone; par_read 4 --strict sfour
expect "strict: 4 threads stop where 1 thread stops" cmp "$TMP/sone.err" "$TMP/sfour.err"
expect "strict: the run fails" grep -q "exit [12]" "$TMP/sone.err"
