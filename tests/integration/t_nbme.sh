# t_nbme.sh — the nbme format through the CLI: the sample folder, the same
# files zipped, a round trip with a submission file, option errors.
expect "nbme sample validates" "$CLINKIT" validate -q nbme samples/nbme
rm -rf "$TMP/nbme-out"
"$CLINKIT" convert -q --from nbme --to nbme --out-opt submission=1 samples/nbme "$TMP/nbme-out" \
    && cmp -s samples/nbme/train.csv "$TMP/nbme-out/train.csv" \
    && cmp -s samples/nbme/patient_notes.csv "$TMP/nbme-out/patient_notes.csv" \
    && cmp -s samples/nbme/features.csv "$TMP/nbme-out/features.csv" \
    && grep -q '^00016_004,34 51;34 40;56 59$' "$TMP/nbme-out/submission.csv" \
    && ok || fail "nbme round trip gives identical train/notes/features and a submission"
(cd samples/nbme && python3 -c "
import zipfile,sys
with zipfile.ZipFile(sys.argv[1],'w') as z:
    for f in ['patient_notes.csv','features.csv','train.csv']: z.write(f, 'nbme-data/'+f)" "$TMP/nbme.zip")
"$CLINKIT" convert -q --from nbme --to jsonl "$TMP/nbme.zip" "$TMP/z.jsonl" \
    && "$CLINKIT" convert -q --from nbme --to jsonl samples/nbme "$TMP/f.jsonl" \
    && cmp -s "$TMP/z.jsonl" "$TMP/f.jsonl" && ok || fail "nbme: a zip of the files reads like the folder"
"$CLINKIT" convert --from nbme --to jsonl --opt fix-typo=1 samples/nbme "$TMP/x.jsonl" >/dev/null 2>&1
[ $? -eq 2 ] && ok || fail "nbme: unknown option exits 2"
