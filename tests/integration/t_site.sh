# t_site.sh — `clinkit site` and `clinkit view` from the command line (the
# pages themselves are tested in a real browser by tests/browser/run.sh).

expect "site writes index, data, assets and a page per data set" \
    "$CLINKIT" site "$TMP/site"
n=$("$CLINKIT" datasets list | tail -n +2 | wc -l)
pages=$(ls "$TMP/site/ds" 2>/dev/null | wc -l)
if [ "$pages" -eq "$n" ] && [ -s "$TMP/site/index.html" ] && [ -s "$TMP/site/data.js" ] &&
   [ -s "$TMP/site/style.css" ] && [ -s "$TMP/site/site.js" ]; then ok; else
    fail "site: $pages pages for $n data sets"; fi
if grep -q 'clinkit validate i2b2-2014-deid PATH' "$TMP/site/ds/i2b2-2014-deid.html"; then ok; else
    fail "site: the i2b2-2014-deid page shows its validate command"; fi
if grep -Eq '(src|href)="(https?:)?//' "$TMP/site/index.html"; then
    fail "site: the index loads nothing from the network"; else ok; fi

expect "site --help" "$CLINKIT" site --help
if "$CLINKIT" site >/dev/null 2>&1; then fail "site without OUTDIR is a usage error"
else [ $? -eq 2 ] && ok || fail "site without OUTDIR exits 2"; fi

mkdir -p "$TMP/vbrat"
printf 'Pain <script>alert(1)</script> \360\237\230\200 \346\202\243\350\200\205.\n' > "$TMP/vbrat/a.txt"
printf 'T1\tSymptom 0 4\tPain\nT2\tPerson 38 40\t\346\202\243\350\200\205\n' > "$TMP/vbrat/a.ann"
expect "view writes one HTML file" "$CLINKIT" view brat "$TMP/vbrat" -o "$TMP/view.html"
if [ "$(grep -c '</script>' "$TMP/view.html")" -eq 3 ] && ! grep -q '<script>alert' "$TMP/view.html"; then ok
else fail "view: document text cannot open or close a script block"; fi
if grep -q 'data use agreement' "$TMP/view.html"; then ok; else fail "view: PHI / DUA banner"; fi
if "$CLINKIT" view brat "$TMP/vbrat" | cmp -s - "$TMP/view.html"; then ok; else
    fail "view writes the same page to stdout without -o"; fi
if "$CLINKIT" view no-such-format "$TMP/vbrat" >/dev/null 2>&1; then fail "view: unknown format"
else [ $? -eq 2 ] && ok || fail "view: unknown format exits 2"; fi
if "$CLINKIT" view brat "$TMP/nonexistent" -o "$TMP/v2.html" 2>/dev/null; then
    fail "view: a missing corpus is an error"; else [ ! -e "$TMP/v2.html" ] && ok || fail "view: no page left for a missing corpus"; fi
