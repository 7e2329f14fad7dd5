#!/bin/sh
# ftb-arch: host
# The figures' structure, not their pixels (tests/report/figcheck.py):
# titles that are questions, axis scales, every design in its fixed
# colour in both renderers, the CALL_OPS cover letter's points in the
# ftrace-ops figure, the kernel's own line, the explanatory panels under
# emu, the cache marks in footprint, small multiples for several runs.
. tests/report/lib.sh
sanitizer_pass "figure structure"
fig() { $PY tests/report/figcheck.py "$@" || fails=$((fails + 1)); }

for kind in pmu emu time; do
	gen $kind "$TMP/$kind"
	reports "$kind: report exits 0" "$TMP/$kind" --quiet
	fig titles "$TMP/$kind/report" "$TMP/$kind"
	fig colours "$TMP/$kind/report"
	fig legend "$TMP/$kind/report"
	fig reference "$TMP/$kind/report"
	fig unit "$TMP/$kind" $kind
	fig kernel "$TMP/$kind" $kind
done
fig scales "$TMP/pmu" pmu
fig explain "$TMP/emu"
fig marks "$TMP/pmu/report" "$TMP/pmu"

# Several runs: a board beside the VM, as small multiples.
gen pmu "$TMP/b" --scale 2
fig multiples "$TMP/pmu" "$TMP/b"
$REPORT "$TMP/pmu" "$TMP/b" --out "$TMP/two" --quiet 2>/dev/null
expect "two runs: small multiples written by both renderers" test -s "$TMP/two/figures/mpl/compare-ftrace-ops-overhead.png" -a -s "$TMP/two/figures/gnuplot/compare-ftrace-ops-overhead.svg"
fig titles "$TMP/two" "$TMP/pmu" "$TMP/b"
fig colours "$TMP/two"

# A design of no known name gets a spare colour, the same in every figure.
s=$TMP/pmu/report/figures/mpl/zz-custom-cost.svg
expect "an unknown design is drawn (spare colour)" grep -q 'id="line:zzz"' "$s"
finish
