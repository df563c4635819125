# t_mimic.sh — `clinkit mimic` and the MIMIC formats through the CLI:
# generate, count, select with shards and .txt output, .gz input, errors.
S=samples/mimic-iii-noteevents/NOTEEVENTS.csv
expect "mimic generate writes a synthetic NOTEEVENTS.csv" \
    "$CLINKIT" mimic generate --rows 400 --seed 3 "$TMP/gen.csv"
expect "the generated file validates" "$CLINKIT" validate -q mimic-iii-noteevents "$TMP/gen.csv"
gzip -c "$TMP/gen.csv" > "$TMP/gen.csv.gz"
"$CLINKIT" mimic count "$TMP/gen.csv" > "$TMP/c1" && "$CLINKIT" mimic count "$TMP/gen.csv.gz" > "$TMP/c2" \
    && "$CLINKIT" mimic count --documents "$TMP/gen.csv" > "$TMP/c3" \
    && cmp -s "$TMP/c1" "$TMP/c2" && cmp -s "$TMP/c1" "$TMP/c3" && grep -q '^notes	400$' "$TMP/c1" \
    && ok || fail "mimic count: same counts for .csv, .csv.gz and --documents"
"$CLINKIT" mimic -q --shards 3 --seed 1 "$TMP/gen.csv" "$TMP/shards" \
    && [ "$(cat "$TMP"/shards/shard-*.jsonl | wc -l)" -eq 400 ] && ok || fail "mimic --shards writes every note once"
# no SUBJECT_ID in two shards
for f in "$TMP"/shards/shard-*.jsonl; do
    /usr/bin/env python3 -c "
import json,sys
for l in open(sys.argv[1]):
    d=json.loads(l); print([m['value'] for m in d['metadata'] if m['key']=='SUBJECT_ID'][0])" "$f" | sort -u
done | sort | uniq -d > "$TMP/dups"
[ ! -s "$TMP/dups" ] && ok || fail "mimic --shards: a patient straddles shards"
"$CLINKIT" mimic -q --category "Physician" --to txt "$S" "$TMP/txt" \
    && [ -f "$TMP/txt/178.txt" ] && [ "$(ls "$TMP/txt" | wc -l)" -eq 1 ] && ok || fail "mimic --category --to txt"
"$CLINKIT" mimic -q --drop-errors --to mimic-iii-noteevents "$S" "$TMP/noerr.csv" \
    && ! grep -q '^176,' "$TMP/noerr.csv" && grep -q '^175,' "$TMP/noerr.csv" && ok || fail "mimic --drop-errors"
"$CLINKIT" mimic --sample 2 --seed 4 "$S" > "$TMP/s.jsonl" 2>/dev/null && [ "$(wc -l < "$TMP/s.jsonl")" -eq 2 ] \
    && ok || fail "mimic --sample N keeps N notes"
printf '"ROW_ID","TEXT"\n1,"fine"\n2,"bad"x\n' > "$TMP/bad.csv"
"$CLINKIT" convert --from mimic-iii-noteevents --to jsonl "$TMP/bad.csv" "$TMP/bad.jsonl" 2> "$TMP/err"
[ $? -eq 1 ] && grep -q 'bad.csv:3:8: error: record 3, field 2' "$TMP/err" && [ "$(wc -l < "$TMP/bad.jsonl")" -eq 1 ] && ok \
    || fail "a malformed row exits 1 naming file:line:column and record"
"$CLINKIT" mimic --bogus "$S" >/dev/null 2>&1; [ $? -eq 2 ] && ok || fail "mimic: unknown option exits 2"
