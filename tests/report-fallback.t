#!/bin/sh
# ftb-arch: host
# scripts/report degrades honestly: without matplotlib it still writes the
# text and the gnuplot figures and says how to install what is missing;
# without gnuplot it says so; another python3 first on PATH does not matter.
. tests/report/lib.sh

gen pmu "$TMP/run"

# matplotlib hidden through the environment variable the code honours.
if FTB_REPORT_NO_MATPLOTLIB=1 $REPORT "$TMP/run" --out "$TMP/nompl" --quiet 2>"$TMP/e"; then
	ok "no matplotlib: exit 0"
else
	notok "no matplotlib: exit 0" "$(cat "$TMP/e")"
fi
expect "no matplotlib: summary written" test -s "$TMP/nompl/summary.txt"
expect "no matplotlib: says what is missing" grep -q "matplotlib hidden by FTB_REPORT_NO_MATPLOTLIB" "$TMP/nompl/summary.txt"
expect "no matplotlib: gives the apt-get line" grep -q "apt-get install python3-matplotlib" "$TMP/nompl/summary.txt"
expect "no matplotlib: main preview still there" grep -q "^main figure preview:" "$TMP/nompl/summary.txt"
check figures "$TMP/nompl" 0
check medians "$TMP/nompl" pmu

# The same through the command-line flag, over an earlier full report:
# the old matplotlib figures must not linger unlinked.
$REPORT "$TMP/run" --out "$TMP/flag" --quiet 2>/dev/null
$REPORT "$TMP/run" --out "$TMP/flag" --quiet --no-matplotlib 2>/dev/null
expect "--no-matplotlib: gnuplot figures only" test -s "$TMP/flag/figures/gnuplot/ftrace-ops-overhead.png"
expect "--no-matplotlib: no matplotlib figures left" sh -c "! ls '$TMP/flag/figures/mpl' | grep -q png"
check figures "$TMP/flag" 0

# A python3 without numpy/scipy first on PATH (like pyenv's here).
mkdir -p "$TMP/bin"
printf '#!/bin/sh\necho "fake python3 without numpy" >&2\nexit 1\n' >"$TMP/bin/python3"
chmod +x "$TMP/bin/python3"
if PATH="$TMP/bin:$PATH" FTB_PYTHON="$TMP/bin/python3" $REPORT "$TMP/run" --out "$TMP/path" --quiet 2>"$TMP/e"; then
	ok "a broken python3 first on PATH and in FTB_PYTHON is skipped"
else
	notok "a broken python3 first on PATH and in FTB_PYTHON is skipped" "$(cat "$TMP/e")"
fi
expect "   ... and the interpreter found has matplotlib" test -s "$TMP/path/figures/mpl/ftrace-ops-overhead.png"

# gnuplot missing: PATH without it (the wrapper only needs dirname).
mkdir -p "$TMP/nognu"
ln -s "$(command -v dirname)" "$TMP/nognu/dirname"
if [ -x /usr/bin/python3 ]; then
	if PATH="$TMP/nognu" /bin/sh $REPORT "$TMP/run" --out "$TMP/ng" --quiet 2>"$TMP/e"; then
		ok "no gnuplot: exit 0"
	else
		notok "no gnuplot: exit 0" "$(cat "$TMP/e")"
	fi
	expect "no gnuplot: says so with the apt-get line" grep -q "gnuplot is missing (apt-get install gnuplot-nox)" "$TMP/ng/summary.txt"
	expect "no gnuplot: matplotlib figures still made" test -s "$TMP/ng/figures/mpl/ftrace-ops-overhead.svg"
else
	ok "no gnuplot # SKIP no /usr/bin/python3"
fi
finish
