# t_eval.sh — `clinkit eval`: every official scorer vector in
# ../shared/scorer-vectors must be reproduced byte for byte under
# --format official (skipped when ../shared is absent), plus the CLI's own
# behaviour (usage errors, table and JSON output).
if [ -d "$SHARED/scorer-vectors" ]; then
    for set in conlleval nbme-span-micro-f1 cmeie-chip2020 shareclef2013-taskA shareclef2013-taskB \
               anafora-thyme anafora-thyme-closure semeval2015-task1 \
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
