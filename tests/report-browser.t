#!/bin/sh
# ftb-arch: host
# report.html renders in a real browser: headless Chromium (Debian's
# chromium) opens it, every image loads, and nothing is logged as an error
# (tests/report/browser.py reads the page's console, exceptions and failed
# loads through the DevTools protocol). A broken page must be caught, so
# the checker is first shown one.
. tests/report/lib.sh
sanitizer_pass "report.html in Chromium"
if ! command -v chromium >/dev/null 2>&1; then
	ok "report.html in Chromium # SKIP chromium not installed (scripts/install-deps)"
	finish
fi
br() { $PY tests/report/browser.py "$@"; }

mkdir -p "$TMP/bad"
cat >"$TMP/bad/page.html" <<'EOF2'
<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>bad</title></head>
<body><img src="missing.png" alt="x"><script>console.error("boom"); undefined_call();</script></body></html>
EOF2
br "$TMP/bad/page.html" >"$TMP/bad.json" 2>"$TMP/e"
rc=$?
if [ $rc -eq 1 ] && grep -q '"missing.png"' "$TMP/bad.json" &&
	grep -q 'console.error: boom' "$TMP/bad.json" &&
	grep -q 'exception: ReferenceError' "$TMP/bad.json"; then
	ok "the checker sees a broken image, a console error and an exception"
else
	notok "the checker sees a broken image, a console error and an exception" "rc=$rc $(cat "$TMP/bad.json" "$TMP/e")"
fi

for kind in pmu emu; do
	gen $kind "$TMP/$kind"
	$REPORT "$TMP/$kind" --quiet 2>/dev/null
	page=$TMP/$kind/report/report.html
	want=$(grep -c "<img " "$page")
	if br "$page" --expect-images "$want" >"$TMP/$kind.json" 2>"$TMP/e"; then
		ok "$kind: report.html in Chromium: $want images loaded, no console error"
	else
		notok "$kind: report.html in Chromium: $want images loaded, no console error" "$(cat "$TMP/$kind.json" "$TMP/e")"
	fi
done
# Without matplotlib the page shows gnuplot's images instead.
$REPORT "$TMP/pmu" --out "$TMP/nompl" --quiet --no-matplotlib 2>/dev/null
want=$(grep -c "<img " "$TMP/nompl/report.html")
if [ "$want" -gt 0 ] && br "$TMP/nompl/report.html" --expect-images "$want" >"$TMP/n.json" 2>"$TMP/e"; then
	ok "no matplotlib: report.html shows gnuplot's $want images"
else
	notok "no matplotlib: report.html shows gnuplot's images" "$(cat "$TMP/n.json" "$TMP/e")"
fi
finish
