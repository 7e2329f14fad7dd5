# The corpus (generated, built once per layout) and the ftbench program.
HOST_B := build/host
CORPUSGEN := $(HOST_B)/corpusgen
# Shared by the sanitizer build: the corpus is compiled without sanitizers.
CORPUS_B := build/$(ARCH)/corpus-$(CORPUS_ID)

FTB_SRCS += bench/corpus.c bench/verify.c bench/ops_set.c bench/cli.c \
	bench/cmd_verify.c bench/cmd_run.c bench/runner.c bench/scenarios.c \
	bench/workload.c bench/stress.c bench/run_opts.c bench/cmd_kernel.c \
	bench/kpatch.c bench/pairs.c
FTB_MAIN := bench/main.c

# The corpus is compiled without -g and with the layout's patchable-entry
# flags; everything else in ftbench is compiled without them.
CORPUS_CFLAGS := -O2 -std=gnu11 $(WARN) -I. -Iasm/$(ARCH)

CORPUSGEN_SRCS := bench/corpusgen/main.c bench/corpusgen/plan.c \
	bench/corpusgen/csource.c bench/corpusgen/stamp.c
$(CORPUSGEN): $(CORPUSGEN_SRCS) bench/corpusgen/plan.h bench/corpusgen/corpusgen.h
	@mkdir -p $(dir $@)
	$(call quiet,HOSTCC,$@)$(HOSTCC) -O2 -std=gnu11 $(WARN) -I. -o $@ $(CORPUSGEN_SRCS)

CORPUS_PLAN := --funcs $(CORPUS_FUNCS) --seed $(CORPUS_SEED) --body $(CORPUS_BODY) \
	--templates $(CORPUS_TEMPLATES) --chunk $(CORPUS_CHUNK)

# Generated into a scratch directory; only files whose bytes changed replace
# the old ones, so a change to corpusgen recompiles only what it changed.
$(GEN)/stamp: $(CORPUSGEN)
	@rm -rf $(GEN)/.new && mkdir -p $(GEN)/.new
	$(call quiet,GEN,$(GEN))$(CORPUSGEN) sources $(CORPUS_PLAN) --out $(GEN)/.new
	@for f in $(GEN)/.new/*.c; do \
		cmp -s "$$f" "$(GEN)/$${f##*/}" || mv "$$f" "$(GEN)/$${f##*/}"; \
	done; rm -rf $(GEN)/.new
	@touch $@

# A generated file lost since the stamp (a deleted file, an interrupted
# generation) is an error that also drops the stamp: the next make
# regenerates the set.
$(GEN)/%.c: $(GEN)/stamp
	@test -f $@ || { rm -f $(GEN)/stamp; \
		echo "make: $@ is missing; the corpus sources will be regenerated, run make again" >&2; \
		exit 1; }

# Generated sources are kept: make must not delete them as intermediates.
.SECONDARY:

$(CORPUS_B)/callee.o: $(GEN)/callee.c
	@mkdir -p $(dir $@)
	$(call quiet,CC,$@)$(CC) $(CORPUS_CFLAGS) -c $(GEN)/callee.c -o $@

# One set of rules per layout L: GCC compiles the templates with L's flags
# to assembly once; corpusgen stamps each chunk's functions out of it (with
# their own names, callees and records) and the assembler builds the chunk.
# The stamped assembly is dropped once assembled: it is 1 MB a chunk.
define corpus_layout
$(CORPUS_B)/$(1)/templates.s: $(GEN)/templates.c bench/corpus_gen.h bench/corpus.h
	@mkdir -p $$(dir $$@)
	$$(call quiet,CC,$$@)$$(CC) $$(CORPUS_CFLAGS) $$(LAYOUT_CFLAGS_$(1)) -DFTB_LAYOUT=$(1) \
		-S $(GEN)/templates.c -o $$@

$(CORPUS_B)/$(1)/chunk_%.o: $(CORPUS_B)/$(1)/templates.s $(CORPUSGEN)
	$$(call quiet,STAMP,$$@)$(CORPUSGEN) stamp $(CORPUS_PLAN) --layout $(1) \
		--asm $$< --index $$* >$$@.s && \
		$$(CC) -c $$@.s -o $$@ && rm -f $$@.s

$(CORPUS_B)/$(1)/table.o: $(GEN)/table.c bench/corpus_gen.h bench/corpus.h
	@mkdir -p $$(dir $$@)
	$$(call quiet,CC,$$@)$$(CC) $$(CORPUS_CFLAGS) -DFTB_LAYOUT=$(1) \
		-DFTB_CORPUS_CFLAGS_STR='"$$(LAYOUT_CFLAGS_$(1))"' \
		-c $(GEN)/table.c -o $$@

# The ftrace-ops sample's tracees, with the layout's patch site.
$(CORPUS_B)/$(1)/tracees.o: bench/tracees.c bench/corpus_gen.h bench/corpus.h
	@mkdir -p $$(dir $$@)
	$$(call quiet,CC,$$@)$$(CC) $$(CORPUS_CFLAGS) $$(LAYOUT_CFLAGS_$(1)) -DFTB_LAYOUT=$(1) \
		-c bench/tracees.c -o $$@

CORPUS_OBJS_$(1) := $(patsubst %,$(CORPUS_B)/$(1)/chunk_%.o,$(CORPUS_CHUNKS)) \
	$(CORPUS_B)/$(1)/table.o $(CORPUS_B)/$(1)/tracees.o
CORPUS_OBJS += $$(CORPUS_OBJS_$(1))
endef

CORPUS_OBJS := $(CORPUS_B)/callee.o
$(foreach l,$(LAYOUTS),$(eval $(call corpus_layout,$(l))))

# Linking with libcorpus.a pulls only what is referenced, and the layout
# descriptors are weak: these make plain and literal wanted (unit tests,
# fuzz targets); the others come in only where referenced.
CORPUS_WANT := -Wl,-u,ftb_corpus_plain -Wl,-u,ftb_corpus_literal

$(B)/libcorpus.a: $(CORPUS_OBJS)
	@rm -f $@
	$(call quiet,AR,$@)$(AR) rcs $@ $^

# What tests/corpus-equiv.t needs to rebuild functions the slow way.
.PHONY: corpus-vars
corpus-vars:
	@echo "CC=$(CC)"
	@echo "CORPUS_CFLAGS=$(CORPUS_CFLAGS)"
	@echo "CORPUS_B=$(CORPUS_B)"
	@echo "CORPUSGEN=$(CORPUSGEN)"
	@echo "CORPUS_PLAN=$(CORPUS_PLAN)"
	@echo "LAYOUTS=$(LAYOUTS)"
	@$(foreach l,$(LAYOUTS),echo "LAYOUT_CFLAGS_$(l)=$(LAYOUT_CFLAGS_$(l))";)
	@$(foreach v,$(patsubst VARIANT_LAYOUT_%,%,$(filter VARIANT_LAYOUT_%,$(.VARIABLES))),echo "VARIANT_LAYOUT $(v) $(VARIANT_LAYOUT_$(v))";)

# The kernel variant's module (kmod/ftbench_kpatch.c, bench/kpatch.c),
# built out of tree against scripts/kernel's cached arm64 build (built when
# missing): make build/kpatch/ftbench_kpatch.ko [KPATCH_KDIR=DIR/build].
# The staging directory keeps kmod/ free of another Kbuild.
KPATCH_B := build/kpatch
build/kpatch/ftbench_kpatch.ko: kmod/ftbench_kpatch.c bench/module.mk
	@mkdir -p $(KPATCH_B)
	cp kmod/ftbench_kpatch.c $(KPATCH_B)/
	echo 'obj-m := ftbench_kpatch.o' > $(KPATCH_B)/Kbuild
	kdir=$${KPATCH_KDIR:-$$(scripts/kernel)/build} && \
	$(MAKE) -C "$$kdir" M=$(CURDIR)/$(KPATCH_B) ARCH=arm64 \
		CROSS_COMPILE=$(if $(filter arm64,$(HOSTARCH)),,aarch64-linux-gnu-) modules
