# Sourced by the VM tests (tests/vm*.t): needs $dir. Sets kdir to
# scripts/kernel's directory, building the kernel when the cache lacks it
# (a fresh machine, CI), or fails the test with the build's last lines.
if ! command -v qemu-system-aarch64 >/dev/null 2>&1; then
	echo "not ok - qemu-system-aarch64 missing (scripts/install-deps arm64)"
	exit 1
fi
kdir=$(scripts/kernel 2>"$dir/kernel.err") || {
	sed 's/^/# /' "$dir/kernel.err" | tail -n 20
	echo "not ok - scripts/kernel built the kernel"
	exit 1
}
