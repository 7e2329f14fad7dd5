#!/bin/sh
# ftb-arch: x86_64
# The ftb-emu plugin under qemu-x86_64 (docs/emu.md, "x86-64"): exact
# counts of the x86 kernels of tests/emu/kernels-x86_64.S, one region each,
# the counters x86 does not report left out of the line, and the same
# predictor checks as tests/emu.t (each with a contrasting case that must
# miss).
set -u
. tests/emu/lib.sh
K=$FTB_BUILD/emu/emu-kernels
emu_setup "$K" qemu-x86_64
out=$dir/emu.out

run empty 0
expect "empty region" 1 insns=0 branches=0 paired=1 seq=0
if grep -q ' loads=\| stores=\| br-cbz' "$out"; then
	echo "not ok - x86 line carries counters x86 does not decode: $(cat "$out")"
	fail=1
else
	echo "ok - x86 line has no loads, stores or br-cbz keys"
fi
common_counts

run periodic 20
atleast "periodic, first (cold) region mispredicts" 1 mispred-cond 1
expect "periodic, region 20 (warm): 0 mispredicts" '$' insns=37 branches=16 \
	br-cond-taken=11 br-cond-not-taken=5 mispred=0
run random 2000
expect "random: 2000 JNC + 2000 JNE" 1 branches=4000
atleast "random: many mispredicts" 1 mispred-cond 800
common_predictor
exit $fail
