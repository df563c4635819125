# t_i2b2tok.sh — the i2b2 line:token formats (2009, 2010, 2011) and the
# 2019 .norm format through `clinkit convert`: to BRAT and JSONL and back,
# the line:token positions recomputed from code-point offsets, giving the
# same files as writing the format directly.
for pair in i2b2-2009-medication:i2b2-2009-medication i2b2-2010:i2b2-2010-relations \
            i2b2-2011-coref:i2b2-2011-coref n2c2-2019-norm:n2c2-2019-t3-mcn; do
    f=${pair%%:*}; s=samples/${pair#*:}; o=$TMP/tok-$f
    expect "$f: reads strictly" "$CLINKIT" convert -q --strict --from "$f" --to "$f" "$s" "$o/direct"
    expect "$f -> brat" "$CLINKIT" convert -q --from "$f" --to brat "$s" "$o/brat"
    expect "brat -> $f" "$CLINKIT" convert -q --from brat --to "$f" "$o/brat" "$o/via-brat"
    expect "$f -> jsonl" "$CLINKIT" convert -q --from "$f" --to jsonl "$s" "$o/doc.jsonl"
    expect "jsonl -> $f" "$CLINKIT" convert -q --from jsonl --to "$f" "$o/doc.jsonl" "$o/via-jsonl"
    expect "$f: via brat = direct" diff -r "$o/direct" "$o/via-brat"
    expect "$f: via jsonl = direct" diff -r "$o/direct" "$o/via-jsonl"
    expect "$f: written files read back the same" "$CLINKIT" convert -q --strict --from "$f" --to jsonl "$o/direct" "$o/again.jsonl"
    expect "$f: jsonl of the sample = jsonl of the rewrite" cmp "$o/doc.jsonl" "$o/again.jsonl"
done
# the .norm files survive BRAT byte for byte (N lines keep the line ids)
expect "n2c2-2019-norm: sample -> brat -> norm = sample" diff -r samples/n2c2-2019-t3-mcn "$TMP/tok-n2c2-2019-norm/via-brat"
expect "i2b2-2010: .con via brat = sample .con" diff "samples/i2b2-2010-relations/concept_assertion_relation_training_data/beth/concept/record-901.con" \
    "$TMP/tok-i2b2-2010/via-brat/concept_assertion_relation_training_data/beth/concept/record-901.con"
