#!/bin/sh
# ftb-arch: x86_64
# Instructions of one traced call per variant on x86_64, counted exactly by
# cachegrind: a single ops traces one corpus function, called K and 2K times
# (tests/unit/x86_cost.c); (I refs(2K) - I refs(K)) / K is one call,
# loop and function body included. Two baselines: `none` runs the compiled
# five 1-byte NOPs; `initialised` the same function when the ops traces
# another one, so its site is one NOP5 (what every traced variant replaces).
set -u
case "$FTB_BUILD" in
*-san)
	echo "ok - valgrind checks # SKIP valgrind cannot run ASan binaries (make test runs them)"
	exit 0 ;;
esac
bin=$FTB_BUILD/tests/x86_cost
if ! command -v valgrind >/dev/null 2>&1; then
	echo "ok - x86 per-call instruction counts # SKIP no valgrind"
	exit 0
fi
K=1000
irefs() {
	valgrind --tool=cachegrind --cache-sim=no --smc-check=all \
		--cachegrind-out-file=/dev/null "$bin" "$@" 2>&1 |
		sed -n 's/.*I *refs: *//p' | tr -d ,
}
# per_call NAME VARIANT [other]: prints the count, or fails the test
per_call() {
	name=$1
	shift
	a=$(irefs "$1" "$K" ${2:-}) b=$(irefs "$1" $((2 * K)) ${2:-})
	if [ -z "$a" ] || [ -z "$b" ] || [ $(((b - a) % K)) -ne 0 ]; then
		echo "not ok - x86 $name: per-call instruction count ('$a' '$b')" >&2
		return 1
	fi
	echo $(((b - a) / K))
}
none=$(per_call none none) || none=
init=$(per_call initialised list other) || init=
if [ -z "$none" ] || [ -z "$init" ]; then
	echo "not ok - x86 per-call baselines"
	exit 0
fi
echo "# none (compiled 5 x 90): $none instructions per call"
echo "# initialised (NOP5): $init instructions per call"
echo "ok - x86 untraced baselines counted"
for v in list dyntramp callops direct; do
	if ! per=$(per_call "$v" "$v"); then
		echo "not ok - x86 $v: per-call instruction count"
		continue
	fi
	echo "# $v: $per instructions per call, $((per - init)) over an initialised site"
	if [ "$per" -gt "$init" ]; then
		echo "ok - x86 $v: exact per-call instruction count"
	else
		echo "not ok - x86 $v: traced call not dearer than untraced"
	fi
done
