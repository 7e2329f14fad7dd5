#!/bin/sh
# ftb-arch: arm64
# The model end to end on this tree's arm64 build (docs/model.md):
# `scripts/model record` makes an emulated run and its path run; every
# configuration's recorded call is exactly its emu-insns long in both runs
# and starts at the layout's loop head; the report then carries the MODEL
# section, model.csv and the figure, or, without llvm-19, one note line
# and the rest of the report unchanged.
set -u
if ! command -v qemu-aarch64 >/dev/null 2>&1; then
	echo "ok - $(basename "$0") # SKIP qemu-aarch64 not installed (scripts/install-deps arm64)"
	exit 0
fi
for f in "$FTB_BIN" build/host/ftb-emu.so; do
	[ -e "$f" ] || { echo "not ok - $f missing (make ARCH=arm64 tests-build)"; exit 1; }
done
dir=$(mktemp -d) || exit 2
trap 'rm -rf "$dir"' EXIT
fail=0
run=$dir/run
if ! scripts/model record --arch arm64 --bin "$FTB_BIN" --variants callops \
	--calls 100 --reps 1 "$run" >"$dir/rec" 2>&1; then
	echo "not ok - scripts/model record failed: $(tail -n 3 "$dir/rec")"
	exit 1
fi
echo "ok - scripts/model record: $run and $run/paths"

/usr/bin/python3 - "$run" <<'PY' || fail=1
import csv, os, sys
sys.path.insert(0, "scripts")
from model_lib import pathrec
run = sys.argv[1]
calls = pathrec.read_path_run(os.path.join(run, "paths"))
with open(os.path.join(run, "samples.csv"), newline="") as handle:
    measured = {(r["variant"], r["params"]): float(r["emu-insns"])
                for r in csv.DictReader(handle)}
bad = [c.name for c in calls
       if measured.get((c.variant, c.params)) != len(c.insns)]
heads = {c.insns[0][0] for c in calls if c.params.endswith("body=empty")}
deltas = {c.delta for c in calls}
print("%sok - %d calls cut; each as long as the measuring run's emu-insns%s"
      % ("not " if bad else "", len(calls), (": " + ", ".join(bad)) if bad
         else ""))
print("%sok - body=empty calls all start at one loop head (%d head%s); "
      "harness parts equal (delta %s)" % (
          "" if len(heads) == 1 and deltas == {0} else "not ", len(heads),
          "" if len(heads) == 1 else "s", sorted(deltas)))
sys.exit(1 if bad or len(heads) != 1 or deltas != {0} else 0)
PY

# Without llvm-19: one note line, the rest of the report as usual.
if FTB_LLVM_BIN=/nonexistent scripts/report "$run" --out "$dir/r0" --quiet \
	--no-matplotlib 2>"$dir/err"; then
	n=$(grep -c 'model: llvm-mca-19 not found' "$dir/r0/summary.txt")
	if [ "$n" -eq 1 ] && ! grep -q '^MODEL' "$dir/r0/summary.txt" &&
		[ ! -e "$dir/r0/model.csv" ] && grep -q ftrace-ops "$dir/r0/summary.txt"; then
		echo "ok - report without llvm-19: one note line, no MODEL section, the rest written"
	else
		echo "not ok - report without llvm-19: $n note lines"
		fail=1
	fi
else
	echo "not ok - report without llvm-19 failed: $(cat "$dir/err")"
	fail=1
fi

if FTB_LLVM_BIN= /usr/bin/python3 -c 'import sys; sys.path.insert(0, "scripts")
from model_lib import llvm; llvm.find_tool("llvm-mca")' 2>/dev/null; then
	if scripts/report "$run" --out "$dir/r1" --quiet 2>"$dir/err"; then
		cols=$(head -n 1 "$dir/r1/model.csv" | tr , '\n' | grep -c '^model-cycles-')
		png=$(head -c 4 "$dir/r1/figures/model/model-cycles.png" | od -An -c | tr -d ' ')
		if grep -q '^MODEL: modelled cycles per traced call' "$dir/r1/summary.txt" &&
			[ "$cols" -eq 7 ] && [ "$png" = '211PNG' ]; then
			echo "ok - report with llvm-19: MODEL section, model.csv with $cols model-cycles columns, figure"
		else
			echo "not ok - report with llvm-19: cols=$cols png=$png"
			fail=1
		fi
	else
		echo "not ok - report with llvm-19 failed: $(cat "$dir/err")"
		fail=1
	fi
else
	echo "ok - report with llvm-19 # SKIP llvm-19 not installed (scripts/install-deps model)"
fi
exit $fail
