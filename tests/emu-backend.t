#!/bin/sh
# ftb-arch: arm64
# The emu backend (harness/emu.c) under scripts/qemu-emu: window
# differences exact, repeatable, fork-safe, event selection; and a clear
# failure of ftb_emu_open without the launcher or without the plugin.
set -u
. tests/emu/lib.sh
B=$FTB_BUILD/emu/emu-backend
emu_setup "$B" qemu-aarch64

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
