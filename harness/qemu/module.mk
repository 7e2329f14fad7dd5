# ftb-emu, the emulated PMU (docs/emu.md): the qemu-aarch64/qemu-x86_64
# TCG plugin (built for the host, only where qemu-aarch64 is installed),
# the guest backend harness/emu.c, and the test programs of tests/emu*.t.
ifndef FTB_EMU_MK
FTB_EMU_MK := 1

EMU_PLUGIN := build/host/ftb-emu.so
EMU_PLUGIN_SRCS := harness/qemu/plugin.c harness/qemu/predictor.c \
	harness/qemu/decode.c harness/qemu/decode_x86.c harness/qemu/isa.c \
	harness/qemu/path.c
EMU_PLUGIN_HDRS := $(wildcard harness/qemu/*.h)
EMU_QEMU := $(shell command -v qemu-aarch64 2>/dev/null)
EMU_TEST_CFLAGS := -O2 -g -std=gnu11 $(WARN) -I. -D_GNU_SOURCE -static

ifneq ($(EMU_QEMU),)
TEST_DEPS += $(EMU_PLUGIN)
endif

$(EMU_PLUGIN): $(EMU_PLUGIN_SRCS) $(EMU_PLUGIN_HDRS)
	@mkdir -p $(dir $@)
	$(call quiet,HOSTCC,$@)$(HOSTCC) -O2 -g -std=gnu11 $(WARN) -fPIC -shared \
		-fvisibility=hidden -o $@ $(EMU_PLUGIN_SRCS)

EMU_DECODE_CHECK := build/host/emu-decode-check
$(EMU_DECODE_CHECK): tests/emu/decode-check.c harness/qemu/decode.c \
		harness/qemu/decode.h
	@mkdir -p $(dir $@)
	$(call quiet,HOSTCC,$@)$(HOSTCC) -O2 -g -std=gnu11 $(WARN) -I. -o $@ \
		$(filter %.c,$^)

EMU_DECODE_CHECK_X86 := build/host/emu-decode-check-x86
$(EMU_DECODE_CHECK_X86): tests/emu/decode-check-x86.c \
		harness/qemu/decode_x86.c harness/qemu/decode.c \
		harness/qemu/decode.h harness/qemu/markers.h
	@mkdir -p $(dir $@)
	$(call quiet,HOSTCC,$@)$(HOSTCC) -O2 -g -std=gnu11 $(WARN) -I. -o $@ \
		$(filter %.c,$^)

ifeq ($(ARCH),arm64)
TEST_DEPS += $(EMU_DECODE_CHECK)
else
TEST_DEPS += $(EMU_DECODE_CHECK_X86)
endif

# The guest side (harness/emu.c) and the test programs, for both ISAs: the
# arm64 build runs under qemu-aarch64, and the x86_64 build under
# qemu-x86_64 when the model pipeline records its path (docs/model.md).
EMU_KERNELS_S_arm64 := tests/emu/kernels.S
EMU_KERNELS_S_x86_64 := tests/emu/kernels-x86_64.S
EMU_KERNELS_S := $(EMU_KERNELS_S_$(ARCH))
FTB_SRCS += harness/emu.c
# harness/meter.c references ftb_emu_open weakly, and a weak reference does
# not pull a member out of libftb.a: ask the linker for it explicitly.
LDFLAGS += -Wl,--undefined=ftb_emu_open
EMU_TEST_BINS := $(B)/emu/emu-kernels $(B)/emu/emu-backend
TEST_DEPS += $(EMU_TEST_BINS)

$(B)/emu/emu-kernels: tests/emu/emu-kernels.c $(EMU_KERNELS_S)
	@mkdir -p $(dir $@)
	$(call quiet,CC,$@)$(CC) $(EMU_TEST_CFLAGS) -o $@ $^

$(B)/emu/emu-backend: tests/emu/backend.c harness/emu.c \
		$(EMU_KERNELS_S) harness/backend.h
	@mkdir -p $(dir $@)
	$(call quiet,CC,$@)$(CC) $(EMU_TEST_CFLAGS) -o $@ $(filter-out %.h,$^)

endif
