# t_eval.sh — `clinkit eval`: every official scorer vector in
# ../shared/scorer-vectors must be reproduced byte for byte under
# --format official (skipped when ../shared is absent), plus the CLI's own
# behaviour (usage errors, table and JSON output).
if [ -d "$SHARED/scorer-vectors" ]; then
    for set in conlleval nbme-span-micro-f1 cmeie-chip2020 i2b2-2014-phi i2b2-2014-cr \
               n2c2-2018-track1 n2c2-2018-track2 shareclef2013-taskA shareclef2013-taskB \
               anafora-thyme anafora-thyme-closure semeval2015-task1 semeval2015-task2 \
               i2b2-2012-temporal \
               ; do
        [ -d "$SHARED/scorer-vectors/$set" ] || continue
        if sh tests/integration/eval_vectors.sh "$CLINKIT" "$SHARED" "$set" >"$TMP/vec" 2>&1; then
            ok
        else
            fail "eval reproduces every $set vector"
            grep FAIL "$TMP/vec" | sed 's/^/    /' >&2
        fi
    done
fi

# usage: unknown task and missing arguments exit 2
"$CLINKIT" eval no-such-task a b >/dev/null 2>&1; [ $? -eq 2 ] && ok || fail "eval: unknown task exits 2"
"$CLINKIT" eval conll a >/dev/null 2>&1; [ $? -eq 2 ] && ok || fail "eval: missing SYSTEM exits 2"
"$CLINKIT" eval conll a b --filter X >/dev/null 2>&1; [ $? -eq 2 ] && ok || fail "eval: option the task does not take exits 2"

# conll: table and JSON on a tiny invented BIO pair
printf 'Aspirin B-DRUG\ngiven O\ndaily O\n\nfever B-PROBLEM\nresolved O\n' >"$TMP/g.txt"
printf 'B-DRUG\nO\nO\n\nO\nO\n' >"$TMP/s.txt"
expect "eval conll prints a table" "$CLINKIT" eval conll "$TMP/g.txt" "$TMP/s.txt"
grep -q '^overall .* 0.5000' "$TMP/out" && ok || fail "eval conll table: overall recall 0.5"
expect "eval conll --json" "$CLINKIT" eval conll "$TMP/g.txt" "$TMP/s.txt" --json
grep -q '"label": "DRUG", "gold": 1, "system": 1, "correct": 1, "precision": 1.0' "$TMP/out" && ok ||
    fail "eval conll --json: DRUG row"

# i2b2-2014-deid: gold as i2b2 XML, system as BRAT (--system-format) -> same tags, all 1.0
mkdir -p "$TMP/dg" "$TMP/ds"
printf '%s\n' '<?xml version="1.0" encoding="UTF-8" ?>' '<deIdi2b2>' \
    '<TEXT><![CDATA[Seen by Dr. Zoë Park on 03/04.]]></TEXT>' '<TAGS>' \
    '<NAME id="P0" start="12" end="20" text="Zoë Park" TYPE="DOCTOR" comment="" />' \
    '<DATE id="P1" start="24" end="29" text="03/04" TYPE="DATE" comment="" />' \
    '</TAGS>' '</deIdi2b2>' >"$TMP/dg/100-01.xml"
printf 'Seen by Dr. Zoë Park on 03/04.' >"$TMP/ds/100-01.txt"
printf 'T1\tNAME 12 20\tZoë Park\nA1\tTYPE T1 DOCTOR\nT2\tDATE 24 29\t03/04\nA2\tTYPE T2 DATE\n' >"$TMP/ds/100-01.ann"
expect "eval i2b2-2014-deid reads a BRAT system" "$CLINKIT" eval i2b2-2014-deid "$TMP/dg" "$TMP/ds" \
    --system-format brat --format official
grep -q '^Strict (1) ' "$TMP/out" && grep -A2 '^Strict (1) ' "$TMP/out" | grep -q 'Precision      1.0 (0.0)      1.0 ' &&
    ok || fail "eval i2b2-2014-deid: BRAT system equal to the XML gold scores 1.0"

# real files (MEDDOCAN, ../shared/corpora): XML against itself scores 1.0 everywhere; the BRAT
# release against the XML agrees on every offset (Binary Strict 1.0) although its entity types
# are the fine MEDDOCAN types where the XML has tag name + TYPE
m=$SHARED/corpora/meddocan-train
if [ -d "$m/xml" ] && [ -d "$m/brat" ]; then
    expect "eval i2b2-2014-deid on MEDDOCAN XML" "$CLINKIT" eval i2b2-2014-deid "$m/xml" "$m/xml" --json
    grep -q '"label": "Strict", "docs": 500, "tp": 11333, "fp": 0, "fn": 0' "$TMP/out" && ok ||
        fail "eval i2b2-2014-deid: MEDDOCAN XML against itself"
    expect "eval i2b2-2014-deid MEDDOCAN XML vs BRAT" "$CLINKIT" eval i2b2-2014-deid "$m/xml" "$m/brat" \
        --system-format brat --json
    grep -q '"label": "Binary Strict", "docs": 500, "tp": 11333, "fp": 0, "fn": 0' "$TMP/out" && ok ||
        fail "eval i2b2-2014-deid: MEDDOCAN BRAT offsets equal the XML's"
fi

# conll raw mode (conlleval -r -o N): every non-outside tag is a one-word chunk
printf 'a X\nb X\nc N\n' >"$TMP/rg.txt"; printf 'X\nN\nN\n' >"$TMP/rs.txt"
expect "eval conll --opt raw=1" "$CLINKIT" eval conll "$TMP/rg.txt" "$TMP/rs.txt" --opt raw=1 --opt outside=N --format official
grep -q '^processed 3 tokens with 2 phrases; found: 1 phrases; correct: 1.$' "$TMP/out" && ok || fail "eval conll raw: 2 gold chunks, 1 found"

# archives: GOLD as .tar.gz and SYSTEM as .zip give the same bytes as the folders
v=$SHARED/scorer-vectors/n2c2-2018-track2/case-003
if [ -d "$v" ] && command -v zip >/dev/null 2>&1; then
    tar czf "$TMP/g.tgz" -C "$v/gold" . && (cd "$v/system" && zip -q -r "$TMP/s.zip" .)
    "$CLINKIT" eval n2c2-2018-t2 "$TMP/g.tgz" "$TMP/s.zip" --format official >"$TMP/out" 2>"$TMP/err" &&
        cmp -s "$TMP/out" "$v/official.txt" && ok || fail "eval n2c2-2018-t2 reads .tar.gz and .zip"
fi

# cblue-cls on the CBLUE reader's labels: the bundled KUAKE-QQR sample against a copy with
# one label changed (s1: 1 -> 0): accuracy 2/3
q=samples/cblue-kuake-qqr/KUAKE-QQR/KUAKE-QQR_train.json
if [ -f "$q" ]; then
    sed '0,/"label": "1"/s//"label": "0"/' "$q" >"$TMP/qqr.json"
    expect "eval cblue-cls" "$CLINKIT" eval cblue-cls "$q" "$TMP/qqr.json" --gold-format cblue-kuake-qqr --json
    grep -q '"label": "all", "gold": 3, "correct": 2, "accuracy": 0.6666666666666666' "$TMP/out" && ok ||
        fail "eval cblue-cls: accuracy 2/3"
fi

# -v in the clean table: a per-document section after the summary
expect "eval i2b2-2014-deid -v table" "$CLINKIT" eval i2b2-2014-deid "$TMP/dg" "$TMP/ds" --system-format brat -v
grep -q '^Strict: per document$' "$TMP/out" && grep -q '^100-01 ' "$TMP/out" && ok ||
    fail "eval i2b2-2014-deid -v: per-document rows in the table"

# i2b2-2012: an invented gold/system pair. EVENT 2/2 matched (one system tag shifted),
# TIMEX3 val PT48H = P2D, TLINK A BEFORE C verified through the gold closure
mkdir -p "$TMP/tg" "$TMP/ts"
t12() { # FILE TAGS...
    f=$1; shift
    printf '%s\n' '<?xml version="1.0" encoding="UTF-8" ?>' '<ClinicalNarrativeTemporalAnnotation>' \
        '<TEXT><![CDATA[' 'Zoë was admitted , intubated for 48 hours and extubated .' ']]></TEXT>' '<TAGS>' \
        "$@" '</TAGS>' '</ClinicalNarrativeTemporalAnnotation>' >"$f"
}
ev() { echo "<EVENT id=\"$1\" start=\"$2\" end=\"$3\" text=\"$4\" modality=\"FACTUAL\" polarity=\"POS\" type=\"OCCURRENCE\" />"; }
tl() { echo "<TLINK id=\"L$1$2\" fromID=\"$1\" fromText=\"x\" toID=\"$2\" toText=\"y\" type=\"$3\" />"; }
t12 "$TMP/tg/1.xml" "$(ev E0 9 17 admitted)" "$(ev E1 20 29 intubated)" "$(ev E2 43 52 extubated)" \
    '<TIMEX3 id="T0" start="34" end="42" text="48 hours" type="DURATION" val="PT48H" mod="NA" />' \
    "$(tl E0 E1 BEFORE)" "$(tl E1 E2 BEFORE)"
t12 "$TMP/ts/1.xml" "$(ev A 9 17 admitted)" "$(ev B 19 29 'intubated')" "$(ev C 43 52 extubated)" \
    '<TIMEX3 id="X" start="34" end="42" text="48 hours" type="DURATION" val="P2D" mod="NA" />' \
    "$(tl A C BEFORE)"
expect "eval i2b2-2012 table" "$CLINKIT" eval i2b2-2012 "$TMP/tg" "$TMP/ts"
grep -q '^TLINK  *2  *1  *1.0000  *0.0000 ' "$TMP/out" && grep -q '^TIMEX3 val  *1  *1  *1.0000$' "$TMP/out" &&
    ok || fail "eval i2b2-2012 table: TLINK P 1 R 0, val PT48H = P2D"
expect "eval i2b2-2012 official -exact" "$CLINKIT" eval i2b2-2012 "$TMP/tg" "$TMP/ts" -exact --format official
grep -q '^Span match method: exact$' "$TMP/out" && grep -q '^\*\{19\} 1.xml \*\{20\}$' "$TMP/out" && ok ||
    fail "eval i2b2-2012 official: header and centred file banner"
expect "eval i2b2-2012 --json -v" "$CLINKIT" eval i2b2-2012 "$TMP/tg" "$TMP/ts" --json -v
grep -q '"label": "1.xml EVENT", "gold": 3, "system": 3, "precision": 1.0' "$TMP/out" && ok ||
    fail "eval i2b2-2012 --json -v: per-document rows"
cp "$TMP/ts/1.xml" "$TMP/sys-one.xml"
expect "eval i2b2-2012 on two single files" "$CLINKIT" eval i2b2-2012 "$TMP/tg/1.xml" "$TMP/sys-one.xml" --format official
grep -q '^\*\{19\} 1.xml \*\{20\}$' "$TMP/out" && ok || fail "eval i2b2-2012: a gold file and a system file of another name"
"$CLINKIT" eval i2b2-2012 "$TMP/tg" "$TMP/ts" -exact -partialCredit >/dev/null 2>&1
[ $? -eq 2 ] && ok || fail "eval i2b2-2012: -exact with -partialCredit is a usage error"
# bad input: a missing attribute is reported with file:line and without the note text;
# a gold file without its system file, and different file counts, are errors (exit 1)
cp "$TMP/ts/1.xml" "$TMP/ts/2.xml"
"$CLINKIT" eval i2b2-2012 "$TMP/tg" "$TMP/ts" >/dev/null 2>"$TMP/err"
[ $? -eq 1 ] && grep -q '1 .xml files and SYSTEM 2' "$TMP/err" && ok || fail "eval i2b2-2012: different file counts"
rm "$TMP/ts/1.xml"
"$CLINKIT" eval i2b2-2012 "$TMP/tg" "$TMP/ts" >/dev/null 2>"$TMP/err"
[ $? -eq 1 ] && grep -q "no system file '1.xml'" "$TMP/err" && ok || fail "eval i2b2-2012: missing system file"
mv "$TMP/ts/2.xml" "$TMP/ts/1.xml"
sed -i 's/ modality="FACTUAL"//' "$TMP/ts/1.xml"
"$CLINKIT" eval i2b2-2012 "$TMP/tg" "$TMP/ts" >/dev/null 2>"$TMP/err"
[ $? -eq 1 ] && grep -q '1.xml:8.*modality' "$TMP/err" && ! grep -q 'admitted' "$TMP/err" && ok ||
    fail "eval i2b2-2012: missing attribute at file:line, no text echoed"

# semeval-2015-t14 -t 2 without any true positive: the official script dies in the per-slot
# division (exit 255, report cut after its header); clinkit prints the same bytes, explains
# on stderr and exits 1; --fixed scores the slots 0 and exits 0. -t 3 is a usage error.
v=$SHARED/scorer-vectors/semeval2015-task2/case-011
if [ -d "$v" ]; then
    "$CLINKIT" eval semeval-2015-t14 "$v/gold" "$v/system" -t 2 --format official >"$TMP/out" 2>"$TMP/err"
    [ $? -eq 1 ] && cmp -s "$TMP/out" "$v/official.txt" && grep -q 'Illegal division by zero' "$TMP/err" &&
        ok || fail "eval semeval-2015-t14 -t 2: no TP cuts the report, explains, exits 1"
    expect "eval semeval-2015-t14 -t 2 --fixed" "$CLINKIT" eval semeval-2015-t14 "$v/gold" "$v/system" -t 2 --fixed --format official
    grep -q '^Uncertainty:	0.000 $' "$TMP/out" && ok || fail "eval semeval-2015-t14 -t 2 --fixed: every slot 0"
    "$CLINKIT" eval semeval-2015-t14 "$v/gold" "$v/system" -t 3 >/dev/null 2>&1
    [ $? -eq 2 ] && ok || fail "eval semeval-2015-t14 -t 3 exits 2"
fi
