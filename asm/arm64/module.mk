# arm64: the ISA layer and the corpus layouts.
FTB_SRCS += asm/arm64/insn.c asm/arm64/site.c asm/arm64/tramp.c \
	asm/arm64/veneer.c asm/arm64/entry.S asm/arm64/probe.S

# PLAIN: the kernel's pre-CALL_OPS site, functions 4-byte aligned as the
# kernel's CONFIG_FUNCTION_ALIGNMENT=4. LITERAL: CALL_OPS, 8-byte aligned so
# the literal can be written with one atomic store. The `range` scenario's
# layouts: the same two with BTI landing pads (BTI C at each entry), and the
# 2022 dyntramp RFC's =5,3 with a three-instruction veneer slot before each
# function. docs/corpus.md.
LAYOUTS := plain literal plain_bti literal_bti veneer
LAYOUT_CFLAGS_plain := -fpatchable-function-entry=2 -falign-functions=4
LAYOUT_CFLAGS_literal := -fpatchable-function-entry=4,2 -falign-functions=8
LAYOUT_CFLAGS_plain_bti := $(LAYOUT_CFLAGS_plain) -mbranch-protection=bti
LAYOUT_CFLAGS_literal_bti := $(LAYOUT_CFLAGS_literal) -mbranch-protection=bti
LAYOUT_CFLAGS_veneer := -fpatchable-function-entry=5,3 -falign-functions=4

# The flavours' layouts (variants/module.mk has the designs').
VARIANT_LAYOUT_dyntramp-bti := plain_bti
VARIANT_LAYOUT_callops-bti := literal_bti
VARIANT_LAYOUT_dyntramp-far := veneer
VARIANT_LAYOUT_callops-far := literal
