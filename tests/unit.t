#!/bin/sh
# ftb-arch: any
# Every C unit test binary of this architecture (tests/unit/*.c).
set -u
rc=0
for t in "$FTB_BUILD"/tests/*; do
	[ -x "$t" ] || continue
	echo "# $(basename "$t")"
	$FTB_RUN "$t" || rc=1
done
exit $rc
