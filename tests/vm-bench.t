#!/bin/sh
# ftb-arch: arm64
# make bench ARCH=arm64 VM=1: the study inside the arm64 Linux guest with
# the PMU backend, leaving a normal run directory (plus console.log) that
# scripts/report reads; the events QEMU's PMU lacks are a warning in the
# report, not zeros in it (docs/vm.md).
set -u
PY=/usr/bin/python3
dir=$(mktemp -d) || exit 2
trap 'rm -rf "$dir"' EXIT INT TERM
make --no-print-directory bench ARCH=arm64 VM=1 QUICK=1 SCENARIOS=ftrace-ops \
	VARIANTS=list,callops BENCH_DIR="$dir/run" >"$dir/out" 2>&1
rc=$?
if [ $rc -eq 0 ]; then echo "ok - make bench ARCH=arm64 VM=1"; else
	echo "not ok - make bench ARCH=arm64 VM=1 (exit $rc)"
	tail -n 20 "$dir/out" | sed 's/^/# /'
fi
for f in meta.json samples.csv results.json console.log report/summary.txt; do
	[ -s "$dir/run/$f" ] && echo "ok - run directory has $f" ||
		echo "not ok - run directory has $f"
done
$PY - "$dir/run" <<'PYEOF'
import csv, json, sys
d = sys.argv[1]
m = json.load(open(d + "/meta.json"))
rows = list(csv.DictReader(open(d + "/samples.csv")))
print(("ok" if m["backend"] == "pmu-user" and m["host"] == "ftbench-vm"
       and rows and all(r["backend"] == "pmu-user" for r in rows)
       else "not ok") + " - measured in the guest through the PMU (%s, %d samples)"
      % (m["backend"], len(rows)))
s = open(d + "/report/summary.txt").read()
print(("ok" if "unimplemented-event" in s and "BR_RETIRED" not in rows[0]
       else "not ok") + " - the report warns of the unimplemented events")
PYEOF
