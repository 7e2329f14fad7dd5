#!/bin/sh
# ftb-arch: x86_64
# The plugin's x86-64 decoder (harness/qemu/decode_x86.c) agrees with
# binutils on the branch class and the direct target of every instruction
# of the static x86-64 test binary (glibc included: some 130k
# instructions, 28k branches).
set -u
C=build/host/emu-decode-check-x86
K=$FTB_BUILD/emu/emu-kernels
for f in "$C" "$K"; do
	[ -e "$f" ] || { echo "not ok - $f missing (make tests-build)"; exit 1; }
done
res=$(objdump -d -w "$K" | "$C")
rc=$?
echo "$res"
if [ "$rc" -eq 0 ]; then
	echo "ok - x86 decoder agrees with objdump on every instruction of $K"
else
	echo "not ok - x86 decoder disagrees with objdump"
	exit 1
fi
