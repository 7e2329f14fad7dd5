#!/bin/sh
# ftb-arch: any
# Ctrl-C keeps every completed sample; --resume completes the run without
# measuring a sample twice.
set -u
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
args="--scenarios ftrace-ops --variants list,callops --quick --reps 3 --pmu time"
$FTB_RUN "$FTB_BIN" run $args --out "$tmp/run" >/dev/null 2>"$tmp/err1" &
pid=$!
# Interrupt once some samples are on disk.
i=0
while [ $i -lt 600 ]; do
	n=$(grep -c ',time-' "$tmp/run/samples.csv" 2>/dev/null)
	n=${n:-0}
	[ "$n" -ge 5 ] && break
	sleep 0.1
	i=$((i + 1))
done
kill -INT $pid
wait $pid
rc=$?
before=$(grep -c ',time-' "$tmp/run/samples.csv")
total=$((26 * 3)) # 13 ftrace-ops points (9 body=empty, 4 body=corpus) x 2 variants x 3 repetitions
echo "# interrupted with $before of $total samples on disk (exit $rc)"
[ "$before" -ge 5 ] && [ "$before" -lt $total ] &&
	echo "ok - the interrupted run kept its $before completed samples" ||
	echo "not ok - interrupted run holds $before samples"
grep -q '"benchmarks"' "$tmp/run/results.json" &&
	echo "ok - results.json was written at the interruption" ||
	echo "not ok - no results.json after the interruption"
$FTB_RUN "$FTB_BIN" run $args --resume "$tmp/run" >/dev/null 2>"$tmp/err2"
rc=$?
after=$(grep -c ',time-' "$tmp/run/samples.csv")
dups=$(cut -d, -f1,5,6 "$tmp/run/samples.csv" | sort | uniq -d | wc -l)
[ $rc -eq 0 ] && [ "$after" -eq $total ] && [ "$dups" -eq 0 ] &&
	echo "ok - --resume completed the run: $after samples, none twice" ||
	echo "not ok - resume: exit $rc, $after samples, $dups measured twice"
