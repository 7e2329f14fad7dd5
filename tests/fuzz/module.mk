# Fuzzing (docs/fuzzing.md).
#
#   make fuzz [FUZZ_TIME=s]   every libFuzzer target under ASan+UBSan for
#                             FUZZ_TIME seconds each (clang), then the
#                             report loader's mutation fuzzer
#
# The same targets are built by every build as replayers
# ($(B)/tests/fuzz-<target>, tests/fuzz/replay.c): tests/fuzz.t replays the
# kept inputs of tests/fuzz-corpus/<target>/ through them, so a finding
# stays a regression case of make test (and of make test SANITIZE=1).

FUZZ_TARGETS := resume_csv meta_json run_options site_check
FUZZ_REPLAY := $(patsubst %,$(B)/tests/fuzz-%,$(FUZZ_TARGETS))
FUZZ_DEPS := tests/fuzz/fuzz.h tests/fuzz/options_check.h tests/fuzz/replay.c

$(B)/tests/fuzz-%: tests/fuzz/%.c $(FUZZ_DEPS) $(B)/libftb.a $(B)/libcorpus.a
	@mkdir -p $(dir $@)
	$(call quiet,CC,$@)$(CC) $(CFLAGS_COMMON) $(CFLAGS) $(LINK_STATIC) $(LDFLAGS) \
		-o $@ $< tests/fuzz/replay.c $(CORPUS_WANT) $(B)/libftb.a $(B)/libcorpus.a \
		$(LDLIBS) $(HARNESS_LIBS)

# The arm64 checker on an x86_64 host: asm/arm64's site code and what it
# calls, compiled for the host (tests/fuzz/arm64_host.c).
FUZZ_A64_SRCS := asm/arm64/site.c asm/arm64/insn.c asm/arm64/veneer.c \
	variants/text.c variants/error.c variants/execmem.c tests/fuzz/arm64_host.c
FUZZ_A64_CFLAGS = $(filter-out -Iasm/$(ARCH) -DFTB_ARCH_%,$(CFLAGS_COMMON)) \
	-Iasm/arm64 -DFTB_ARCH_arm64=1
ifeq ($(ARCH),x86_64)
FUZZ_A64_OBJS := $(patsubst %.c,$(B)/obj-a64/%.o,$(FUZZ_A64_SRCS))
FUZZ_REPLAY += $(B)/tests/fuzz-site_check_arm64

$(B)/obj-a64/%.o: %.c
	@mkdir -p $(dir $@)
	$(call quiet,CC,$@)$(CC) $(FUZZ_A64_CFLAGS) $(CFLAGS) -c $< -o $@

$(B)/tests/fuzz-site_check_arm64: tests/fuzz/site_check.c $(FUZZ_DEPS) $(FUZZ_A64_OBJS)
	@mkdir -p $(dir $@)
	$(call quiet,CC,$@)$(CC) $(FUZZ_A64_CFLAGS) $(CFLAGS) $(LINK_STATIC) $(LDFLAGS) \
		-o $@ $< tests/fuzz/replay.c $(FUZZ_A64_OBJS) $(LDLIBS)
endif
TEST_DEPS += $(FUZZ_REPLAY)

# ---- make fuzz: libFuzzer (clang) on this machine's architecture ----
FUZZ_TIME ?= 10
FUZZ_CC ?= $(firstword $(shell command -v clang-14 clang 2>/dev/null))
FUZZ_B := build/fuzz-$(HOSTARCH)
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_CFLAGS = -O1 -g -std=gnu11 -Wall -Wextra -I. -Iasm/$(HOSTARCH) -D_GNU_SOURCE \
	-DFTB_ARCH_$(subst -,_,$(HOSTARCH))=1 -DFTB_ARCH_NAME='"$(HOSTARCH)"' \
	$(HARNESS_CFLAGS) -fno-omit-frame-pointer $(FUZZ_SAN) -fsanitize=fuzzer-no-link
FUZZ_LIB_OBJS := $(patsubst %,$(FUZZ_B)/obj/%.o,$(basename $(FTB_SRCS)))
FUZZ_BINS := $(patsubst %,$(FUZZ_B)/%,$(FUZZ_TARGETS))
ifeq ($(HOSTARCH),x86_64)
FUZZ_BINS += $(FUZZ_B)/site_check_arm64
endif

$(FUZZ_B)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(call quiet,CLANG,$@)$(FUZZ_CC) $(FUZZ_CFLAGS) -c $< -o $@
$(FUZZ_B)/obj/%.o: %.S
	@mkdir -p $(dir $@)
	$(call quiet,CLANG,$@)$(FUZZ_CC) $(FUZZ_CFLAGS) -c $< -o $@
$(FUZZ_B)/libftb.a: $(FUZZ_LIB_OBJS)
	@rm -f $@
	$(call quiet,AR,$@)ar rcs $@ $^
$(FUZZ_LIB_OBJS): | $(B)/.deps-ok $(if $(filter 1,$(HAVE_LIBPFM)),$(HARNESS_PFM_INC)/perfmon)

$(FUZZ_B)/%: tests/fuzz/%.c tests/fuzz/fuzz.h tests/fuzz/options_check.h $(FUZZ_B)/libftb.a $(B)/libcorpus.a
	$(call quiet,CLANG,$@)$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< \
		$(CORPUS_WANT) $(FUZZ_B)/libftb.a $(B)/libcorpus.a $(LDLIBS) $(HARNESS_LIBS)

FUZZ_A64_FOBJS := $(patsubst %.c,$(FUZZ_B)/obj-a64/%.o,$(FUZZ_A64_SRCS))
$(FUZZ_B)/obj-a64/%.o: %.c
	@mkdir -p $(dir $@)
	$(call quiet,CLANG,$@)$(FUZZ_CC) $(filter-out -Iasm/$(HOSTARCH) -DFTB_ARCH_%,$(FUZZ_CFLAGS)) \
		-Iasm/arm64 -DFTB_ARCH_arm64=1 -c $< -o $@
$(FUZZ_B)/site_check_arm64: tests/fuzz/site_check.c tests/fuzz/fuzz.h $(FUZZ_A64_FOBJS)
	$(call quiet,CLANG,$@)$(FUZZ_CC) $(filter-out -Iasm/$(HOSTARCH) -DFTB_ARCH_%,$(FUZZ_CFLAGS)) \
		-Iasm/arm64 -DFTB_ARCH_arm64=1 -fsanitize=fuzzer -o $@ $< $(FUZZ_A64_FOBJS) $(LDLIBS)

.PHONY: fuzz fuzz-build
fuzz-build:
	@test "$(ARCH)" = "$(HOSTARCH)" || { echo "fuzz: native only (ARCH=$(HOSTARCH))" >&2; exit 2; }
	@scripts/install-deps $(HOSTARCH) fuzz
	@$(MAKE) --no-print-directory $(FUZZ_BINS) \
		FUZZ_CC=$(firstword $(FUZZ_CC) $(shell command -v clang-14 clang 2>/dev/null))

fuzz: fuzz-build
	@scripts/fuzz $(FUZZ_B) $(FUZZ_TIME) $(notdir $(FUZZ_BINS))
