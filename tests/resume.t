#!/bin/sh
# ftb-arch: any
# Ctrl-C keeps every completed sample; --resume completes the run without
# measuring a sample twice.
set -u
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
# A zero budget for adaptive rounds (docs/method.md) keeps the counts
# exact: the base rounds only (tests/adaptive.t resumes adaptive rounds).
export FTBENCH_ADAPT_BUDGET=0
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

# kill_stopped PID: once PID has stopped itself (FTBENCH_TEST_KILL=stop:N,
# harness/testkill.c), SIGKILL it; 30 s at most.
kill_stopped() {
	i=0
	while [ $i -lt 3000 ] && [ "$(sed -n 's/^[0-9]* ([^)]*) \(.\).*/\1/p' /proc/"$1"/stat 2>/dev/null)" != T ]; do
		sleep 0.01
		i=$((i + 1))
	done
	kill -KILL "$1"
	wait "$1" 2>/dev/null
}

# The issue's case: the resumed run keeps the recorded options (scenarios,
# CPU, ...) and measures exactly what is missing; meta.json keeps the first
# command line and lists the resume.
PY=/usr/bin/python3
first="--scenarios ftrace-ops,ops-sweep --cpu 0 --pmu time --reps 2 --calls 500"
want=$(((70 + 35) * 2)) # ftrace-ops 70 and ops-sweep 35 configurations x 2
FTBENCH_TEST_KILL=stop:10 $FTB_RUN "$FTB_BIN" run $first --quiet --out "$tmp/opts" \
	>/dev/null 2>&1 </dev/null &
pid=$!
kill_stopped $pid
$FTB_RUN "$FTB_BIN" run --resume "$tmp/opts" >/dev/null 2>"$tmp/err3"
rc=$?
$PY - "$tmp/opts" "$want" "$rc" <<'PYEOF'
import csv, json, sys
d, want, rc = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rows = list(csv.reader(open(d + "/samples.csv")))[1:]
keys = {(r[0], r[4], r[5]) for r in rows}
scen = sorted({r[1] for r in rows})
meta = json.load(open(d + "/meta.json"))
def ok(c, n):
    print(("ok - " if c else "not ok - ") + n)
ok(rc == 0 and len(rows) == want and len(keys) == want,
   "resume measured exactly the missing samples of the recorded scenarios "
   "(%d rows, %d distinct, want %d, exit %d)" % (len(rows), len(keys), want, rc))
ok(scen == ["ftrace-ops", "ops-sweep"], "only the recorded scenarios: %s" % scen)
ok(meta["cpu"] == 0 and meta["options"]["cpu"] == 0 and
   all(r["cpu"] == 0 for r in meta["resumes"]),
   "the recorded CPU pin (--cpu 0) held in the resumed session")
ok("--scenarios ftrace-ops,ops-sweep" in meta["command_line"] and
   "--resume" not in meta["command_line"], "meta.json keeps the first command line")
ok(len(meta["resumes"]) == 1 and
   meta["resumes"][0]["command_line"].endswith("run --resume " + d) and
   meta["resumes"][0]["date"], "meta.json lists the resume: date, command line")
o = meta["options"]
ok((o["scenarios"], o["repetitions"], o["calls"], o["pmu"], o["seed"],
    o["quick"], o["isolate"], o["events"]) ==
   ("ftrace-ops,ops-sweep", 2, 500, "time", 1, 0, 1, "default"),
   "meta.json options: %s" % o)
PYEOF
# Options given again: agreeing ones are accepted, a conflicting one is
# one line and exit 2, and touches nothing.
cp "$tmp/opts/samples.csv" "$tmp/samples.before"
$FTB_RUN "$FTB_BIN" run --resume "$tmp/opts" --scenarios ops-sweep,ftrace-ops \
	--cpu 0 --reps 2 --calls 500 --pmu time --seed 1 --quiet >/dev/null 2>"$tmp/err4"
rc=$?
[ $rc -eq 0 ] && cmp -s "$tmp/opts/samples.csv" "$tmp/samples.before" &&
	echo "ok - agreeing options with --resume are accepted; nothing to measure" ||
	echo "not ok - agreeing options: exit $rc: $(head -c 300 "$tmp/err4")"
$FTB_RUN "$FTB_BIN" run --resume "$tmp/opts" --reps 3 >/dev/null 2>"$tmp/err5"
rc=$?
[ $rc -eq 2 ] && [ "$(wc -l <"$tmp/err5")" -eq 1 ] &&
	grep -q "^ftbench: --resume .*: --reps 3 differs from the run's repetitions = 2" "$tmp/err5" &&
	cmp -s "$tmp/opts/samples.csv" "$tmp/samples.before" &&
	echo "ok - a conflicting option with --resume: $(cat "$tmp/err5")" ||
	echo "not ok - conflicting option: exit $rc: $(head -c 300 "$tmp/err5")"

# make bench RESUME=dir, with and without the first call's make variables
# (native, normal build: make bench runs build/<arch>/ftbench).
host=$(uname -m | sed s/aarch64/arm64/)
if [ "$FTB_ARCH" != "$host" ] || [ "$FTB_BUILD" != "build/$FTB_ARCH" ]; then
	echo "ok - make bench RESUME # SKIP native normal build only"
	exit 0
fi
funcs=$("$FTB_BIN" info | sed -n 's/^corpus funcs=\([0-9]*\).*/\1/p')
for vars in "QUICK=1 SCENARIOS=callback,untraced VARIANTS=list,callops CPU=0" ""; do
	d="$tmp/mk$(echo "$vars" | wc -c)"
	FTBENCH_TEST_KILL=stop:3 "$FTB_BIN" run --quick --scenarios callback,untraced \
		--variants list,callops --cpu 0 --out "$d" --quiet >/dev/null 2>&1 </dev/null &
	pid=$!
	kill_stopped $pid
	make --no-print-directory bench RESUME="$d" CORPUS_FUNCS="$funcs" $vars \
		>"$tmp/mk.out" 2>&1 </dev/null
	rc=$?
	n=$(($(wc -l <"$d/samples.csv") - 1))
	[ $rc -eq 0 ] && [ "$n" -eq $(((4 + 4) * 3)) ] && [ -f "$d/report/summary.txt" ] &&
		echo "ok - make bench RESUME=dir ${vars:-(no variables)}: $n samples, report written" ||
		echo "not ok - make bench RESUME=dir $vars: exit $rc, $n samples: $(tail -n 3 "$tmp/mk.out")"
done
make --no-print-directory bench RESUME="$d" CORPUS_FUNCS="$funcs" REPS=7 >"$tmp/mk.out" 2>&1 </dev/null
rc=$?
grep -q "^ftbench: --resume .*: --reps 7 differs from the run's repetitions = 3" "$tmp/mk.out" && [ $rc -ne 0 ] &&
	echo "ok - make bench RESUME=dir REPS=7 is refused: the run has 3" ||
	echo "not ok - make bench RESUME=dir REPS=7: exit $rc: $(tail -n 3 "$tmp/mk.out")"
