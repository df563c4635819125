#!/bin/sh
# eval_vectors.sh CLINKIT SHARED SET — run `clinkit eval ... --format official`
# on every case of ../shared/scorer-vectors/SET and compare with the
# official output byte for byte (cmp). Each case runs in a scratch folder
# where GOLD and SYSTEM are links to the case's gold/ and system/, as the
# case's command.txt assumes. Prints "PASS case" / "FAIL case" lines; exit 1
# if any case failed. Options the official command used (-v, --filter,
# --alias_file, ...) are taken from command.txt.
# i2b2-2012-temporal: the official script prints its per-file blocks in
# os.listdir order (not reproducible; clinkit prints them by name), so
# both outputs have their per-file blocks put in name order before cmp;
# the header, every block and the aggregated block must still be identical.
clinkit=$1; shared=$2; set=$3
dir=$shared/scorer-vectors/$set
[ -d "$dir" ] && dir=$(cd "$dir" && pwd)
[ -d "$dir" ] || exit 0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
# Per-file blocks ("***** NAME *****" up to the next banner) in name order;
# the text before the first and from the "Aggregated Scores:" banner stays.
sort_blocks() {
    awk '
    /^\*+ .* \*+$/ && $0 !~ /Aggregated Scores:/ { n++; key[n] = $2; body[n] = $0 "\n"; cur = n; next }
    /^\*+ Aggregated Scores: \*+$/ { cur = -1 }
    cur == 0 { head = head $0 "\n"; next }
    cur > 0 { body[cur] = body[cur] $0 "\n"; next }
    { tail = tail $0 "\n" }
    END {
        for (i = 2; i <= n; i++)
            for (k = i; k > 1 && key[k - 1] > key[k]; k--) {
                t = key[k]; key[k] = key[k - 1]; key[k - 1] = t
                t = body[k]; body[k] = body[k - 1]; body[k - 1] = t
            }
        printf "%s", head
        for (i = 1; i <= n; i++) printf "%s", body[i]
        printf "%s", tail
    }'
}
failed=0
for case in "$dir"/case-*; do
    [ -d "$case" ] || continue
    name=$(basename "$case")
    rm -rf "$tmp/w"; mkdir -p "$tmp/w"
    ln -s "$case/gold" "$tmp/w/GOLD"; ln -s "$case/system" "$tmp/w/SYSTEM"
    cmd=$(cat "$case/command.txt")
    extra=""
    case "$cmd" in *" -v "*|*" --verbose "*) extra="$extra -v";; esac
    case "$cmd" in *--conjunctive*) extra="$extra --conjunctive";; esac
    case "$cmd" in *--invert*) extra="$extra --invert";; esac
    filter=$(printf '%s' "$cmd" | sed -n 's/.*--filter[ =]\([^ ]*\).*/\1/p')
    [ -n "$filter" ] && extra="$extra --filter $filter"
    alias=$(printf '%s' "$cmd" | sed -n 's/.*--alias_file \([^ ]*\).*/\1/p')
    [ -n "$alias" ] && extra="$extra --alias-file $alias"
    case $set in
    conlleval) args="conll GOLD/test.txt SYSTEM/test.txt";;
    nbme-span-micro-f1) args="nbme GOLD SYSTEM";;
    cmeie-chip2020) args="cblue-cmeie GOLD/CMeIE_test.jsonl SYSTEM/CMeIE_test.jsonl";;
    i2b2-2014-phi) args="i2b2-2014-deid GOLD SYSTEM";;
    i2b2-2014-cr) args="i2b2-2014-rf GOLD SYSTEM";;
    n2c2-2018-track1) args="n2c2-2018-t1 GOLD SYSTEM";;
    n2c2-2018-track2) args="n2c2-2018-t2 GOLD SYSTEM";;
    semeval2015-task1) args="semeval-2015-t14 GOLD SYSTEM";;
    semeval2015-task2) # the official -t A / -t B (task 2A / 2B) give the same scores
        args="semeval-2015-t14 GOLD SYSTEM -t 2";;
    shareclef2013-taskA) args="share-clef-2013 GOLD SYSTEM -t A";;
    shareclef2013-taskB) args="share-clef-2013 GOLD SYSTEM -t B";;
    i2b2-2012-temporal)
        args="i2b2-2012 GOLD SYSTEM"
        case "$cmd" in *" -exact "*) args="$args -exact";; esac
        case "$cmd" in *" -partialCredit "*) args="$args -partialCredit";; esac;;
    anafora-thyme|anafora-thyme-closure)
        args="clinical-tempeval GOLD SYSTEM $(printf '%s' "$cmd" | sed 's/.*-p SYSTEM//')";;
    *) echo "unknown set $set" >&2; exit 2;;
    esac
    # shellcheck disable=SC2086
    (cd "$tmp/w" && "$clinkit" eval $args --format official $extra >"$tmp/out" 2>"$tmp/err")
    cp "$case/official.txt" "$tmp/want"
    if [ "$set" = i2b2-2012-temporal ]; then
        sort_blocks <"$tmp/out" >"$tmp/out.n"; mv "$tmp/out.n" "$tmp/out"
        sort_blocks <"$case/official.txt" >"$tmp/want"
    fi
    if cmp -s "$tmp/out" "$tmp/want"; then
        echo "PASS $set/$name"
    else
        echo "FAIL $set/$name"
        failed=1
        if [ -n "$EVAL_VECTORS_DIFF" ]; then
            diff "$tmp/want" "$tmp/out" | head -20; head -5 "$tmp/err"
        fi
    fi
done
exit $failed
