#!/bin/sh
# ftb-arch: arm64
# The emu backend (harness/emu.c) under scripts/qemu-emu: window
# differences exact, repeatable, fork-safe, event selection; and a clear
# failure of ftb_emu_open without the launcher or without the plugin.
set -u
if ! command -v qemu-aarch64 >/dev/null 2>&1; then
	echo "ok - $(basename "$0") # SKIP qemu-aarch64 not installed (scripts/install-deps arm64)"
	exit 0
fi
B=$FTB_BUILD/emu/emu-backend
fail=0
for f in "$B" build/host/ftb-emu.so; do
	[ -e "$f" ] || { echo "not ok - $f missing (make tests-build ARCH=arm64)"; exit 1; }
done
dir=$(mktemp -d) || exit 2
trap 'rm -rf "$dir"' EXIT

scripts/qemu-emu "$B" || fail=1

# open-fails CASE EXPECTED-TEXT [env...]: open must fail, naming the cause
openfails() {
	name=$1 want=$2
	shift 2
	msg=$(env "$@" qemu-aarch64 "$B" open-fails 2>&1)
	rc=$?
	if [ "$rc" -eq 0 ] && echo "$msg" | grep -q "$want"; then
		echo "ok - open fails $name: $msg"
	else
		echo "not ok - open fails $name (rc=$rc): $msg"
		fail=1
	fi
}
openfails "without the launcher" "FTBENCH_EMU_OUT is not set" \
	-u FTBENCH_EMU_OUT
: >"$dir/out"
openfails "without the plugin" "plugin is not loaded" \
	FTBENCH_EMU_OUT="$dir/out"
exit $fail
