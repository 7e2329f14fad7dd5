# Unit tests: tests/unit/<name>.c -> $(B)/tests/<name>, linked with
# libftb.a and the corpus archive (plain and literal, CORPUS_WANT).
# tests/unit.t runs every one of them.
UNIT_SRCS := $(wildcard tests/unit/*.c)
UNIT_BINS := $(patsubst tests/unit/%.c,$(B)/tests/%,$(UNIT_SRCS))
TEST_DEPS += $(UNIT_BINS)
# The fuzz targets' replayers (tests/fuzz/module.mk adds to TEST_DEPS).
include tests/fuzz/module.mk

$(B)/tests/%: tests/unit/%.c $(B)/libftb.a $(B)/libcorpus.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_COMMON) $(CFLAGS) $(LINK_STATIC) $(LDFLAGS) -o $@ $< \
		$(CORPUS_WANT) $(B)/libftb.a $(B)/libcorpus.a $(LDLIBS) $(HARNESS_LIBS)

.PHONY: tests-build
tests-build: $(B)/ftbench $(TEST_DEPS)

TEST_ARCHS := $(HOSTARCH)
ifneq ($(HOSTARCH),arm64)
ifneq ($(SANITIZE),1)
TEST_ARCHS += arm64
endif
endif

# The whole suite: native, and arm64 under qemu when this is not arm64.
# SANITIZE=1: the native suite built with ASan and UBSan (build/<arch>-san).
test:
	@scripts/install-deps $(TEST_ARCHS) browser
	@for a in $(TEST_ARCHS); do \
		$(MAKE) --no-print-directory ARCH=$$a SANITIZE=$(SANITIZE) tests-build || exit 2; \
	done
	@$(MAKE) --no-print-directory STATIC=0 build/$(HOSTARCH)-dyn/ftbench
	@FTB_SUFFIX=$(if $(filter 1,$(SANITIZE)),-san) tests/run $(shell echo $(TEST_ARCHS) | tr ' ' ,)
