# The kernel-side scenario (docs/kernel.md). The module itself is built by
# Kbuild against a kernel tree (kmod/Makefile, tests/vm-kernel.t).
#
#   make kernel-debian   the CALL_OPS and list-walk kernels with Debian's
#                        options (vm/kernel/debian.config) and the
#                        KCONFIG=debian ftbench, so tests/vm-kernel.t
#                        compares that configuration too (~11 minutes on
#                        2 cores; not part of make test's own builds)
.PHONY: kernel-debian
kernel-debian:
	nice scripts/kernel --design callops --fragment debian >/dev/null
	nice scripts/kernel --design list --fragment debian >/dev/null
	$(MAKE) --no-print-directory ARCH=arm64 KCONFIG=debian build/arm64-kdebian/ftbench
