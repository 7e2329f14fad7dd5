#!/bin/sh
# ftb-arch: x86_64
# The x86_64 patching under valgrind (a second execution engine, which
# translates code and so must be told that code changes: --smc-check=all).
# DESIGN.md section 4: --fair-sched=yes lets the patcher and the calling
# threads interleave, --vex-guest-chase=no keeps patched sites out of
# translations of their callers. The static binaries run under
# --tool=none (memcheck cannot replace a static glibc's malloc and reports
# its internals): what is checked is that the patched code behaves, which
# the programs verify. x86_site also runs under memcheck, built dynamically
# (STATIC=0, as tests/valgrind.t does for verify). x86_live does not:
# emulating a CALL in the SIGTRAP handler lowers the interrupted thread's
# %rsp through its ucontext, which memcheck does not follow, so it reports
# the trampoline's stores just below the old %rsp as invalid.
set -u
case "$FTB_BUILD" in
*-san)
	echo "ok - valgrind checks # SKIP valgrind cannot run ASan binaries (make test runs them)"
	exit 0 ;;
esac
if ! command -v valgrind >/dev/null 2>&1; then
	echo "ok - x86 under valgrind # SKIP no valgrind"
	exit 0
fi
vg="valgrind -q --tool=none --smc-check=all --fair-sched=yes --vex-guest-chase=no"

for t in x86_site x86_live; do
	out=$($vg "$FTB_BUILD/tests/$t" 2>&1)
	rc=$?
	echo "$out" | sed 's/^/# /'
	if [ $rc -eq 0 ] && ! echo "$out" | grep -q '^not ok'; then
		echo "ok - x86 $t under valgrind"
	else
		echo "not ok - x86 $t under valgrind"
	fi
done

out=$($vg "$FTB_BIN" verify --variant all --funcs 4096 --seed 1 2>&1)
rc=$?
echo "$out" | sed 's/^/# /'
for v in none none-literal list dyntramp callops direct; do
	if echo "$out" | grep -q "^verify $v .*: OK$"; then
		echo "ok - x86 verify $v under valgrind"
	else
		echo "not ok - x86 verify $v under valgrind"
	fi
done
[ $rc -eq 0 ] || echo "not ok - x86 verify under valgrind exited $rc"

# Live int3 patching of the real variants while threads call (bounded).
out=$($vg "$FTB_BIN" stress --variant all --seconds 1 --threads 2 --seed 7 2>&1)
rc=$?
echo "$out" | sed 's/^/# /'
for v in list dyntramp callops direct; do
	if echo "$out" | grep -q "^stress $v .* [1-9][0-9]* callbacks checked.*: OK$"; then
		echo "ok - x86 stress $v under valgrind"
	else
		echo "not ok - x86 stress $v under valgrind"
	fi
done
[ $rc -eq 0 ] || echo "not ok - x86 stress under valgrind exited $rc"

# Memcheck: no invalid access in the site patching and trampolines.
dyn=build/$FTB_ARCH-dyn
if ! make --no-print-directory STATIC=0 "$dyn/tests/x86_site" \
	>/dev/null 2>&1; then
	echo "not ok - x86 dynamic build of the unit tests (STATIC=0)"
	exit 0
fi
for t in x86_site; do
	out=$(valgrind -q --error-exitcode=99 --smc-check=all --fair-sched=yes \
		--vex-guest-chase=no "$dyn/tests/$t" 2>&1)
	rc=$?
	echo "$out" | grep -v '^ok' | sed 's/^/# /'
	if [ $rc -eq 0 ] && ! echo "$out" | grep -q '^not ok'; then
		echo "ok - x86 $t under memcheck: clean"
	else
		echo "not ok - x86 $t under memcheck exited $rc"
	fi
done
