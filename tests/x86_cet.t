#!/bin/sh
# ftb-arch: x86_64
# The -fcf-protection geometry: every corpus function starts with endbr64
# and its call slot follows it (func+4); the CALL_OPS analogue still finds
# its literal at (ip & ~15) - 8. Builds a 4,096-function corpus with
# FTB_CET=1 (build/x86_64-cet) and runs the oracle on it, seed 1 and 2.
set -u
B=build/x86_64-cet
log=$(mktemp) || exit 2
trap 'rm -f "$log"' EXIT INT TERM
if ! make --no-print-directory -j2 FTB_CET=1 CORPUS_FUNCS=4096 \
	"$B/ftbench" "$B/tests/x86_cost" >"$log" 2>&1; then
	sed 's/^/# /' "$log" | tail -n 20
	echo "not ok - x86 CET build (make FTB_CET=1)"
	exit 0
fi
echo "ok - x86 CET build (make FTB_CET=1)"

# The compiler really put endbr64 first: the CET build's site bytes.
out=$("$B/tests/x86_cost" 2>&1)
echo "$out" | sed 's/^/# /'
if echo "$out" | grep -q '^not ok'; then
	echo "not ok - x86 CET: every variant traces through an endbr64 site"
else
	echo "ok - x86 CET: every variant traces through an endbr64 site"
fi
if objdump -d --no-show-raw-insn "$B/ftbench" 2>/dev/null |
	grep -A1 '<ftb_plain_f0>:' | grep -q endbr64; then
	echo "ok - x86 CET: ftb_plain_f0 starts with endbr64"
else
	echo "not ok - x86 CET: ftb_plain_f0 starts with endbr64"
fi

for seed in 1 2; do
	out=$("$B/ftbench" verify --variant all --funcs 4096 --seed "$seed" 2>&1)
	rc=$?
	echo "$out" | sed 's/^/# /'
	for v in none none-literal list dyntramp callops direct; do
		if echo "$out" | grep -q "^verify $v .*: OK$"; then
			echo "ok - x86 CET verify $v seed=$seed"
		else
			echo "not ok - x86 CET verify $v seed=$seed"
		fi
	done
	[ $rc -eq 0 ] || echo "not ok - x86 CET verify exited $rc (seed $seed)"
done
