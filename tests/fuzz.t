#!/bin/sh
# ftb-arch: any
# Every kept fuzz input (tests/fuzz-corpus/<target>/: the seeds and each
# finding once fixed) through its target's replayer, in this build (ASan
# and UBSan under make test SANITIZE=1): a finding that comes back aborts.
# The report loader's cases go through tests/fuzz/report_fuzz.py.
set -u
n=0
for bin in "$FTB_BUILD"/tests/fuzz-*; do
	[ -x "$bin" ] || continue
	t=${bin##*/fuzz-}
	dir=tests/fuzz-corpus/$t
	[ "$t" = site_check_arm64 ] && dir=tests/fuzz-corpus/site_check
	out=$($FTB_RUN "$bin" "$dir" 2>&1)
	rc=$?
	n=$((n + 1))
	if [ $rc -eq 0 ]; then
		echo "ok - fuzz $t: $(echo "$out" | tail -n 1) of $dir"
	else
		echo "not ok - fuzz $t: exit $rc: $(echo "$out" | grep -m 3 -e ERROR -e 'fuzz:' -e SUMMARY | tr '\n' ' ')"
	fi
done
[ $n -ge 4 ] && echo "ok - $n fuzz replayers built" ||
	echo "not ok - only $n fuzz replayers in $FTB_BUILD/tests"
host=$(uname -m | sed s/aarch64/arm64/)
if [ "$FTB_ARCH" = "$host" ]; then
	out=$(/usr/bin/python3 tests/fuzz/report_fuzz.py --replay tests/fuzz-corpus/report 2>&1)
	rc=$?
	[ $rc -eq 0 ] && echo "ok - fuzz report loader: $(echo "$out" | tail -n 1)" ||
		echo "not ok - fuzz report loader: $(echo "$out" | head -c 600)"
fi
