#!/bin/sh
# ftb-arch: any
# The patching scenario's small points (issue 20). A register+unregister
# cycle has a fixed cost in the kernel (mprotect windows over the corpus
# text) that does not shrink with the sites, so a window of many cycles
# of one site outlasts a time slice: on a busy machine every such window
# was preempted, every sample flagged, and the sites=1 rows had no result,
# silently. FTBENCH_TEST_SLICE_NS makes the time backend flag exactly the
# windows longer than a slice (harness/timebk.c), whatever the load.
set -u
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
py=/usr/bin/python3

# 1. A 10 ms slice: every window of the old 1024 cycles (0.04-0.3 s) was
#    longer; the capped windows are a few milliseconds at most.
FTBENCH_TEST_SLICE_NS=10000000 $FTB_RUN "$FTB_BIN" run --scenarios patching \
	--quick --reps 5 --funcs 16 --pmu time --out "$tmp/slice" \
	>/dev/null 2>"$tmp/err"
rc=$?
sed 's/^/# /' "$tmp/err"
[ $rc -eq 0 ] && echo "ok - the run completes (exit 0)" ||
	echo "not ok - the run exited $rc"
$py - "$tmp/slice/results.json" <<'EOF'
import json, sys
rows = [b for b in json.load(open(sys.argv[1]))["benchmarks"]
        if b.get("aggregate_name") == "median"]
small = [b for b in rows if b["params"]["sites"] == 1]
empty = [b["name"] for b in small if b["real_time"] is None]
print("%s - all %d sites=1 rows have a result under a 10 ms slice%s"
      % ("not ok" if empty or len(small) != 7 else "ok", len(small),
         (": empty " + " ".join(empty)) if empty else ""))
EOF

# 2. A 1 ns slice flags every window: every row says why it is empty, in
#    results.json and as one line on stderr, and the run still succeeds.
FTBENCH_TEST_SLICE_NS=1 $FTB_RUN "$FTB_BIN" run --scenarios patching \
	--quick --reps 2 --funcs 16 --pmu time --out "$tmp/none" \
	>/dev/null 2>"$tmp/err"
rc=$?
[ $rc -eq 0 ] && echo "ok - a run without results still exits 0" ||
	echo "not ok - the run exited $rc"
n=$(grep -c '^ftbench: patching/[a-z]*/sites=1*6*/op=[a-z]*: no result: all 2 samples were flagged, the thread was switched out during a window; ' "$tmp/err")
[ "$n" = 14 ] && echo "ok - stderr names each of the 14 configurations and why" ||
	{ sed 's/^/# /' "$tmp/err"; echo "not ok - $n no-result lines on stderr, expected 14"; }
scripts/report "$tmp/none" --out "$tmp/none-report" >/dev/null 2>&1
n=$(grep -c '^  NO RESULT patching/[a-z]*/sites=1*6*/op=[a-z]*: no result: all 2' "$tmp/none-report/summary.txt")
[ "$n" = 14 ] && echo "ok - the report's overview lists the 14 configurations with no result" ||
	echo "not ok - $n NO RESULT lines in the report"
$py - "$tmp/none/results.json" <<'EOF'
import json, sys
rows = [b for b in json.load(open(sys.argv[1]))["benchmarks"]
        if b["run_type"] == "aggregate"]
silent = [b["name"] for b in rows
          if b["real_time"] is None and
          not b.get("no_result", "").startswith("no result: all 2 samples")]
print("%s - each of the %d empty aggregate rows states its reason%s"
      % ("not ok" if silent or len(rows) != 42 else "ok", len(rows),
         (": silent " + " ".join(silent)) if silent else ""))
EOF

# 3. The line over the sites sweep in results.json (harness/output_fit.c)
#    is the least-squares fit of every usable sample in samples.csv, for
#    the time and each counter, with its standard errors; the report
#    prints it as the patching table.
$py - "$tmp/slice" <<'EOF'
import csv, json, math, sys
import numpy as np
d = sys.argv[1]
fits = {}
for b in json.load(open(d + "/results.json"))["benchmarks"]:
    if "fit_over" in b:
        key = (b["variant"], b["params"]["op"])
        fits.setdefault(key, {})[b["aggregate_name"]] = b
groups = {}
for row in csv.DictReader(open(d + "/samples.csv")):
    if row["multiplexed"] != "0" or row["backend"] == "failed":
        continue
    op = dict(kv.split("=") for kv in row["params"].split(";"))
    groups.setdefault((row["variant"], op["op"]), []).append(
        (float(op["sites"]), float(row["real_time_ns"]), float(row["ticks"])))
bad = []
for key, pts in sorted(groups.items()):
    x = np.array([p[0] for p in pts])
    for col, name in ((1, "real_time"), (2, "ticks")):
        y = np.array([p[col] for p in pts])
        A = np.column_stack([np.ones_like(x), x])
        coef, rss, _, _ = np.linalg.lstsq(A, y, rcond=None)
        s2 = float(((y - A @ coef) ** 2).sum()) / (len(x) - 2)
        cov = s2 * np.linalg.inv(A.T @ A)
        want = {"fixed": coef[0], "fixed_se": math.sqrt(cov[0, 0]),
                "per_sites": coef[1], "per_sites_se": math.sqrt(cov[1, 1])}
        for stat, value in want.items():
            got = fits.get(key, {}).get(stat, {}).get(name)
            if got is None or abs(got - value) > 1e-6 * max(1, abs(value)):
                bad.append("%s/%s %s %s: %s, numpy %s" % (key + (stat, name, got, value)))
        if fits.get(key, {}).get("fixed", {}).get("iterations") != len(x):
            bad.append("%s/%s: iterations" % key)
print("%s - %d lines (time, ticks) match numpy's least squares over "
      "samples.csv%s" % ("not ok" if bad or len(groups) != 7 else "ok",
                         len(groups), (": " + "; ".join(bad[:3])) if bad else ""))
EOF
scripts/report "$tmp/slice" --out "$tmp/report" >/dev/null 2>&1
n=$(sed -n '/^patching: fixed cost and cost per unit of sites/,/^figures/p' \
	"$tmp/report/summary.txt" |
	grep -c '^[a-z]*  *op=[a-z]*  *real_time_ns  *[0-9]*  *-*[0-9.e+]* +- [0-9.e+]*  *-*[0-9.e+]* +- ')
[ "$n" = 7 ] && echo "ok - the report's patching table has the 7 lines with errors" ||
	{ sed 's/^/# /' "$tmp/report/summary.txt"; echo "not ok - $n lines in the report's patching table"; }
