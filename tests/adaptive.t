#!/bin/sh
# ftb-arch: host
# The paired, adaptive method end to end (docs/method.md): every traced
# configuration of a paired scenario has its untraced twin and a stop
# reason; with a zero budget no round is added after the base rounds and
# every row whose interval is wider than the target says "budget"; a run
# killed in its adaptive rounds resumes without losing a completed sample,
# with every configuration's repetitions contiguous and every pair's
# repetitions measured for its twin too. No timing is asserted: only what
# the run directory says against itself.
set -u
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
PY=/usr/bin/python3
opts="--scenarios ops-sweep --variants none,list,dyntramp --reps 3 --calls 500 --pmu time --seed 3"

FTBENCH_ADAPT_BUDGET=0 $FTB_RUN "$FTB_BIN" run $opts --quiet --out "$tmp/zero" \
	>/dev/null 2>"$tmp/err" ||
	echo "not ok - a run with a zero budget: $(head -c 300 "$tmp/err")"

# check.py DIR MODE: the invariants of a paired run (MODE zero: no extra
# rounds were allowed).
cat >"$tmp/check.py" <<'PYEOF'
import csv, json, sys
d, mode = sys.argv[1], sys.argv[2]
def ok(c, n):
    print(("ok - " if c else "not ok - ") + "%s: %s" % (mode, n))
rows = list(csv.reader(open(d + "/samples.csv")))[1:]
reps = {}
for r in rows:
    reps.setdefault(r[0], []).append(int(r[4]))
res = json.load(open(d + "/results.json"))
med = {b["run_name"]: b for b in res["benchmarks"]
       if b.get("aggregate_name") == "median"}
meta = json.load(open(d + "/meta.json"))
traced = [n for n in med if "/none/" not in n]
ok(traced and all(med[n].get("untraced_twin") ==
                  n.replace("/list/", "/none/").replace("/dyntramp/", "/none/")
                  for n in traced),
   "every traced configuration names none at its point as its twin")
ok(all(med[n]["stop"] == "untraced" for n in med if "/none/" in n),
   "the twins say untraced")
ok(all(med[n]["stop"] in ("target", "budget", "max") for n in traced),
   "every traced configuration has a stop reason")
ok(all(sorted(v) == list(range(len(v))) for v in reps.values()),
   "repetitions contiguous from 0, none twice")
twin_ok = all(set(reps[n]) <= set(reps[med[n]["untraced_twin"]])
              for n in traced)
ok(twin_ok, "every repetition of a pair was measured for its twin")
ok(all(med[n]["overhead_pairs"] <= med[n]["repetitions"] and
       med[n]["repetitions"] == len(reps[n]) for n in traced),
   "pairs at most the repetitions, repetitions as in samples.csv")
ok(meta.get("stops") == {n: med[n]["stop"] for n in traced},
   "meta.json stops: every traced configuration's reason, as results.json")
m = meta["method"]
ok(m["windows"] == 8 and m["target"] == 0.05 and m["target_relative"] == 0.005 and
   m["target_metric"] == "real_time" and m["max_repetitions"] == 3 * 8,
   "meta.json method: 8 windows, target 0.05 ns of real_time, 24 "
   "repetitions at most")
if mode == "zero":
    ok(all(len(v) == 3 for v in reps.values()),
       "no round after the base rounds")
    wide = [n for n in traced if med[n]["overhead_real_time_lo"] is None or
            (med[n]["overhead_real_time_hi"] -
             med[n]["overhead_real_time_lo"]) / 2 > 0.05]
    ok(all(med[n]["stop"] == "budget" for n in wide) and
       all(med[n]["stop"] == "target" for n in traced if n not in wide),
       "wider than the target: budget (%d rows), else target" % len(wide))
    ok(m["budget_s"] == 0, "meta.json records the budget, 0 s")
PYEOF
$PY "$tmp/check.py" "$tmp/zero" zero

# ftrace-ops has an all-zero point: each variant is paired with its own 0/0
# of the same body (x86_64's initialised site is not none's compiled one).
FTBENCH_ADAPT_BUDGET=0 $FTB_RUN "$FTB_BIN" run --scenarios ftrace-ops \
	--variants none,direct --reps 3 --calls 300 --pmu time --quiet \
	--out "$tmp/own" >/dev/null 2>"$tmp/err" ||
	echo "not ok - a ftrace-ops run: $(head -c 300 "$tmp/err")"
$PY - "$tmp/own" <<'PYEOF'
import json, sys
res = json.load(open(sys.argv[1] + "/results.json"))
med = {b["run_name"]: b for b in res["benchmarks"]
       if b.get("aggregate_name") == "median"}
def ok(c, n):
    print(("ok - " if c else "not ok - ") + "ftrace-ops: " + n)
def own_zero(name):
    head, rest = name.split("/relevant=")
    return head + "/relevant=0/irrelevant=0/body=" + rest.split("body=")[1]
zero = [n for n in med if "/relevant=0/irrelevant=0/" in n]
rest = [n for n in med if n not in zero]
ok(len(zero) == 4 and len(rest) == 14, "4 zero points, 14 others (%d, %d)"
   % (len(zero), len(rest)))
ok(all(med[n].get("untraced_twin") == own_zero(n) for n in rest),
   "every other point's twin is its variant's own 0/0 of its body")
ok(all(med[n]["stop"] == "untraced" and "untraced_twin" not in med[n]
       for n in zero), "the 0/0 points are twins, without a twin")
PYEOF

# Killed in the adaptive rounds (past the 42 base rows), then resumed.
FTBENCH_ADAPT_BUDGET=3 FTBENCH_TEST_KILL=stop:50 $FTB_RUN "$FTB_BIN" run $opts \
	--quiet --out "$tmp/run" >/dev/null 2>&1 </dev/null &
pid=$!
i=0
while [ $i -lt 3000 ] && kill -0 $pid 2>/dev/null &&
	[ "$(sed -n 's/^[0-9]* ([^)]*) \(.\).*/\1/p' /proc/$pid/stat 2>/dev/null)" != T ]; do
	sleep 0.01
	i=$((i + 1))
done
kill -KILL $pid 2>/dev/null
wait $pid 2>/dev/null
cp "$tmp/run/samples.csv" "$tmp/before.csv"
FTBENCH_ADAPT_BUDGET=3 $FTB_RUN "$FTB_BIN" run --resume "$tmp/run" >/dev/null 2>"$tmp/err2" &&
	echo "ok - the run resumed" ||
	echo "not ok - resume: $(head -c 300 "$tmp/err2")"
$PY - "$tmp/before.csv" "$tmp/run/samples.csv" <<'PYEOF'
import sys
before = open(sys.argv[1], "rb").read()
after = open(sys.argv[2], "rb").read()
whole = before[:before.rfind(b"\n") + 1]
print(("ok - " if after.startswith(whole) else "not ok - ") +
      "every completed row of the killed session kept, in order (%d rows)"
      % (whole.count(b"\n") - 1))
PYEOF
$PY "$tmp/check.py" "$tmp/run" resumed
