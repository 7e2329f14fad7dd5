#!/bin/sh
# ftb-arch: host
# scripts/report golden tests on synthetic run directories whose medians,
# CIs, test decisions and fit coefficients are known in advance
# (tests/report/gen.py, checked by tests/report/check.py).
. tests/report/lib.sh

gen pmu "$TMP/pmu"
if $REPORT "$TMP/pmu" >"$TMP/stdout" 2>"$TMP/stderr"; then
	ok "report on a PMU run exits 0"
else
	notok "report on a PMU run exits 0" "$(cat "$TMP/stderr")"
fi
out=$TMP/pmu/report
expect "default --out is RUN_DIR/report" test -s "$out/summary.txt"
expect "summary on stdout equals summary.txt" cmp -s "$TMP/stdout" "$out/summary.txt"
for f in report.md report.html stats.csv comparisons.csv fits.csv; do
	expect "$f written" test -s "$out/$f"
done
check medians "$out" pmu
check fit "$out"
check decisions "$out"
check figures "$out" 1
check width "$out"

# The DESIGN.md section 2 table: rows relevant / irrelevant, columns
# variants, overhead over the untraced 0/0 point (4 ns, 10 cycles here).
expect "ftrace-ops table present" grep -q "^ftrace-ops (the DESIGN.md section 2 table)" "$out/summary.txt"
expect "ftrace-ops table: overhead over untraced time" grep -q "^ns per call, overhead over the untraced 4.000:" "$out/summary.txt"
expect "ftrace-ops table: cycles beside time" grep -q "^cycles per call, overhead over the untraced 10.00:" "$out/summary.txt"
expect "ftrace-ops table: row shape" grep -Eq "^1 / 100 +528.2 +5.120 +5.440 +- +9.120$" "$out/summary.txt"
expect "ftrace-ops table: mispredicts beside" grep -q "^branch-misses per call, overhead" "$out/summary.txt"
# The multiplexed outlier (999999 ns) is left out, and said so.
expect "multiplexed samples left out and reported" grep -q "1 failed, 1 flagged multiplexed (left out)" "$out/summary.txt"
expect "failed configuration reported" grep -q "FAILED ops-sweep/callops/ops=128: child killed by SIGSEGV" "$out/summary.txt"
expect "knees found where generated" grep -q "footprint list order=seq, cycles: funcs=1024" "$out/summary.txt"
expect "main figure preview in the summary" grep -q "^main figure preview:" "$out/summary.txt"
expect "unknown scenario and variant reported" grep -q "^zz-custom: medians" "$out/summary.txt"
expect "default baseline: variant measured at most points" grep -q "baseline: ftrace-ops list" "$out/summary.txt"

# Reproducible: the same data and seed give the same bytes.
$REPORT "$TMP/pmu" --out "$TMP/again" --quiet 2>/dev/null
expect "same seed, same summary" cmp -s "$out/summary.txt" "$TMP/again/summary.txt"
expect "same seed, same stats.csv" cmp -s "$out/stats.csv" "$TMP/again/stats.csv"

# --include-multiplexed brings the outlier back: n becomes 10.
$REPORT "$TMP/pmu" --out "$TMP/mpx" --quiet --no-matplotlib --include-multiplexed 2>/dev/null
expect "--include-multiplexed uses the extra sample" grep -q "^pmu,ftrace-ops,none,relevant=0;irrelevant=0,real_time_ns,10," "$TMP/mpx/stats.csv"

# --baseline overrides; ratios of the baseline to itself are 1.
$REPORT "$TMP/pmu" --out "$TMP/base" --quiet --no-matplotlib --baseline callops 2>/dev/null
if awk -F, '{ sub(/\r$/, "") }
	$3 == "callops" && $10 != "callops" { bad = 1 }
	$3 == "callops" && $11 != "" && $11 + 0 != 1 { bad = 1 }
	END { exit bad }' "$TMP/base/stats.csv"; then
	ok "--baseline callops: ratios to callops, callops itself 1.0"
else
	notok "--baseline callops: ratios to callops, callops itself 1.0"
fi

# Too few repetitions: no claim.
gen pmu "$TMP/few" --reps 3
$REPORT "$TMP/few" --quiet --no-matplotlib 2>/dev/null
check fewreps "$TMP/few/report" 3
finish
