# The ftrace core and the dispatch variants (ISA-neutral).
FTB_SRCS += variants/error.c variants/hash.c variants/ops.c \
	variants/records.c variants/rcu_tasks.c variants/text.c \
	variants/execmem.c variants/variant.c variants/none.c \
	variants/list.c variants/dyntramp.c variants/callops.c \
	variants/direct.c

# Variants that exist on one ISA only (variants/<isa>/: arm64's far
# flavours of the `range` scenario), listed by its isa_variants.c.
FTB_SRCS += $(wildcard variants/$(ARCH)/*.c)

# The layout each variant runs on (`ftbench list`; tests/layouts.t checks
# that the two agree): `make bench VARIANTS=...` builds only these.
# asm/<isa>/module.mk adds the ISA's own variants.
VARIANT_LAYOUT_none := plain
VARIANT_LAYOUT_none-literal := literal
VARIANT_LAYOUT_list := plain
VARIANT_LAYOUT_dyntramp := plain
VARIANT_LAYOUT_callops := literal
VARIANT_LAYOUT_direct := plain
