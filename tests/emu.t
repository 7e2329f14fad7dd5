#!/bin/sh
# ftb-arch: arm64
# The ftb-emu plugin (docs/emu.md): exact counts of the hand-written kernels
# of tests/emu/kernels.S, one region each, and predictor sanity checks that
# cannot pass by accident (each has a contrasting case that must miss).
set -u
if ! command -v qemu-aarch64 >/dev/null 2>&1; then
	echo "ok - $(basename "$0") # SKIP qemu-aarch64 not installed (scripts/install-deps arm64)"
	exit 0
fi
K=$FTB_BUILD/emu/emu-kernels
fail=0
for f in "$K" build/host/ftb-emu.so; do
	[ -e "$f" ] || { echo "not ok - $f missing (make tests-build ARCH=arm64)"; exit 1; }
done
dir=$(mktemp -d) || exit 2
trap 'rm -rf "$dir"' EXIT
out=$dir/emu.out

# run KERNEL ARG [PLUGIN-ARGS]: fresh output file of region lines
run() {
	: >"$out"
	if ! scripts/qemu-emu -o "$out" ${3:+-a "$3"} "$K" "$1" "$2"; then
		echo "not ok - $1 $2 ${3:-}: exited non-zero"
		fail=1
	fi
}

# field LINE KEY: value of KEY in region line LINE (1-based, $ = last)
field() {
	sed -n "${1}p" "$out" | tr ' ' '\n' | sed -n "s/^$2=//p"
}

# expect NAME LINE KEY=VALUE...: every value exact
expect() {
	name=$1 line=$2 got='' bad=''
	shift 2
	for kv in "$@"; do
		k=${kv%%=*} v=${kv#*=}
		g=$(field "$line" "$k")
		got="$got $k=$g"
		[ "$g" = "$v" ] || bad="$bad $k(want $v)"
	done
	if [ -z "$bad" ]; then
		echo "ok - $name:$got"
	else
		echo "not ok - $name:$got; wrong:$bad"
		fail=1
	fi
}

# atleast NAME LINE KEY MIN
atleast() {
	g=$(field "$2" "$3")
	if [ -n "$g" ] && [ "$g" -ge "$4" ]; then
		echo "ok - $1: $3=$g >= $4"
	else
		echo "not ok - $1: $3=$g, want >= $4"
		fail=1
	fi
}

# Exact path lengths and branch classes.
run empty 0
expect "empty region" 1 insns=0 branches=0 loads=0 stores=0 paired=1 seq=0
run nops 0
expect "10 NOPs" 1 insns=10 branches=0
run loop 100
expect "loop K=100: 1+3K insns" 1 insns=301 branches=100 \
	br-cond-taken=99 br-cond-not-taken=1
run loop 1
expect "loop K=1" 1 insns=4 branches=1 br-cond-taken=0 br-cond-not-taken=1
run call 0
expect "BL/RET pair" 1 insns=2 branches=2 br-bl=1 br-ret=1 br-blr=0 \
	mispred-ret=0
run blr 0
expect "BLR/RET pair" 1 insns=2 branches=2 br-blr=1 br-ret=1 br-bl=0
run br 0
expect "BR" 1 insns=2 branches=1 br-br=1
run b 0
expect "B" 1 insns=1 branches=1 br-b=1
run cond 0
expect "B.cond taken and not taken" 1 insns=6 branches=4 br-cond-taken=2 \
	br-cond-not-taken=2 br-cbz=0
run cbz 8
expect "CBZ/CBNZ/TBZ/TBNZ" 1 insns=6 branches=6 br-cbz=6 br-cbz-taken=3 \
	br-cbz-not-taken=3 br-cond-taken=0
run mem 0
expect "loads and stores" 1 insns=8 loads=4 stores=3 branches=0
run smc 0
expect "store into the running TB, call 1" 1 insns=4 stores=1 branches=0
expect "store into the running TB, call 2" 2 insns=4 stores=1 branches=0

# Two threads in regions at the same time: per-vCPU counts stay exact.
run threads 200
a=$(grep -c ' insns=301 ' "$out") b=$(grep -c ' insns=3001 ' "$out")
n=$(wc -l <"$out") tids=$(sed 's/.* tid=\([0-9]*\) .*/\1/' "$out" | sort -u | wc -l)
if [ "$a" -eq 200 ] && [ "$b" -eq 200 ] && [ "$n" -eq 400 ] && [ "$tids" -eq 2 ]; then
	echo "ok - two threads: 200 regions insns=301 and 200 insns=3001, 2 tids"
else
	echo "not ok - two threads: $a x insns=301, $b x insns=3001, $n lines, $tids tids"
	fail=1
fi

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
# Indirect: alternating targets, learnt through path history only.
run indirect 8
expect "indirect, path history: 0 target mispredicts when warm" '$' \
	br-blr=16 br-ret=16 mispred-ind=0 mispred-ret=0
run indirect 8 ind-path=0
expect "indirect, pc-indexed (ind-path=0): every target missed" '$' \
	br-blr=16 mispred-ind=16
# Return stack: S entries predict S of D nested returns.
run chain 16
expect "call depth 16, ras=16: 0 return mispredicts" 1 br-blr=1 br-bl=15 \
	br-ret=16 mispred-ret=0
run chain 24
expect "call depth 24, ras=16: 8 return mispredicts" 1 br-ret=24 \
	mispred-ret=8
run chain 12 ras=8
expect "call depth 12, ras=8: 4 return mispredicts" 1 br-ret=12 \
	mispred-ret=4
run chain 5 ras=0
expect "call depth 5, ras=0: 5 return mispredicts" 1 br-ret=5 mispred-ret=5
# BTB: 32 taken B in a cycle thrash a 16-entry LRU BTB, fit the default.
run jumps 4 btb=16,btb-ways=4
expect "32 B, btb=16 (4-way LRU): every target missed" '$' insns=32 br-b=32 \
	btb-miss=32 mispred=0
run jumps 4
expect "32 B, default BTB (6144): no miss when warm" '$' insns=32 br-b=32 \
	btb-miss=0

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
