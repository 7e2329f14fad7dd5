#!/bin/sh
# ftb-arch: host
# scripts/report on unusual but valid run directories: scenarios without
# parameters, single repetitions, word-only parameters, an unknown backend,
# a run whose every configuration failed, no meta.json.
. tests/report/lib.sh

H=name,scenario,variant,params,repetition,pass,calls,backend,multiplexed,real_time_ns,odd-counter,error
mkrun() { # mkrun DIR BACKEND: results.json + meta-less run, rows on stdin
	mkdir -p "$1"
	{ echo "$H"; cat; } >"$1/samples.csv"
	printf '{"context": {"format_version": 1, "backend": "%s"}, "benchmarks": []}\n' "$2" >"$1/results.json"
}
mkrun "$TMP/odd" mystery <<'EOF2'
range/foo,range,foo,,0,0,1000,mystery,0,5.5,1,
range/bar,range,bar,,0,0,1000,mystery,0,7.5,2,
callback/foo/callback=trivial,callback,foo,callback=trivial,0,0,1000,mystery,0,3.0,,
callback/foo/callback=trivial,callback,foo,callback=trivial,1,0,1000,mystery,0,3.2,,
callback/foo/callback=ring,callback,foo,callback=ring,0,0,1000,mystery,0,9.0,,
threads/foo/threads=1,threads,foo,threads=1,0,0,1000,mystery,0,9.0,,
threads/foo/threads=2,threads,foo,threads=2,0,0,1000,mystery,0,9.5,,
threads/foo/threads=4,threads,foo,threads=4,0,0,1000,mystery,0,11.0,,
x/foo/a=1,x,foo,a=1,,,,failed,,,,boom
EOF2
if $REPORT "$TMP/odd" --quiet 2>"$TMP/e"; then ok "odd run: exit 0"; else notok "odd run: exit 0" "$(cat "$TMP/e")"; fi
s=$TMP/odd/report/summary.txt
expect "odd run: no-parameter scenario summarised" grep -Eq "^bar +1 +7.500 +\(n=1\) +1.36x$" "$s"
expect "odd run: unknown counter reported" grep -q "^odd-counter per call:" "$s"
expect "odd run: n=1 comparisons refused" grep -q "none testable: too few repetitions (n=1)" "$s"
expect "odd run: unknown backend named" grep -q "backend mystery" "$s"
expect "odd run: failure listed" grep -q "FAILED x/foo/a=1: boom" "$s"
expect "odd run: provenance unknown said" grep -q "provenance unknown" "$s"
expect "odd run: swept threads plotted" test -s "$TMP/odd/report/figures/gnuplot/threads-overhead.svg"
expect "odd run: a word parameter gets a categorical figure" test -s "$TMP/odd/report/figures/gnuplot/callback-overhead.svg"
expect "odd run: no figure for a scenario without parameters" sh -c "! ls '$TMP/odd/report/figures/gnuplot' | grep -q '^range-'"
check figures "$TMP/odd/report" 1
check width "$TMP/odd/report"

mkrun "$TMP/allfail" time-clock <<'EOF2'
x/foo/a=1,x,foo,a=1,,,,failed,,,,boom
EOF2
if $REPORT "$TMP/allfail" --quiet 2>"$TMP/e"; then ok "all configurations failed: exit 0"; else notok "all configurations failed: exit 0" "$(cat "$TMP/e")"; fi
expect "all failed: says so" grep -q "0 samples, 0 configurations, 1 failed" "$TMP/allfail/report/summary.txt"
expect "all failed: figure section says none" grep -q "^no figures" "$TMP/allfail/report/summary.txt"
finish
