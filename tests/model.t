#!/bin/sh
# ftb-arch: host
# The model's pipeline (scripts/model_lib, docs/model.md) on fixed inputs:
# cutting one call out of N-vs-2N windows, llvm-mca's JSON, the scheduling
# model named from its resources, the x86 core from /proc/cpuinfo, the
# reference comparison's arithmetic; with llvm-19, llvm-mc and llvm-mca on
# fixed inputs (deterministic: exact cycles) and the models LLVM really
# uses for cortex-a72, cortex-a76 and apple-m1. Without llvm-19: one line.
set -u
dir=$(mktemp -d) || exit 2
trap 'rm -rf "$dir"' EXIT
fail=0
/usr/bin/python3 tests/model/check.py "$dir" || fail=1

# scripts/model without llvm-19: one line on stderr, non-zero.
mkdir -p "$dir/run/paths"
printf 'name,scenario,variant,params,repetition,pass,calls,backend,multiplexed,real_time_ns,emu-insns,error\n' \
	>"$dir/run/paths/samples.csv"
: >"$dir/run/paths/paths.txt"
FTB_LLVM_BIN=/nonexistent scripts/model show "$dir/run" >"$dir/out" 2>"$dir/err"
rc=$?
if [ "$rc" -ne 0 ] && [ "$(wc -l <"$dir/err")" -eq 1 ]; then
	echo "ok - scripts/model on a bad path run: rc=$rc, one line: $(cat "$dir/err")"
else
	echo "not ok - scripts/model on a bad path run: rc=$rc: $(cat "$dir/err")"
	fail=1
fi
scripts/model show >"$dir/out" 2>"$dir/err"
rc=$?
if [ "$rc" -eq 2 ]; then
	echo "ok - scripts/model show without a run: usage error, exit 2"
else
	echo "not ok - scripts/model show without a run: rc=$rc"
	fail=1
fi
exit $fail
