#!/bin/sh
# ftb-arch: any
# --quiet hides progress, never the fallback: when the PMU cannot be used
# the one line naming the cause (docs/pmu.md) is still on stderr. And
# meta.json's method records M and the warm-up the samples were taken with
# (they were 0). Where a PMU works the fallback check is skipped.
set -u
PY=/usr/bin/python3
dir=$(mktemp -d) || exit 2
trap 'rm -rf "$dir"' EXIT INT TERM
$FTB_RUN "$FTB_BIN" run --quiet --scenarios callback --variants list --reps 2 \
	--out "$dir/q" >"$dir/q.out" 2>"$dir/q.err"
rc=$?
[ $rc -eq 0 ] && echo "ok - a --quiet run" || echo "not ok - a --quiet run (exit $rc)"
backend=$($PY -c 'import json,sys; print(json.load(open(sys.argv[1]))["backend"])' "$dir/q/meta.json")
case $backend in
pmu*) echo "ok - --quiet keeps the fallback line # SKIP the PMU works here ($backend)" ;;
*)
	if [ "$(wc -l <"$dir/q.err")" -eq 1 ] &&
		grep -q '^ftbench: no PMU counters: .*fix: .*measuring time with time-' "$dir/q.err"; then
		echo "ok - --quiet keeps the one fallback line: $(cat "$dir/q.err")"
	else
		echo "not ok - --quiet keeps the one fallback line, got: $(cat "$dir/q.err")"
	fi
	;;
esac
$FTB_RUN "$FTB_BIN" run --quiet --pmu time --scenarios callback --variants list \
	--reps 1 --calls 600 --out "$dir/c" >/dev/null 2>&1
for d in q c; do
	$PY - "$dir/$d" <<'PYEOF'
import csv, json, sys
d = sys.argv[1]
m = json.load(open(d + "/meta.json"))["method"]
calls = {int(r["calls"]) for r in csv.DictReader(open(d + "/samples.csv"))}
ok = len(calls) == 1 and m["calls"] == min(calls) and m["warmup"] == min(calls) // 4
print(("ok" if ok else "not ok") +
      " - meta.json method calls %s warmup %s: the samples' M %s"
      % (m["calls"], m["warmup"], sorted(calls)))
PYEOF
done
