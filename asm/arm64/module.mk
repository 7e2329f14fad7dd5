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

# The kernel's arm64 code generation for the ftrace core (variants/module.mk).
# debian: STACKPROTECTOR_STRONG with the canary per task, read through the
# thread pointer as the kernel reads it through SP_EL0 (variants/task.h:
# TPIDR_EL0 + 16 + 16), and pac-ret (PACIASP/AUTIASP: HINTs, NOPs without
# FEAT_PAuth). docs/kconfig.md.
FTB_STACK_GUARD_OFFSET := 32
KERNEL_CFLAGS_ISA := -mgeneral-regs-only -falign-functions=8
KERNEL_CFLAGS_minimal := -fno-stack-protector -mbranch-protection=none
KERNEL_CFLAGS_debian := -fstack-protector-strong \
	-mstack-protector-guard=sysreg -mstack-protector-guard-reg=tpidr_el0 \
	-mstack-protector-guard-offset=$(FTB_STACK_GUARD_OFFSET) \
	-DFTB_STACK_GUARD_OFFSET=$(FTB_STACK_GUARD_OFFSET) \
	-mbranch-protection=pac-ret
