# vm/: the guest's PID 1 for scripts/vm (docs/vm.md). Always arm64 and
# static, whatever ARCH is: the guest is qemu-system-aarch64's.
#
#   make build/vm/init

VM_SRCS := vm/init.c vm/cmdfile.c vm/builtins.c vm/archive.c
VM_CC := $(if $(filter arm64,$(HOSTARCH)),gcc,aarch64-linux-gnu-gcc)

build/vm/init: $(VM_SRCS) $(wildcard vm/*.h) vm/module.mk
	@mkdir -p $(dir $@)
	$(call quiet,CC,$@)$(VM_CC) -O2 -g -std=gnu11 $(WARN) -I. -D_GNU_SOURCE \
		-static -o $@ $(VM_SRCS)

# The arm64 suite's VM tests boot it (scripts/vm would build it too).
ifeq ($(ARCH),arm64)
TEST_DEPS += build/vm/init
endif
