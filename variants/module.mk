# The ftrace core and the dispatch variants (ISA-neutral).
FTB_SRCS += variants/task.c variants/error.c variants/hash.c variants/ops.c \
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

# The ftrace core is kernel code: compiled with the kernel's code-generation
# flags (scripts/Makefile.* of 6.12 as the kernel's build shows them) and
# the chosen configuration's (docs/kconfig.md); asm/<isa>/module.mk adds
# the ISA's. Every file under variants/ gets them.
KERNEL_CFLAGS := -fno-PIE -fno-common -fno-strict-aliasing -fno-delete-null-pointer-checks \
	-fno-allow-store-data-races -fno-omit-frame-pointer \
	-fno-optimize-sibling-calls -ftrivial-auto-var-init=zero \
	-fno-strict-overflow -fconserve-stack -funsigned-char \
	-fno-stack-clash-protection $(KERNEL_CFLAGS_ISA) \
	$(KERNEL_CFLAGS_$(KCONFIG)) -DFTB_KCONFIG='"$(KCONFIG)"'
$(B)/obj/variants/%.o: OBJ_CFLAGS = $(KERNEL_CFLAGS)
