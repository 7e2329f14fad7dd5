#!/bin/sh
# ftb-arch: any
# Concurrent patching: callers run while ops come and go (bench/stress.c).
# Bounded: 2 seconds per variant, 2 caller threads.
set -u
# Every traced variant this ISA builds (arm64 adds the `range` flavours).
variants=$($FTB_RUN "$FTB_BIN" list | awk '/^variants:/ { f = 1; next } /^scenarios:/ { f = 0 } f && $1 !~ /^none/ { print $1 }')
[ -n "$variants" ] || echo "not ok - ftbench list names no variant"
out=$($FTB_RUN "$FTB_BIN" stress --variant all --seconds 2 --threads 2 --seed 7 2>&1)
rc=$?
echo "$out" | sed 's/^/# /'
for v in $variants; do
	if echo "$out" | grep -q "^stress $v .* [1-9][0-9]* callbacks checked.*: OK$"; then
		echo "ok - stress $v"
	else
		echo "not ok - stress $v"
	fi
done
[ $rc -eq 0 ] || echo "not ok - stress exit status $rc"
