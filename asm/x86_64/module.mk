# x86_64 ISA layer: patch sites, int3 live patching, shared callers and
# trampolines (docs/x86_64.md).
FTB_SRCS += asm/x86_64/insn.c asm/x86_64/site.c asm/x86_64/text_poke.c \
	asm/x86_64/tramp.c asm/x86_64/caller.S asm/x86_64/probe.S

# Corpus layouts (bench/module.mk builds one corpus per layout).
#
# plain:   the kernel's fentry site, 5 bytes at the entry; functions
#          16-byte aligned as the x86_64 kernel aligns them
#          (CONFIG_FUNCTION_ALIGNMENT_16B); GCC's -O2 default, made explicit.
# literal: ftbench's CALL_OPS analogue: 16 bytes before the entry (8 of
#          padding, then the 8-byte ops literal at func-8), the same 5-byte
#          site at the entry, functions 16-byte aligned so the caller finds
#          the literal at (ip & ~15) - 8. The 16 bytes before the function
#          are the kernel's x86_64 CALL_PADDING area (=16,16) in size.
#
# FTB_CET=1 builds the corpora with -fcf-protection=branch: every
# address-taken function then starts with endbr64 and the site follows it
# (func+4). Its own build and corpus directories keep the two geometries
# apart.
FTB_CET ?= 0
ifeq ($(FTB_CET),1)
X86_CET_CFLAGS := -fcf-protection=branch
B := $(B)-cet
CORPUS_ID := $(CORPUS_ID)-cet
GEN := build/gen/$(CORPUS_ID)
else
X86_CET_CFLAGS := -fcf-protection=none
endif

LAYOUTS := plain literal
LAYOUT_CFLAGS_plain := -fpatchable-function-entry=5,0 -falign-functions=16 \
	$(X86_CET_CFLAGS)
LAYOUT_CFLAGS_literal := -fpatchable-function-entry=21,16 \
	-falign-functions=16 $(X86_CET_CFLAGS)

# The kernel's x86_64 code generation for the ftrace core
# (variants/module.mk). debian: STACKPROTECTOR_STRONG; the canary is the C
# library's %fs:0x28, as the kernel's is a per-CPU %gs load. docs/kconfig.md.
KERNEL_CFLAGS_ISA :=
KERNEL_CFLAGS_minimal := -fno-stack-protector
KERNEL_CFLAGS_debian := -fstack-protector-strong
