# t_medtxt.sh — the mednlp reader/writer on the real MedTxt-CR training
# files (../shared/corpora/medtxt-cr, CC BY 4.0), JA and EN: one document
# per <article>; the text at every entity's offsets (sliced by jq, in code
# points) equals the tagged text extracted from the XML by perl, in order;
# writing back gives the same bytes (cmp).
MT="$SHARED/corpora/medtxt-cr"
if [ ! -d "$MT" ] || ! command -v jq >/dev/null 2>&1; then
    echo "skip t_medtxt: $MT or jq absent"
else
    for lang in JA EN; do
        f="$MT/MedTxt-CR-$lang-training-v2.xml"
        [ -f "$f" ] || { fail "t_medtxt: $f missing"; continue; }
        expect "medtxt $lang: read and write back" "$CLINKIT" convert -q --strict --from mednlp --to mednlp "$f" "$TMP/back-$lang.xml"
        expect "medtxt $lang: written back byte for byte" cmp "$f" "$TMP/back-$lang.xml"
        "$CLINKIT" convert -q --strict --from mednlp --to jsonl "$f" "$TMP/mt-$lang.jsonl" 2>/dev/null
        # tagged texts in file order, entities decoded, newlines shown as \n
        perl -0777 -ne '
            while (/<article\b.*?<\/article>/sg) {
                my $a = $&;
                while ($a =~ /<(d|a|f|c|timex3|t-test|t-key|t-val|m-key|m-val|r|cc|p)(?:\s[^>]*)?>(.*?)<\/\1>/sg) {
                    my $t = $2; $t =~ s/&lt;/</g; $t =~ s/&gt;/>/g; $t =~ s/&quot;/"/g; $t =~ s/&amp;/&/g;
                    $t =~ s/\n/\\n/g; print "$t\n";
                }
            }' "$f" > "$TMP/tags-$lang.txt"
        jq -r '. as $d | .entities[] | $d.text[.offsets[0][0]:.offsets[0][1]] | gsub("\n"; "\\n")' \
            "$TMP/mt-$lang.jsonl" > "$TMP/spans-$lang.txt"
        expect "medtxt $lang: every tag is a span whose text is the tagged text" cmp "$TMP/tags-$lang.txt" "$TMP/spans-$lang.txt"
        arts=$(grep -c '<article ' "$f"); docs=$(wc -l < "$TMP/mt-$lang.jsonl")
        [ "$arts" = "$docs" ] && ok || fail "medtxt $lang: $docs documents for $arts articles"
        echo "medtxt-cr $lang: $docs documents, $(wc -l < "$TMP/tags-$lang.txt") tags, written back identical"
    done
fi
