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

# clinical-tempeval --overlap and --per-document on invented Anafora folders; counts by hand:
# A: gold g1 0-5 BEFORE, g2 10-20 AFTER, g3 30-35 OVERLAP; system 2-8 BEFORE, 12-14 BEFORE,
#    15-18 AFTER, 40-45 OVERLAP. Exact: no span equal. Overlap: |ref| 3 < |pred| 4, so ref is
#    walked: g1 ~ 2-8, g2 ~ 15-18 (12-14 has the wrong DocTimeRel), g3 none: EVENT 3 4 2.
# B: gold 0-5, 7-12; system 4-8, 0-5, 7-12 (all X). 4-8 overlaps both others and comes first:
#    they are dropped from the system set: EVENT 2 1 1 (exact: 2 3 2).
# Overall with --overlap: EVENT 5 5 3, P = R = F1 = 0.600.
ana() { f=$1; shift; mkdir -p "$(dirname "$f")"
    { printf '%s\n' '<?xml version="1.0" encoding="UTF-8"?>' '<data>' '<annotations>' "$@"
      printf '%s\n' '</annotations>' '</data>'; } >"$f"; }
aev() { echo "<entity><id>$1</id><span>$2</span><type>EVENT</type><properties><DocTimeRel>$3</DocTimeRel></properties></entity>"; }
ag=$TMP/ana-g; as=$TMP/ana-s
ana "$ag/A/A.gold.xml" "$(aev g1 0,5 BEFORE)" "$(aev g2 10,20 AFTER)" "$(aev g3 30,35 OVERLAP)"
ana "$as/A/A.sys.xml" "$(aev s1 2,8 BEFORE)" "$(aev s2 12,14 BEFORE)" "$(aev s3 15,18 AFTER)" "$(aev s4 40,45 OVERLAP)"
ana "$ag/B/B.gold.xml" "$(aev a 0,5 X)" "$(aev b 7,12 X)"
ana "$as/B/B.sys.xml" "$(aev u1 4,8 X)" "$(aev u2 0,5 X)" "$(aev u3 7,12 X)"
expect "eval clinical-tempeval official" "$CLINKIT" eval clinical-tempeval "$ag" "$as" --format official
grep -q "^EVENT  *	5    	7    	2    	0.286	0.400	0.333$" "$TMP/out" && ok ||
    fail "eval clinical-tempeval: exact EVENT 5 7 2"
expect "eval clinical-tempeval --overlap" "$CLINKIT" eval clinical-tempeval "$ag" "$as" --overlap --format official
grep -q "^EVENT  *	5    	5    	3    	0.600	0.600	0.600$" "$TMP/out" &&
    grep -q "^EVENT:DocTimeRel:BEFORE  *	1    	2    	1    	0.500	1.000	0.667$" "$TMP/out" && ok ||
    fail "eval clinical-tempeval --overlap: EVENT 5 5 3, BEFORE 1 2 1"
expect "eval clinical-tempeval --overlap --per-document" "$CLINKIT" eval clinical-tempeval "$ag" "$as" \
    --overlap --per-document --format official -i EVENT
# per document: "NAME:", the table, an empty line; no overall table
[ "$(grep -c '^EVENT  ' "$TMP/out")" = 2 ] && [ "$(sed -n 1p "$TMP/out")" = "A:" ] &&
    sed -n 2p "$TMP/out" | grep -q '^ \{40\}	 ref 	pred 	corr 	  P  	  R  	 F1  $' &&
    grep -q "^EVENT  *	3    	4    	2    	0.500	0.667	0.571$" "$TMP/out" &&
    grep -q "^EVENT  *	2    	1    	1    	1.000	0.500	0.667$" "$TMP/out" &&
    [ "$(sed -n '/^B:$/,$p' "$TMP/out" | tail -1)" = "" ] && ok ||
    fail "eval clinical-tempeval --per-document: A 3 4 2, B 2 1 1, blocks only"
expect "eval clinical-tempeval --per-document table" "$CLINKIT" eval clinical-tempeval "$ag" "$as" --per-document -i EVENT
grep -q '^document A$' "$TMP/out" && grep -q '^document B$' "$TMP/out" && grep -q '^views$' "$TMP/out" &&
    grep -q '^EVENT  *5  *7  *2  *2  *0.2857' "$TMP/out" && ok ||
    fail "eval clinical-tempeval --per-document table: document sections, then the overall one"
expect "eval clinical-tempeval --per-document --json" "$CLINKIT" eval clinical-tempeval "$ag" "$as" --per-document --overlap --json
grep -q '"name": "document B", "rows": \[{"label": "\*", "ref": 2, "pred": 1, "corr_p": 1' "$TMP/out" &&
    grep -q '"name": "views (overlapping spans match)", "rows": \[{"label": "\*", "ref": 5, "pred": 5, "corr_p": 3' "$TMP/out" &&
    ok || fail "eval clinical-tempeval --per-document --json"
"$CLINKIT" eval clinical-tempeval "$ag" "$as" --overlap --temporal-closure >/dev/null 2>"$TMP/err"
[ $? -eq 2 ] && grep -q 'cannot be combined' "$TMP/err" && ok ||
    fail "eval clinical-tempeval: --overlap with --temporal-closure exits 2"
"$CLINKIT" eval clinical-tempeval --help >"$TMP/out" 2>&1
grep -q -- '--overlap ' "$TMP/out" && grep -q -- '--per-document ' "$TMP/out" && ok ||
    fail "eval clinical-tempeval --help lists --overlap and --per-document"
# the recorded vectors: per-document blocks add up to the overall counts
v=$SHARED/scorer-vectors/anafora-thyme/case-011
if [ -d "$v" ]; then
    "$CLINKIT" eval clinical-tempeval "$v/gold" "$v/system" --format official >"$TMP/all" 2>/dev/null
    "$CLINKIT" eval clinical-tempeval "$v/gold" "$v/system" --format official --per-document >"$TMP/out" 2>/dev/null
    ana_all=$(awk -F'\t' '$1 ~ /^\* / { print $2 + 0, $3 + 0, $4 + 0 }' "$TMP/all")
    ana_sum=$(awk -F'\t' '$1 ~ /^\* / { r += $2; p += $3; c += $4; n++ } END { print r, p, c, n }' "$TMP/out")
    [ "$ana_sum" = "$ana_all 2" ] && ok ||
        fail "eval clinical-tempeval --per-document: case-011's 2 documents add up ($ana_sum vs $ana_all)"
fi
