# arm64: the ISA layer and the corpus layouts.
FTB_SRCS += asm/arm64/insn.c asm/arm64/site.c asm/arm64/tramp.c \
	asm/arm64/entry.S asm/arm64/probe.S

# PLAIN: the kernel's pre-CALL_OPS site, functions 4-byte aligned as the
# kernel's CONFIG_FUNCTION_ALIGNMENT=4. LITERAL: CALL_OPS, 8-byte aligned so
# the literal can be written with one atomic store. docs/corpus.md.
LAYOUTS := plain literal
LAYOUT_CFLAGS_plain := -fpatchable-function-entry=2 -falign-functions=4
LAYOUT_CFLAGS_literal := -fpatchable-function-entry=4,2 -falign-functions=8
