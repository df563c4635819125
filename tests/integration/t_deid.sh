# t_deid.sh — `clinkit deid` end to end: modes, inputs (stdin, folders,
# JSONL, physionet-deid), keys, and that no PHI reaches stderr.
D="$TMP/deid"
mkdir -p "$D/in/sub"
printf 'Patient: Carmen Okafor  MRN: 4455667\nSeen by Dr. Lindqvist on 03/14/2019. Call (617) 555-0143.\nHistory of Parkinson disease; Foley in place.\n' > "$D/in/a.txt"
printf 'Dr. Lindqvist reviewed labs on 03/20/2019.\n' > "$D/in/sub/b.txt"

expect "deid redacts stdin to stdout" sh -c "'$CLINKIT' deid --quiet < '$D/in/a.txt' > '$D/r.txt'"
expect "redaction leaves clinical words and removes the PHI" sh -c "
  grep -q 'Parkinson disease; Foley' '$D/r.txt' && grep -q '\[\*\*DOCTOR\*\*\]' '$D/r.txt' &&
  ! grep -q -e Okafor -e Lindqvist -e 4455667 -e 555-0143 -e 03/14 '$D/r.txt'"
expect "a folder gives a folder with the same names" sh -c "
  '$CLINKIT' deid --quiet --mask '$D/in' '$D/out' && test -f '$D/out/a.txt' && test -f '$D/out/sub/b.txt' &&
  test \$(wc -c < '$D/out/a.txt') -eq \$(wc -c < '$D/in/a.txt')"
expect "a new key file is written and never shown" sh -c "
  '$CLINKIT' deid --new-key '$D/key' 2>'$D/kerr' && k=\$(cat '$D/key') &&
  ! grep -q \"\$k\" '$D/kerr' && ! '$CLINKIT' deid --new-key '$D/key' 2>/dev/null"
expect "the same key and patient give the same surrogates" sh -c "
  '$CLINKIT' deid --quiet --surrogate --key '$D/key' --patient p1 '$D/in' '$D/s1' &&
  '$CLINKIT' deid --quiet --surrogate --key '$D/key' --patient p1 '$D/in' '$D/s2' &&
  cmp '$D/s1/a.txt' '$D/s2/a.txt' && ! grep -q Lindqvist '$D/s1/a.txt' &&
  d=\$(sed -n 's/.*Dr\. \([A-Za-z]*\).*/\1/p' '$D/s1/sub/b.txt') && grep -q \"Dr. \$d\" '$D/s1/a.txt'"
expect "without a key, surrogates differ from run to run" sh -c "
  '$CLINKIT' deid --quiet --surrogate '$D/in/a.txt' > '$D/x1' && '$CLINKIT' deid --quiet --surrogate '$D/in/a.txt' > '$D/x2' &&
  ! cmp -s '$D/x1' '$D/x2'"
expect "audit writes BRAT standoff with i2b2 categories" sh -c "
  '$CLINKIT' deid --quiet --audit --to brat '$D/in' '$D/brat' && grep -q '	NAME ' '$D/brat/a.ann' &&
  grep -q '	DATE ' '$D/brat/sub/b.ann'"
expect "synthetic notes round-trip through physionet-deid" sh -c "
  '$CLINKIT' deid synth --quiet --seed 3 20 --to physionet-deid '$D/p.text' && test -s '$D/p.phrase' &&
  '$CLINKIT' convert --quiet --from physionet-deid --to physionet-deid '$D/p.text' '$D/q.text' &&
  cmp '$D/p.text' '$D/q.text' && cmp '$D/p.phrase' '$D/q.phrase'"
expect "physionet-deid in, surrogates out, patient key from the record header" sh -c "
  '$CLINKIT' deid --quiet --from physionet-deid --surrogate --key '$D/key' '$D/p.text' '$D/ps.text' &&
  grep -c START_OF_RECORD '$D/ps.text' | grep -q '^20\$'"
expect "the detector scores well on synthetic gold" sh -c "
  '$CLINKIT' deid synth --quiet --seed 4 40 '$D/g.jsonl' &&
  '$CLINKIT' deid --quiet --from jsonl --fresh --audit '$D/g.jsonl' '$D/s.jsonl' &&
  '$CLINKIT' deid score '$D/g.jsonl' '$D/s.jsonl' > '$D/score' &&
  awk '\$1==\"ALL\" && \$3 >= 0.95 {ok=1} END {exit !ok}' '$D/score'"
printf 'Mr. Zebulon Okafor\n\377bad\n' > "$D/bad.txt"
printf 'NOSUCHTYPE\t1\tall\tZebulon\n' > "$D/pat.tsv"
"$CLINKIT" deid --lexicon patterns="$D/pat.tsv" "$D/bad.txt" >/dev/null 2>"$D/err"
if [ $? -eq 1 ] && ! grep -q -e Zebulon -e Okafor "$D/err" && grep -q 'UTF-8' "$D/err"; then ok; else fail "errors name the problem but no PHI"; fi
"$CLINKIT" deid --no-such-flag >/dev/null 2>&1
if [ $? -eq 2 ]; then ok; else fail "deid: unknown option exits 2"; fi
