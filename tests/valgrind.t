#!/bin/sh
# ftb-arch: host
# The native oracle under valgrind memcheck (dynamic build, so memcheck can
# track the heap), with self-modifying-code checks on: no invalid access, no
# leak, and the same exact result as natively.
set -u
bin=build/$FTB_ARCH-dyn/ftbench
if ! command -v valgrind >/dev/null || [ ! -x "$bin" ]; then
	echo "ok - valgrind verify # SKIP no valgrind or no $bin"
	exit 0
fi
out=$(valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
	--smc-check=all --fair-sched=yes --vex-guest-chase=no \
	"$bin" verify --variant all --funcs 1024 --ops 6 --seed 4 2>&1)
rc=$?
echo "$out" | sed 's/^/# /'
[ $rc -eq 0 ] && echo "ok - verify under memcheck: clean, exit 0" ||
	echo "not ok - verify under memcheck exited $rc"
echo "$out" | grep -q '^verify: 6 of 6 variants OK' &&
	echo "ok - verify under memcheck: 6 of 6 variants OK" ||
	echo "not ok - verify under memcheck did not pass"
