# The ftrace core and the dispatch variants (ISA-neutral).
FTB_SRCS += variants/error.c variants/hash.c variants/ops.c \
	variants/records.c variants/rcu_tasks.c variants/text.c \
	variants/execmem.c variants/variant.c variants/none.c \
	variants/list.c variants/dyntramp.c variants/callops.c \
	variants/direct.c

# Variants that exist on one ISA only (variants/<isa>/: arm64's far
# flavours of the `range` scenario), listed by its isa_variants.c.
FTB_SRCS += $(wildcard variants/$(ARCH)/*.c)
