# harness/: the measurement engine (docs/method.md, docs/pmu.md).
#
#   make harness-test [ARCH=arm64]   build and run the harness tests only
#
# libpfm4 is linked statically from Debian's libpfm4-dev (amd64, or arm64
# unpacked into $(FTB_CACHE)/libpfm-arm64 by scripts/install-deps). Without
# it (HAVE_LIBPFM=0, or the archive missing) events resolve through the
# generic and ARMv8 tables.

HARNESS_SRCS := harness/util.c harness/json.c harness/clock.c \
	harness/events.c harness/pmu.c harness/pmc_arm64.c harness/timebk.c \
	harness/sysinfo.c harness/implemented.c harness/conditions.c harness/meter.c \
	harness/method.c harness/stats.c harness/estimate.c harness/adapt.c \
	harness/meta.c harness/config.c harness/output.c harness/output_csv.c \
	harness/output_json.c harness/output_meta.c harness/output_resume.c \
	harness/json_read.c harness/recorded.c harness/testkill.c \
	harness/ctr.c harness/fit.c harness/output_fit.c
HARNESS_OBJS := $(patsubst %,$(B)/obj/%.o,$(basename $(HARNESS_SRCS)))
FTB_SRCS += $(HARNESS_SRCS)

HARNESS_MULTIARCH_arm64 := aarch64-linux-gnu
HARNESS_MULTIARCH_x86_64 := x86_64-linux-gnu
HARNESS_PFM_A := /usr/lib/$(HARNESS_MULTIARCH_$(ARCH))/libpfm.a
HARNESS_PFM_HDR := /usr/include/perfmon
HARNESS_PFM_PKG := $(shell dpkg-query -W -f='libpfm4-dev $${Version}' \
	libpfm4-dev:$(subst x86_64,amd64,$(ARCH)) 2>/dev/null)
# A cross build's libpfm: the package scripts/install-deps unpacked into
# the cache (no multiarch), unless the machine has it installed already.
FTB_CACHE ?= $(HOME)/.cache/ftbench
HARNESS_PFM_CACHE := $(FTB_CACHE)/libpfm-$(ARCH)
ifneq ($(ARCH),$(HOSTARCH))
ifeq ($(wildcard $(HARNESS_PFM_A)),)
ifneq ($(wildcard $(HARNESS_PFM_CACHE)$(HARNESS_PFM_A)),)
HARNESS_PFM_A := $(HARNESS_PFM_CACHE)$(HARNESS_PFM_A)
HARNESS_PFM_HDR := $(HARNESS_PFM_CACHE)/usr/include/perfmon
HARNESS_PFM_PKG := libpfm4-dev $(shell cat $(HARNESS_PFM_CACHE)/version \
	2>/dev/null)
endif
endif
endif
HAVE_LIBPFM ?= $(if $(wildcard $(HARNESS_PFM_A)),1,0)
HARNESS_CFLAGS :=
HARNESS_PFM_INC := $(B)/pfm-include

ifeq ($(HAVE_LIBPFM),1)
HARNESS_LIBS += $(HARNESS_PFM_A)
HARNESS_CFLAGS += -DHAVE_LIBPFM=1 -I$(HARNESS_PFM_INC)
$(B)/obj/harness/events.o: CFLAGS_COMMON += \
	-DFTB_LIBPFM_PKG='"$(HARNESS_PFM_PKG)"'
endif

# The cross compiler does not search /usr/include: expose only perfmon/.
$(HARNESS_PFM_INC)/perfmon:
	@mkdir -p $(dir $@)
	ln -sfn $(HARNESS_PFM_HDR) $@

# Provenance compiled into meta.o: compiler, flags and git revision. The
# stamp changes only when they do, so meta.o is rebuilt exactly then.
HARNESS_REV := $(shell r=$$(git rev-parse --short=12 HEAD 2>/dev/null) && \
	{ git diff --quiet HEAD -- 2>/dev/null && echo $$r || echo $$r-dirty; })
HARNESS_RECORDED := $(subst ',,$(subst ",,$(subst \,,$(filter-out -D% -I% \
	-MMD -MP,$(CFLAGS_COMMON) $(CFLAGS) $(LINK_STATIC) $(LDFLAGS)))))
HARNESS_STAMP := $(B)/obj/harness/buildinfo.stamp
HARNESS_INFO := $(HARNESS_REV) $(CC) $(HARNESS_RECORDED)
$(shell mkdir -p $(dir $(HARNESS_STAMP)) && \
	printf '%s\n' '$(HARNESS_INFO)' | cmp -s - $(HARNESS_STAMP) || \
	printf '%s\n' '$(HARNESS_INFO)' > $(HARNESS_STAMP))

$(B)/obj/harness/meta.o: $(HARNESS_STAMP)
$(B)/obj/harness/meta.o: CFLAGS_COMMON += -DFTB_GIT_REV='"$(HARNESS_REV)"' \
	-DFTB_BUILD_CC='"$(CC)"' -DFTB_BUILD_CFLAGS='"$(HARNESS_RECORDED)"'

$(HARNESS_OBJS): CFLAGS_COMMON += $(HARNESS_CFLAGS)
ifeq ($(HAVE_LIBPFM),1)
$(HARNESS_OBJS): | $(HARNESS_PFM_INC)/perfmon
endif

# The harness alone, so its tests need neither the corpus nor the variants.
# It carries the emulated PMU (harness/emu.c, harness/qemu/module.mk) too:
# that module makes the link require ftb_emu_open.
HARNESS_LIB_OBJS := $(HARNESS_OBJS)
HARNESS_LIB_OBJS += $(patsubst %.c,$(B)/obj/%.o,$(wildcard harness/emu.c))
$(B)/libharness.a: $(HARNESS_LIB_OBJS)
	@rm -f $@
	$(AR) rcs $@ $^

# Shorter stem than tests/module.mk's $(B)/tests/%: this rule wins.
$(B)/tests/harness_%: tests/unit/harness_%.c $(B)/libharness.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_COMMON) $(CFLAGS) $(LINK_STATIC) $(LDFLAGS) -o $@ $< \
		$(B)/libharness.a $(LDLIBS) $(HARNESS_LIBS)

HARNESS_TEST_BINS := $(patsubst tests/unit/%.c,$(B)/tests/%, \
	$(wildcard tests/unit/harness_*.c))

.PHONY: harness-test
harness-test: $(HARNESS_TEST_BINS)
	@tests/run $(ARCH) harness

# make gbench: the Google Benchmark cross-check (harness/gbench/), native
# only (Debian ships libbenchmark for the host). It drives the variants
# through bench/workload.h, shares nothing with harness/, and writes
# $(B)/gbench.json. GBENCH_ARGS adds Google Benchmark flags.
GBENCH_BIN := $(B)/ftbench-gbench
GBENCH_ARGS ?= --benchmark_repetitions=5
ifneq ($(ARCH),$(HOSTARCH))
gbench:
	@echo "gbench: native builds only (libbenchmark is the host's)" >&2
	@exit 1
else ifeq ($(wildcard bench/workload.h),)
gbench:
	@echo "gbench: bench/workload.h (ftb_workload_build) is missing" >&2
	@exit 1
else
gbench: $(GBENCH_BIN)
	$(GBENCH_BIN) --benchmark_out=$(B)/gbench.json \
		--benchmark_out_format=json $(GBENCH_ARGS)

$(GBENCH_BIN): harness/gbench/ftbench_gbench.cc bench/workload.h \
		$(B)/libftb.a $(CORPUS_OBJS)
	$(CXX) -O2 -g -std=c++17 -Wall -Wextra -Werror -I. -Iasm/$(ARCH) \
		-D_GNU_SOURCE -o $@ $< $(CORPUS_OBJS) $(B)/libftb.a \
		-lbenchmark $(LDLIBS) $(HARNESS_LIBS)
endif
