#!/bin/sh
# ftb-arch: host
# scripts/report on every kind of backend and on several runs at once:
# emulated counts (no cycles: no fit, no real time), a time backend, Arm
# event names (the fit finds its counters by role), runs side by side.
. tests/report/lib.sh

for kind in emu time arm; do
	gen $kind "$TMP/$kind"
	reports "$kind run: exit 0" "$TMP/$kind" --quiet
	check medians "$TMP/$kind/report" $kind
	check figures "$TMP/$kind/report" 1
	check width "$TMP/$kind/report"
done
s=$TMP/emu/report/summary.txt
expect "emu: the fit is refused with the reason" grep -q "not possible with this backend" "$s"
expect "emu: qemu time left out and said so" grep -q "real_time_ns left out" "$s"
expect "emu: figures state the emulated backend" grep -q "emulated model" "$TMP/emu/report/figures/gnuplot/ftrace-ops-overhead.png.gp"
expect "emu: reference table in instructions" grep -q "^emu-insns per call, overhead over the untraced 20.00:" "$s"
expect "emu: rank tests on instructions" grep -q "Mann-Whitney U (two-sided) on emu-insns" "$s"
s=$TMP/time/report/summary.txt
expect "time: backend named in the summary" grep -q "time only (tsc)" "$s"
expect "time: fit refused" grep -q "(time-tsc): no cycles counter" "$s"
expect "time: ticks reported" grep -q "^ticks per call:" "$s"
check fit "$TMP/arm/report"
expect "arm: fit uses the Arm event names" grep -q "CPU_CYCLES = a + b\*INST_RETIRED + c\*BR_MIS_PRED_RETIRED" "$TMP/arm/report/summary.txt"

# Several runs: the second is the first scaled by 2.
gen pmu "$TMP/a"
gen pmu "$TMP/b" --scale 2
if $REPORT "$TMP/a" "$TMP/b" --quiet 2>"$TMP/e"; then
	ok "two runs: exit 0"
else
	notok "two runs: exit 0" "$(cat "$TMP/e")"
fi
out=$TMP/compare-a+b
expect "two runs: default --out beside the first run" test -s "$out/summary.txt"
check runs "$out" 2
check figures "$out" 1
check width "$out"
expect "two runs: ratio figures" test -s "$out/figures/mpl/ratio-ftrace-ops-run2-run1.png"
expect "two runs: both runs' provenance" grep -q "^run2: $TMP/b" "$out/summary.txt"

# A PMU run against an emulated one: instructions line up by role.
$REPORT "$TMP/arm" "$TMP/emu" --out "$TMP/mixed" --quiet --no-matplotlib 2>/dev/null
expect "arm vs emu: aligned by counter role" grep -q "INST_RETIRED ~ emu-insns per call" "$TMP/mixed/summary.txt"
finish
