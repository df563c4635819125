# CLI behaviour of the foundation: help, exit codes, catalog, formats,
# convert/validate, and the MEDDOCAN BRAT <-> JSONL round trip.

expect "clinkit --help exits 0" "$CLINKIT" --help
if "$CLINKIT" nosuchcommand >/dev/null 2>&1; then fail "unknown command must fail"; else
    [ $? -eq 2 ] && ok || fail "unknown command exits 2"; fi
for c in datasets formats convert validate samples; do
    expect "clinkit $c --help" "$CLINKIT" $c --help
done
"$CLINKIT" convert --from brat >/dev/null 2>&1; [ $? -eq 2 ] && ok || fail "convert without args exits 2"

# catalog
expect "datasets list" "$CLINKIT" datasets list
n=$("$CLINKIT" datasets list | tail -n +2 | wc -l)
[ "$n" -ge 40 ] && ok || fail "catalog lists $n datasets, expected >= 40"
expect "datasets show i2b2-2014-deid" "$CLINKIT" datasets show i2b2-2014-deid
grep -q "@" "$TMP/out" && grep -q "access: dua" "$TMP/out" && ok || fail "show prints citation and access"
"$CLINKIT" datasets search --lang zh --json > "$TMP/zh.json" && python3 -c "
import json,sys; d=json.load(open('$TMP/zh.json')); assert d and all('zh' in x['languages'] for x in d), d" \
    && ok || fail "search --lang zh --json gives only Chinese corpora"
"$CLINKIT" datasets search --task de-identification 2>/dev/null | grep -q i2b2-2014-deid && ok || fail "search --task"
"$CLINKIT" datasets search --access credentialed 2>/dev/null | grep -q mimic-iii && ok || fail "search --access"
"$CLINKIT" datasets show no-such-id >/dev/null 2>&1; [ $? -eq 1 ] && ok || fail "show unknown id exits 1"
"$CLINKIT" formats --json | python3 -c "
import json,sys; f={x['id']:x for x in json.load(sys.stdin)}; assert f['brat']['read'] and f['jsonl']['write']" \
    && ok || fail "formats --json lists brat and jsonl"

# convert / validate on the bundled samples; stdin/stdout for jsonl
expect "validate brat sample" "$CLINKIT" validate brat samples/brat-demo
expect "convert brat -> jsonl to stdout" "$CLINKIT" convert --from brat --to jsonl samples/brat-demo -
[ "$(wc -l < "$TMP/out")" -eq 3 ] && ok || fail "3 documents on stdout"
"$CLINKIT" convert -q --from jsonl --to jsonl - "$TMP/copy.jsonl" < samples/jsonl-demo/demo.jsonl \
    && [ "$(wc -l < "$TMP/copy.jsonl")" -eq 2 ] && ok || fail "jsonl from stdin"

# a mismatched span is reported, exit 1, and the text is not echoed
mkdir -p "$TMP/bad" && printf 'Patient Jane Roe\n' > "$TMP/bad/a.txt" && printf 'T1\tNAME 8 12\tJohn\n' > "$TMP/bad/a.ann"
"$CLINKIT" validate brat "$TMP/bad" >/dev/null 2>"$TMP/err"; rc=$?
[ $rc -eq 1 ] && grep -q "does not match" "$TMP/err" && ! grep -q "John\|Jane" "$TMP/err" && ok \
    || fail "validate reports mismatch without echoing text (rc=$rc)"
"$CLINKIT" validate --show-text brat "$TMP/bad" >/dev/null 2>"$TMP/err"
grep -q '"John"' "$TMP/err" && ok || fail "--show-text quotes the stored text"

# the main job
expect "samples (main job)" "$CLINKIT" samples samples --out "$TMP/samples-jsonl"

# MEDDOCAN: every span's text matches; BRAT -> JSONL -> BRAT is byte-identical
M="$SHARED/corpora/meddocan-train/brat"
if [ -d "$M" ]; then
    expect "meddocan validates" "$CLINKIT" validate --strict brat "$M"
    grep -q "^documents: *500" "$TMP/out" && grep -q "problems: *0 mismatched, 0 skipped" "$TMP/out" \
        && ok || fail "meddocan: 500 documents, no problems"
    "$CLINKIT" convert -q --from brat --to jsonl "$M" "$TMP/m.jsonl" &&
    "$CLINKIT" convert -q --from jsonl --to brat "$TMP/m.jsonl" "$TMP/m-brat" &&
    diff -r "$M" "$TMP/m-brat" >/dev/null && ok || fail "meddocan brat -> jsonl -> brat identical"
else
    echo "skip: $M not found" >&2
fi
