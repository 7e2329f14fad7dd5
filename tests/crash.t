#!/bin/sh
# ftb-arch: any
# Crash consistency: SIGKILL the running `ftbench run` at 20 points spread
# over one run (the parent, the measuring child, the parent while it
# writes a sample row, the parent while it writes results.json), resume
# after each, and check that the run directory ends up holding exactly the
# samples of one uninterrupted run with the same options: every
# configuration and repetition once, in the same order, nothing torn,
# results.json and meta.json valid, every resume on record.
#
# The kill points are drawn from CRASH_SEED and placed by observable
# progress (rows in samples.csv, slots begun by the child, writes of
# results.json) through FTBENCH_TEST_KILL (harness/testkill.c); the kills
# themselves are real SIGKILLs, sent by this test or by the run to itself.
set -u
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
PY=/usr/bin/python3
seed=${CRASH_SEED:-17}
opts="--scenarios ftrace-ops,overlap --variants list,callops --reps 3 --calls 300 --pmu time --seed 5"
# No adaptive rounds (docs/method.md): the reference's samples are then
# exactly the base rounds' (tests/adaptive.t resumes adaptive rounds).
export FTBENCH_ADAPT_BUDGET=0
run="$tmp/run"

# The reference: the same options, never interrupted. Its samples are the
# total: (13 ftrace-ops + 5 overlap points) x 2 variants x 3 repetitions.
$FTB_RUN "$FTB_BIN" run $opts --quiet --out "$tmp/ref" >/dev/null 2>"$tmp/err" ||
	{ echo "not ok - reference run failed: $(head -c 300 "$tmp/err")"; exit 1; }
total=$(grep -c ',time-' "$tmp/ref/samples.csv")
[ "$total" -eq 108 ] ||
	{ echo "not ok - reference run holds $total samples, want 108"; exit 1; }

# 20 kill points: 7 parent kills at a row count, 4 torn rows at a row
# count, 6 child kills after a few slots, 3 results.json kills at the
# start of a session; row counts spread over the run, in increasing order.
$PY - "$seed" "$total" >"$tmp/plan" <<'EOF'
import random, sys
rng = random.Random(int(sys.argv[1]))
total = int(sys.argv[2])
kinds = ["parent"] * 7 + ["tear"] * 4 + ["child"] * 6 + ["json"] * 3
rng.shuffle(kinds)
# Room at the end for the child kills (at most 4 slots each) that may
# come after the last row kill.
rows = sorted(rng.sample(range(1, total - 6 * 4), 11))
for kind in kinds:
    if kind in ("parent", "tear"):
        print(kind, rows.pop(0))
    elif kind == "child":
        print(kind, rng.randint(0, 3))
    else:
        print(kind, 1)
EOF

state() { sed -n 's/^[0-9]* ([^)]*) \(.\).*/\1/p' "/proc/$1/stat" 2>/dev/null; }
children() { cat /proc/"$1"/task/*/children 2>/dev/null; }
rows() { $PY -c 'import sys; print(open(sys.argv[1], "rb").read().count(b"\n") - 1)' "$run/samples.csv" 2>/dev/null || echo 0; }
# wait_state PID: until PID is stopped (T) or gone; 60 s at most.
wait_stopped() {
	i=0
	while [ $i -lt 6000 ]; do
		s=$(state "$1")
		[ "$s" = T ] && return 0
		[ -z "$s" ] || [ "$s" = Z ] && return 1
		sleep 0.01
		i=$((i + 1))
	done
	return 1
}
# The child of PID that is stopped, waited for like wait_stopped.
stopped_child() {
	i=0
	while [ $i -lt 6000 ]; do
		for c in $(children "$1"); do
			[ "$(state "$c")" = T ] && { echo "$c"; return 0; }
		done
		[ -n "$(state "$1")" ] || return 1
		sleep 0.01
		i=$((i + 1))
	done
	return 1
}

kills=0 torn=0 tmpfiles=0 orphans=0 bad=0 session=0
while read -r kind n; do
	session=$((session + 1))
	if [ $session -eq 1 ]; then
		set -- $opts --out "$run"
	else
		set -- --resume "$run"
	fi
	case $kind in
	parent) point=stop:$n ;;
	*) point=$kind:$n ;;
	esac
	before=$(rows)
	FTBENCH_TEST_KILL=$point $FTB_RUN "$FTB_BIN" run "$@" --quiet \
		>/dev/null 2>"$tmp/err.$session" </dev/null &
	pid=$!
	case $kind in
	parent)
		if wait_stopped $pid; then
			kids=$(children $pid)
			kill -KILL $pid
			wait $pid 2>/dev/null
			rc=$?
			# The child dies with its parent (PR_SET_PDEATHSIG).
			for c in $kids; do
				i=0
				while [ -n "$(state "$c")" ] && [ "$(state "$c")" != Z ] && [ $i -lt 500 ]; do
					sleep 0.01
					i=$((i + 1))
				done
				[ -n "$(state "$c")" ] && [ "$(state "$c")" != Z ] && orphans=$((orphans + 1))
			done
		else
			wait $pid 2>/dev/null
			rc=$?
		fi
		;;
	child)
		if c=$(stopped_child $pid); then
			kill -KILL "$c"
		fi
		wait $pid 2>/dev/null
		rc=$?
		;;
	*)
		wait $pid 2>/dev/null
		rc=$?
		;;
	esac
	after=$(rows)
	last=$(tail -c 1 "$run/samples.csv" | od -An -c | tr -d ' ')
	if [ "$kind" = tear ]; then
		[ "$last" != '\n' ] && torn=$((torn + 1))
	fi
	if [ "$kind" = json ]; then
		ls -a "$run" | grep -q '^\.results\.json\..*\.tmp$' && tmpfiles=$((tmpfiles + 1))
	fi
	if [ $rc -eq 137 ]; then
		kills=$((kills + 1))
	else
		bad=$((bad + 1))
		echo "# session $session ($kind $n): exit $rc: $(head -c 200 "$tmp/err.$session")"
	fi
	echo "# session $session: $kind $n: rows $before -> $after, exit $rc"
done <"$tmp/plan"

$FTB_RUN "$FTB_BIN" run --resume "$run" --quiet >/dev/null 2>"$tmp/err.final"
rc=$?
[ $rc -eq 0 ] && [ $bad -eq 0 ] && [ $kills -eq 20 ] &&
	echo "ok - 20 kill points, each a SIGKILL (exit 137), then a clean resume" ||
	echo "not ok - kills: $kills of 20, $bad sessions not killed, final resume exit $rc: $(head -c 200 "$tmp/err.final")"
[ $torn -eq 4 ] &&
	echo "ok - the 4 kills while writing a row left a torn last line each time" ||
	echo "not ok - $torn of 4 torn-row kills left a torn line"
[ $tmpfiles -eq 3 ] &&
	echo "ok - the 3 kills while writing results.json left its temporary behind" ||
	echo "not ok - $tmpfiles of 3 results.json kills left a temporary"
[ $orphans -eq 0 ] &&
	echo "ok - no measuring child outlived its killed parent" ||
	echo "not ok - $orphans measuring children outlived their parent"

# The same run as the reference, sample for sample.
$PY - "$run" "$tmp/ref" "$total" <<'EOF'
import csv, json, os, sys
run, ref, total = sys.argv[1], sys.argv[2], int(sys.argv[3])

def ok(cond, name):
    print(("ok - " if cond else "not ok - ") + name)

def keys(d):
    raw = open(os.path.join(d, "samples.csv"), "rb").read()
    rows = list(csv.reader(raw.decode().splitlines()))
    return raw, rows[0], [(r[0], r[4], r[5]) for r in rows[1:]]

raw, head, got = keys(run)
_, ref_head, want = keys(ref)
ok(raw.endswith(b"\n") and b"\n\n" not in raw,
   "samples.csv: every line complete, none empty")
ok(head == ref_head, "samples.csv: the reference's header")
ok(len(got) == total and len(set(got)) == total,
   "samples.csv: %d rows, %d distinct (configuration, repetition, pass), "
   "want %d" % (len(got), len(set(got)), total))
ok(got == want, "samples.csv: the reference's samples in its order")
bad = [r for r in csv.reader(raw.decode().splitlines()[1:])
       if len(r) != len(head) or r[7] != "time-tsc" and not r[7].startswith("time-")]
ok(not bad, "samples.csv: every row a well formed time sample")

def bench(d):
    doc = json.load(open(os.path.join(d, "results.json")))
    it = sorted((b["name"], b["repetition_index"]) for b in doc["benchmarks"]
                if b.get("run_type") == "iteration")
    ag = sorted(b["name"] for b in doc["benchmarks"]
                if b.get("run_type") == "aggregate")
    err = [b for b in doc["benchmarks"] if b.get("error_occurred")]
    return it, ag, err

it, ag, err = bench(run)
rit, rag, _ = bench(ref)
ok(it == rit and len(set(it)) == total,
   "results.json: %d iteration rows, those of the reference" % len(it))
ok(ag == rag and not err,
   "results.json: the reference's %d aggregate rows, no failure" % len(ag))

meta = json.load(open(os.path.join(run, "meta.json")))
refm = json.load(open(os.path.join(ref, "meta.json")))
ok(("--out %s " % run) in meta["command_line"]
   and "--resume" not in meta["command_line"],
   "meta.json keeps the first command line")
ok(meta["options"] == refm["options"], "meta.json: the reference's options")
res = meta.get("resumes", [])
ok(len(res) == 20 and all(r["command_line"].endswith("--resume %s --quiet"
                                                      % run) for r in res)
   and all(r["date"] for r in res),
   "meta.json records the 20 resumes with date and command line (%d)"
   % len(res))
left = [f for f in os.listdir(run) if f.endswith(".tmp")]
ok(not left, "no temporary file left in the run directory")
EOF
