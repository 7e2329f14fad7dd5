# ftbench top-level Makefile.
#
#   make                 build build/<arch>/ftbench for this machine
#   make ARCH=arm64      cross-build the arm64 binary (static; run under qemu)
#   make test            the whole suite (native + arm64 under qemu)
#   make bench           the study on this machine's architecture
#   make bench ARCH=arm64 VM=1   ... in an arm64 Linux guest (docs/vm.md)
#   make lint / format   cppcheck + clang-tidy / clang-format
#
# Modules add to the variables below from their own module.mk; this file only
# knows how to build and link.

HOSTARCH := $(shell uname -m | sed -e 's/aarch64/arm64/')
ARCH ?= $(HOSTARCH)

ifeq ($(filter $(ARCH),arm64 x86_64),)
$(error ARCH=$(ARCH) is not supported: use arm64 or x86_64)
endif

ifeq ($(ARCH),$(HOSTARCH))
CC := gcc
AR := ar
RUN :=
else ifeq ($(ARCH),arm64)
CC := aarch64-linux-gnu-gcc
AR := aarch64-linux-gnu-ar
RUN := qemu-aarch64
else
CC := x86_64-linux-gnu-gcc
AR := x86_64-linux-gnu-ar
RUN := qemu-x86_64
endif
HOSTCC ?= gcc

# Corpus parameters (see docs/corpus.md).
CORPUS_FUNCS ?= 65536
CORPUS_SEED ?= 1
CORPUS_BODY ?= 4
CORPUS_TEMPLATES ?= 512
CORPUS_CHUNK := 1024
CORPUS_ID := $(CORPUS_FUNCS)-$(CORPUS_SEED)-$(CORPUS_BODY)-t$(CORPUS_TEMPLATES)
CORPUS_CHUNKS := $(shell n=$$(( ($(CORPUS_FUNCS) + $(CORPUS_CHUNK) - 1) / $(CORPUS_CHUNK) )); i=0; while [ $$i -lt $$n ]; do printf '%03d ' $$i; i=$$((i+1)); done)

B := build/$(ARCH)
GEN := build/gen/$(CORPUS_ID)

WARN := -Wall -Wextra -Werror
CFLAGS_COMMON := -O2 -g -std=gnu11 $(WARN) -I. -Iasm/$(ARCH) -MMD -MP \
	-D_GNU_SOURCE -DFTB_ARCH_$(subst -,_,$(ARCH))=1 -DFTB_ARCH_NAME='"$(ARCH)"'
CFLAGS ?=
LDFLAGS ?=
LDLIBS := -lpthread -lm
# Static by default (simplest under qemu-user). SANITIZE=1: ASan+UBSan;
# STATIC=0: a dynamic build, for valgrind memcheck (which cannot replace
# malloc in a static binary). Both share the corpus of the static build.
SANITIZE ?= 0
STATIC ?= 1
ifeq ($(SANITIZE),1)
B := build/$(ARCH)-san
CFLAGS_COMMON += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
LINK_STATIC :=
else ifeq ($(STATIC),0)
B := build/$(ARCH)-dyn
LINK_STATIC :=
else
LINK_STATIC := -static
endif

# The kernel configuration the ftrace core's code generation follows
# (docs/kconfig.md): minimal (default) or debian. Not minimal: its own
# build tree, build/<arch>-k<KCONFIG>.
KCONFIG ?= minimal
ifeq ($(filter $(KCONFIG),minimal debian),)
$(error KCONFIG=$(KCONFIG) is not a kernel configuration: use minimal or debian)
endif
ifneq ($(KCONFIG),minimal)
B := $(B)-k$(KCONFIG)
endif

.DEFAULT_GOAL := all

# Filled by the modules.
FTB_SRCS :=
UNIT_TESTS :=
LAYOUTS :=
HOST_TOOLS :=

include asm/$(ARCH)/module.mk
include bench/module.mk
include variants/module.mk
-include harness/module.mk
-include harness/qemu/module.mk
-include scripts/module.mk
include vm/module.mk
include kmod/module.mk
include tests/module.mk

FTB_OBJS := $(patsubst %,$(B)/obj/%.o,$(basename $(FTB_SRCS)))
FTB_MAIN_OBJ := $(patsubst %,$(B)/obj/%.o,$(basename $(FTB_MAIN)))

.PHONY: all deps test bench lint format format-check clean gbench
all: $(B)/ftbench

deps:
	@scripts/install-deps $(ARCH)

# Quiet by default; make V=1 shows every command.
V ?= 0
ifeq ($(V),0)
Q := @
quiet = @printf '  %-7s %s\n' $(1) $(2);
else
Q :=
quiet =
endif

$(B)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(call quiet,CC,$@)$(CC) $(CFLAGS_COMMON) $(OBJ_CFLAGS) $(CFLAGS) -c $< -o $@

$(B)/obj/%.o: %.S
	@mkdir -p $(dir $@)
	$(call quiet,AS,$@)$(CC) $(CFLAGS_COMMON) $(CFLAGS) -c $< -o $@

$(B)/libftb.a: $(FTB_OBJS)
	@rm -f $@
	$(call quiet,AR,$@)$(AR) rcs $@ $^

# Missing Debian packages are installed (or named) once per build tree.
$(B)/.deps-ok: scripts/install-deps
	@scripts/install-deps $(ARCH)
	@mkdir -p $(dir $@) && touch $@

$(FTB_OBJS) $(FTB_MAIN_OBJ) $(CORPUSGEN): | $(B)/.deps-ok

# ftbench with the corpus objects given (linked whole: a layout's
# descriptor, chunks and table come together).
link_ftbench = $(call quiet,LD,$@)$(CC) $(CFLAGS_COMMON) $(CFLAGS) $(LINK_STATIC) \
	$(LDFLAGS) -o $@ $(FTB_MAIN_OBJ) $(1) $(B)/libftb.a $(LDLIBS) $(HARNESS_LIBS)

# Every layout of the ISA.
$(B)/ftbench: $(FTB_MAIN_OBJ) $(B)/libftb.a $(CORPUS_OBJS)
	$(call link_ftbench,$(CORPUS_OBJS))

-include $(shell find $(B) -name '*.d' 2>/dev/null)

clean:
	rm -rf build

# ---- make bench: the study on $(ARCH) ----
# On this machine's architecture it measures natively (PMU, else time with a
# one-line reason); ARCH=arm64 on another host runs under qemu-aarch64 with
# the emulated PMU (docs/emu.md). Parameters pass through:
#   QUICK=1 SCENARIOS=a,b VARIANTS=a,b EVENTS=... CPU=N REPS=R FUNCS=N
#   RESUME=results/<dir>
# MODEL=1 also records the path run (results/<dir>/paths) the report's
# modelled cycles are computed from (docs/model.md; needs llvm-19).
QUICK ?= 0
MODEL ?= 0
SCENARIOS ?=
VARIANTS ?=
EVENTS ?=
CPU ?=
REPS ?=
FUNCS ?=
RESUME ?=
# Expanded once (:=), so the run, the model and the report name one directory.
ifeq ($(origin BENCH_DIR),undefined)
BENCH_DIR := $(if $(RESUME),$(RESUME),results/$(shell date +%Y-%m-%d-%H%M%S)-$(shell hostname -s)-$(ARCH))
endif
BENCH_OPTS := $(if $(filter 1,$(QUICK)),--quick) \
	$(if $(SCENARIOS),--scenarios $(SCENARIOS)) \
	$(if $(VARIANTS),--variants $(VARIANTS)) \
	$(if $(EVENTS),--events '$(EVENTS)') $(if $(CPU),--cpu $(CPU)) \
	$(if $(REPS),--reps $(REPS)) $(if $(FUNCS),--funcs $(FUNCS))
BENCH_ARGS := $(BENCH_OPTS) \
	$(if $(RESUME),--resume $(RESUME),--out $(BENCH_DIR))
# Only the layouts the chosen variants run on are built (a variant make
# does not know brings them all: ftbench then names it).
comma := ,
empty :=
space := $(empty) $(empty)
BENCH_LAYOUTS := $(sort $(if $(VARIANTS),$(foreach v,$(subst $(comma), ,$(VARIANTS)),\
	$(or $(VARIANT_LAYOUT_$(v)),$(LAYOUTS))),$(LAYOUTS)))
ifeq ($(BENCH_LAYOUTS),$(sort $(LAYOUTS)))
BENCH_BIN := $(B)/ftbench
else
BENCH_BIN := $(B)/bench-$(subst $(space),-,$(BENCH_LAYOUTS))/ftbench
BENCH_OBJS := $(CORPUS_B)/callee.o $(foreach l,$(BENCH_LAYOUTS),$(CORPUS_OBJS_$(l)))
$(BENCH_BIN): $(FTB_MAIN_OBJ) $(B)/libftb.a $(BENCH_OBJS)
	@mkdir -p $(dir $@)
	$(call link_ftbench,$(BENCH_OBJS))
endif
# VM=1 (ARCH=arm64): the study inside the arm64 Linux guest of scripts/vm,
# with the kernel's perf subsystem and QEMU's PMUv3 (docs/vm.md); the guest
# writes the run into its /out, which scripts/vm copies to BENCH_DIR (with
# console.log). VM_ARGS adds scripts/vm options (--cpu cortex-a72, ...).
VM ?= 0
VM_ARGS ?=
ifeq ($(VM),1)
ifneq ($(ARCH),arm64)
$(error VM=1 runs the arm64 guest: use ARCH=arm64)
endif
ifneq ($(RESUME),)
$(error VM=1 does not resume a run: drop RESUME)
endif
BENCH_CMD := scripts/vm --out $(BENCH_DIR) --bin $(BENCH_BIN) $(VM_ARGS) -- \
	ftbench run --pmu pmu $(BENCH_OPTS) --out /out
BENCH_NEEDS := $(BENCH_BIN) build/vm/init
else ifeq ($(ARCH),$(HOSTARCH))
BENCH_CMD := $(BENCH_BIN) run $(BENCH_ARGS)
BENCH_NEEDS := $(BENCH_BIN)
else
BENCH_CMD := scripts/qemu-emu $(BENCH_BIN) run --pmu emu $(BENCH_ARGS)
BENCH_NEEDS := $(BENCH_BIN) $(EMU_PLUGIN)
endif

bench:
	@scripts/install-deps $(ARCH) $(if $(filter 1,$(MODEL)),model) \
		$(if $(filter 1,$(VM)),vm)
	@$(MAKE) --no-print-directory ARCH=$(ARCH) $(BENCH_NEEDS) \
		$(if $(filter 1,$(MODEL)),$(EMU_PLUGIN))
	$(BENCH_CMD)
	$(if $(filter 1,$(MODEL)),scripts/model record --arch $(ARCH) \
		--bin $(BENCH_BIN) $(if $(VARIANTS),--variants $(VARIANTS)) \
		$(BENCH_DIR))
	scripts/report $(BENCH_DIR)

# ---- Style and static analysis ----
# Our C (the generated corpus is not ours to lint).
# kmod/ is kernel code (kernel headers, kernel style): not linted as user space.
LINT_C := $(shell git ls-files '*.c' 2>/dev/null | grep -v -e '^tests/emu/' -e '^harness/gbench/' -e '^kmod/')
LINT_H := $(shell git ls-files '*.h' 2>/dev/null)
LINT_DEFS := -D_GNU_SOURCE -DFTB_ARCH_x86_64=1 -DFTB_ARCH_NAME='"x86_64"' -DFTB_LAYOUT=plain \
	-D__x86_64__ -D__linux__

lint:
	cppcheck --quiet --error-exitcode=1 --inline-suppr \
		--enable=warning,performance,portability --std=c11 \
		--suppress=missingIncludeSystem -I. -Iasm/x86_64 $(LINT_DEFS) \
		$(filter-out asm/arm64/% tests/unit/arm64_% kmod/%,$(LINT_C))
	clang-tidy --quiet $(filter-out asm/arm64/% tests/unit/arm64_% harness/pmc_arm64.c kmod/%,$(LINT_C)) -- \
		-std=gnu11 -I. -Iasm/x86_64 $(LINT_DEFS)

format:
	clang-format -i $(LINT_C) $(LINT_H)

format-check:
	clang-format --dry-run --Werror $(LINT_C) $(LINT_H)
