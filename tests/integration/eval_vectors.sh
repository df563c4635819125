#!/bin/sh
# eval_vectors.sh CLINKIT SHARED SET — run `clinkit eval ... --format official`
# on every case of ../shared/scorer-vectors/SET and compare with the
# official output byte for byte (cmp). Each case runs in a scratch folder
# where GOLD and SYSTEM are links to the case's gold/ and system/, as the
# case's command.txt assumes. Prints "PASS case" / "FAIL case" lines; exit 1
# if any case failed. Options the official command used (-v, --filter,
# --alias_file, ...) are taken from command.txt.
clinkit=$1; shared=$2; set=$3
dir=$shared/scorer-vectors/$set
[ -d "$dir" ] && dir=$(cd "$dir" && pwd)
[ -d "$dir" ] || exit 0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
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
    anafora-thyme|anafora-thyme-closure)
        args="clinical-tempeval GOLD SYSTEM $(printf '%s' "$cmd" | sed 's/.*-p SYSTEM//')";;
    *) echo "unknown set $set" >&2; exit 2;;
    esac
    # shellcheck disable=SC2086
    (cd "$tmp/w" && "$clinkit" eval $args --format official $extra >"$tmp/out" 2>"$tmp/err")
    if cmp -s "$tmp/out" "$case/official.txt"; then
        echo "PASS $set/$name"
    else
        echo "FAIL $set/$name"
        failed=1
        if [ -n "$EVAL_VECTORS_DIFF" ]; then
            diff "$case/official.txt" "$tmp/out" | head -20; head -5 "$tmp/err"
        fi
    fi
done
exit $failed
