# t_cblue.sh — every bundled CBLUE sample converts to itself byte for byte
# (cblue-X -> cblue-X) and through JSONL and back to the same model.
for t in cmeee:CMeEE cmeie:CMeIE chip-cdn:CHIP-CDN chip-ctc:CHIP-CTC chip-sts:CHIP-STS \
         chip-cdee:CHIP-CDEE kuake-qic:KUAKE-QIC kuake-qtr:KUAKE-QTR kuake-qqr:KUAKE-QQR \
         kuake-ir:KUAKE-IR imcs-v2:IMCS-V2; do
    id=${t%%:*}; dir=${t#*:}
    expect "cblue-$id sample converts" "$CLINKIT" convert --from cblue-$id --to cblue-$id \
        samples/cblue-$id/$dir "$TMP/cb-$id/$dir"
    # 53_schemas.json is not data: the writer does not produce it
    expect "cblue-$id sample is rewritten byte for byte" \
        diff -r -x 53_schemas.json samples/cblue-$id/$dir "$TMP/cb-$id/$dir"
    expect "cblue-$id via jsonl" "$CLINKIT" convert --from cblue-$id --to jsonl \
        samples/cblue-$id/$dir "$TMP/cb-$id.jsonl"
    expect "cblue-$id jsonl back" "$CLINKIT" convert --from jsonl --to cblue-$id \
        "$TMP/cb-$id.jsonl" "$TMP/cb2-$id/$dir"
    expect "cblue-$id through jsonl is byte-identical" \
        diff -r -x 53_schemas.json samples/cblue-$id/$dir "$TMP/cb2-$id/$dir"
done
expect "a single CMeEE file reads" "$CLINKIT" validate cblue-cmeee \
    samples/cblue-cmeee/CMeEE/CMeEE_dev.json
tar czf "$TMP/imcs.tar.gz" -C samples/cblue-imcs-v2 IMCS-V2
expect "a .tar.gz of a CBLUE folder converts" "$CLINKIT" convert --from cblue-imcs-v2 \
    --to cblue-imcs-v2 "$TMP/imcs.tar.gz" "$TMP/imcs-out"
expect "... byte for byte" diff -r samples/cblue-imcs-v2 "$TMP/imcs-out"
