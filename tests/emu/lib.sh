# Shared by tests/emu*.t (sourced): run a test kernel under
# scripts/qemu-emu and check its region lines exactly; and the checks whose
# counts are the same on both ISAs (tests/emu/kernels.S and
# kernels-x86_64.S implement the same kernels).
# The caller calls emu_setup, sets K (the kernel program), out (the region
# file), and optionally pathfile (then every run also records the path
# there).

# emu_setup PROGRAM TOOL...: skip the whole test unless every TOOL is
# installed, fail it unless PROGRAM and the plugin are built; then fail=0
# and a temporary directory $dir, removed on exit.
emu_setup() {
	prog=$1
	shift
	for t in "$@"; do
		if ! command -v "$t" >/dev/null 2>&1; then
			echo "ok - $(basename "$0") # SKIP $t not installed (scripts/install-deps arm64)"
			exit 0
		fi
	done
	for f in "$prog" build/host/ftb-emu.so; do
		[ -e "$f" ] || { echo "not ok - $f missing (make tests-build ARCH=$FTB_ARCH)"; exit 1; }
	done
	fail=0
	dir=$(mktemp -d) || exit 2
	trap 'rm -rf "$dir"' EXIT
}

# run KERNEL ARG [PLUGIN-ARGS]: fresh output (and path) file
run() {
	: >"$out"
	[ -z "${pathfile:-}" ] || : >"$pathfile"
	if ! scripts/qemu-emu -o "$out" ${pathfile:+-p "$pathfile"} \
		${3:+-a "$3"} "$K" "$1" "$2"; then
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

# Exact path lengths and branch classes of the kernels both ISAs share.
common_counts() {
	run nops 0
	expect "10 NOPs" 1 insns=10 branches=0
	run loop 100
	expect "loop K=100: 1+3K insns" 1 insns=301 branches=100 \
		br-cond-taken=99 br-cond-not-taken=1
	run loop 1
	expect "loop K=1" 1 insns=4 branches=1 br-cond-taken=0 \
		br-cond-not-taken=1
	run call 0
	expect "direct call/return pair" 1 insns=2 branches=2 br-bl=1 \
		br-ret=1 br-blr=0 mispred-ret=0
	run blr 0
	expect "indirect call/return pair" 1 insns=2 branches=2 br-blr=1 \
		br-ret=1 br-bl=0
	run br 0
	expect "indirect jump" 1 insns=2 branches=1 br-br=1
	run b 0
	expect "direct jump" 1 insns=1 branches=1 br-b=1
	run cond 0
	expect "conditional branches taken and not taken" 1 insns=6 \
		branches=4 br-cond-taken=2 br-cond-not-taken=2
	# Two threads in regions at the same time: per-vCPU counts exact.
	run threads 200
	a=$(grep -c ' insns=301 ' "$out") b=$(grep -c ' insns=3001 ' "$out")
	n=$(wc -l <"$out")
	tids=$(sed 's/.* tid=\([0-9]*\) .*/\1/' "$out" | sort -u | wc -l)
	if [ "$a" -eq 200 ] && [ "$b" -eq 200 ] && [ "$n" -eq 400 ] &&
		[ "$tids" -eq 2 ]; then
		echo "ok - two threads: 200 regions insns=301 and 200 insns=3001, 2 tids"
	else
		echo "not ok - two threads: $a x insns=301, $b x insns=3001, $n lines, $tids tids"
		fail=1
	fi
}

# Predictor checks whose answers are the same on both ISAs.
common_predictor() {
	# Indirect: alternating targets, learnt through path history only.
	run indirect 8
	expect "indirect, path history: 0 target mispredicts when warm" '$' \
		br-blr=16 br-ret=16 mispred-ind=0 mispred-ret=0
	run indirect 8 ind-path=0
	expect "indirect, pc-indexed (ind-path=0): every target missed" '$' \
		br-blr=16 mispred-ind=16
	# Return stack: S entries predict S of D nested returns.
	run chain 16
	expect "call depth 16, ras=16: 0 return mispredicts" 1 br-blr=1 \
		br-bl=15 br-ret=16 mispred-ret=0
	run chain 24
	expect "call depth 24, ras=16: 8 return mispredicts" 1 br-ret=24 \
		mispred-ret=8
	run chain 12 ras=8
	expect "call depth 12, ras=8: 4 return mispredicts" 1 br-ret=12 \
		mispred-ret=4
	# BTB: 32 taken jumps in a cycle thrash a 16-entry LRU BTB.
	run jumps 4 btb=16,btb-ways=4
	expect "32 jumps, btb=16 (4-way LRU): every target missed" '$' \
		insns=32 br-b=32 btb-miss=32 mispred=0
	run jumps 4
	expect "32 jumps, default BTB (6144): no miss when warm" '$' \
		insns=32 br-b=32 btb-miss=0
}
