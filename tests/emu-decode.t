#!/bin/sh
# ftb-arch: arm64
# The plugin's A64 decoder (harness/qemu/decode.c) agrees with binutils on
# the branch class and load/store kind of every instruction of the static
# arm64 test binary (glibc included: some 100k instructions, ~180
# mnemonics, SVE and MTE among them).
set -u
C=build/host/emu-decode-check
K=$FTB_BUILD/emu/emu-kernels
for f in "$C" "$K"; do
	[ -e "$f" ] || { echo "not ok - $f missing (make tests-build ARCH=arm64)"; exit 1; }
done
od=aarch64-linux-gnu-objdump
command -v "$od" >/dev/null 2>&1 || od=objdump
if [ "$od" = objdump ] && [ "$(uname -m)" != aarch64 ]; then
	echo "ok - decoder vs binutils # SKIP no aarch64-linux-gnu-objdump"
	exit 0
fi
res=$("$od" -d "$K" | "$C")
rc=$?
echo "$res"
if [ "$rc" -eq 0 ]; then
	echo "ok - decoder agrees with $od on every instruction of $K"
else
	echo "not ok - decoder disagrees with $od"
	exit 1
fi
