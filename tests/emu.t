#!/bin/sh
# ftb-arch: arm64
# The ftb-emu plugin (docs/emu.md): exact counts of the hand-written kernels
# of tests/emu/kernels.S, one region each, and predictor sanity checks that
# cannot pass by accident (each has a contrasting case that must miss).
set -u
. tests/emu/lib.sh
K=$FTB_BUILD/emu/emu-kernels
emu_setup "$K" qemu-aarch64
out=$dir/emu.out

# Exact path lengths and branch classes.
run empty 0
expect "empty region" 1 insns=0 branches=0 loads=0 stores=0 paired=1 seq=0
common_counts
run cbz 8
expect "CBZ/CBNZ/TBZ/TBNZ" 1 insns=6 branches=6 br-cbz=6 br-cbz-taken=3 \
	br-cbz-not-taken=3 br-cond-taken=0
run mem 0
expect "loads and stores" 1 insns=8 loads=4 stores=3 branches=0
run smc 0
expect "store into the running TB, call 1" 1 insns=4 stores=1 branches=0
expect "store into the running TB, call 2" 2 insns=4 stores=1 branches=0

# Predictor: a periodic stream is learnt; cold, it is not.
run periodic 20
expect "periodic: 20 regions" '$' seq=19
atleast "periodic, first (cold) region mispredicts" 1 mispred-cond 1
expect "periodic, region 20 (warm): 0 mispredicts" '$' insns=29 branches=16 \
	br-cbz=8 br-cond-taken=7 br-cond-not-taken=1 mispred=0 mispred-cond=0
# Pseudo-random direction: about half mispredicted.
run random 2000
expect "random: 2000 TBZ" 1 br-cbz=2000
atleast "random: many mispredicts" 1 mispred-cond 800
common_predictor
run chain 5 ras=0
expect "call depth 5, ras=0: 5 return mispredicts" 1 br-ret=5 mispred-ret=5

# Plugin arguments: a bad one is a one-line error and qemu stops.
for a in ras=x foo=1 btb=100,btb-ways=3 cond-bits=40; do
	if scripts/qemu-emu -a "$a" "$K" empty 0 >"$dir/err" 2>&1; then
		echo "not ok - bad plugin argument $a accepted"
		fail=1
	elif [ "$(wc -l <"$dir/err")" -eq 1 ] && grep -q '^ftb-emu: ' "$dir/err"; then
		echo "ok - bad plugin argument $a: $(cat "$dir/err")"
	else
		echo "not ok - bad plugin argument $a: $(cat "$dir/err")"
		fail=1
	fi
done

# Launcher: exit status of the program, temporary file removed.
mkdir "$dir/tmp"
TMPDIR=$dir/tmp scripts/qemu-emu "$K" nosuch 0 2>/dev/null
rc=$?
left=$(find "$dir/tmp" -type f | wc -l)
if [ "$rc" -eq 2 ] && [ "$left" -eq 0 ]; then
	echo "ok - qemu-emu: exit status 2 passed through, temp file removed"
else
	echo "not ok - qemu-emu: rc=$rc, $left files left in TMPDIR"
	fail=1
fi
exit $fail
