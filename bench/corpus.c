// SPDX-License-Identifier: GPL-2.0
/*
 * Open one layout of the corpus: find its patch sites in
 * __patchable_function_entries (the compiler's table of patch areas, as the
 * kernel uses its mcount_loc table), match each to its function, and have the
 * ISA code check geometry and compiled bytes. Any problem is refused with the
 * function named.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arch.h"
#include "bench/corpus.h"

/* Weak: a binary linked without any layout has no such section. */
extern const uintptr_t __start___patchable_function_entries[]
	__attribute__((weak));
extern const uintptr_t __stop___patchable_function_entries[]
	__attribute__((weak));
/*
 * Weak: an ISA links only the layouts it builds (asm/<isa>/module.mk
 * LAYOUTS), and `make bench VARIANTS=...` only those its variants use.
 */
extern const struct ftb_corpus_desc ftb_corpus_plain __attribute__((weak));
extern const struct ftb_corpus_desc ftb_corpus_literal __attribute__((weak));
extern const struct ftb_corpus_desc ftb_corpus_plain_bti __attribute__((weak));
extern const struct ftb_corpus_desc ftb_corpus_literal_bti
	__attribute__((weak));
extern const struct ftb_corpus_desc ftb_corpus_veneer __attribute__((weak));

static const struct ftb_corpus_desc *const layouts[FTB_LAYOUT_NR] = {
	[FTB_LAYOUT_PLAIN] = &ftb_corpus_plain,
	[FTB_LAYOUT_LITERAL] = &ftb_corpus_literal,
	[FTB_LAYOUT_PLAIN_BTI] = &ftb_corpus_plain_bti,
	[FTB_LAYOUT_LITERAL_BTI] = &ftb_corpus_literal_bti,
	[FTB_LAYOUT_VENEER] = &ftb_corpus_veneer,
};

static const char *const layout_names[FTB_LAYOUT_NR] = {
	[FTB_LAYOUT_PLAIN] = "plain",
	[FTB_LAYOUT_LITERAL] = "literal",
	[FTB_LAYOUT_PLAIN_BTI] = "plain_bti",
	[FTB_LAYOUT_LITERAL_BTI] = "literal_bti",
	[FTB_LAYOUT_VENEER] = "veneer",
};

const char *ftb_layout_name(enum ftb_layout l)
{
	return l < FTB_LAYOUT_NR ? layout_names[l] : "?";
}

/* NULL for a layout this ISA does not build. */
const struct ftb_corpus_desc *ftb_corpus_desc(enum ftb_layout l)
{
	return l < FTB_LAYOUT_NR ? layouts[l] : NULL;
}

static const char *const tracee_names[FTB_TRACEE_NR] = {
	[FTB_TRACEE_RELEVANT] = "tracee_relevant",
	[FTB_TRACEE_IRRELEVANT] = "tracee_irrelevant",
	[FTB_TRACEE_CALLBACK] = "ops_func_nop",
};

/* The name of the function at site index idx. */
void ftb_corpus_fn_name(const struct ftb_corpus *c, size_t idx, char *buf,
			size_t len)
{
	if (idx >= c->nr && idx < c->nr + FTB_TRACEE_NR)
		snprintf(buf, len, "ftb_%s_%s", c->desc->layout,
			 tracee_names[idx - c->nr]);
	else
		snprintf(buf, len, "ftb_%s_f%zu", c->desc->layout, idx);
}

/* A hand-made corpus (a unit test's) may come without tracees. */
static size_t nr_tracees(const struct ftb_corpus *c)
{
	return c->desc->tracees ? FTB_TRACEE_NR : 0;
}

/* Built functions, then the tracees (by_addr_idx numbering). */
static size_t nr_built(const struct ftb_corpus *c)
{
	return c->desc->nr + nr_tracees(c);
}

static uintptr_t built_addr(const struct ftb_corpus *c, uint32_t i)
{
	if (i < c->desc->nr)
		return (uintptr_t)c->desc->table[i];
	return ftb_tracee_addr(c->desc->tracees, (int)(i - c->desc->nr));
}

/* The site index of built function i, or -1 if this run does not use it. */
static int site_of(const struct ftb_corpus *c, uint32_t i)
{
	if (i >= c->desc->nr)
		return (int)(c->nr + (i - c->desc->nr));
	return i < c->nr ? (int)i : -1;
}

static const struct ftb_corpus *sort_corpus;

static int cmp_by_addr(const void *a, const void *b)
{
	uintptr_t x = built_addr(sort_corpus, *(const uint32_t *)a);
	uintptr_t y = built_addr(sort_corpus, *(const uint32_t *)b);

	return x < y ? -1 : x > y;
}

static int sort_functions(struct ftb_corpus *c)
{
	size_t n = nr_built(c);

	c->by_addr = calloc(n, sizeof(*c->by_addr));
	c->by_addr_idx = calloc(n, sizeof(*c->by_addr_idx));
	if (!c->by_addr || !c->by_addr_idx)
		return -1;
	for (size_t i = 0; i < n; i++)
		c->by_addr_idx[i] = (uint32_t)i;
	sort_corpus = c;
	qsort(c->by_addr_idx, n, sizeof(*c->by_addr_idx), cmp_by_addr);
	for (size_t i = 0; i < n; i++)
		c->by_addr[i] = built_addr(c, c->by_addr_idx[i]);
	return 0;
}

/* Position of the first function at or above addr. */
static size_t lower_bound(const struct ftb_corpus *c, uintptr_t addr)
{
	size_t lo = 0, hi = nr_built(c);

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (c->by_addr[mid] < addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The site index of the function holding addr, or -1. */
int ftb_corpus_index_of(const struct ftb_corpus *c, uintptr_t addr)
{
	size_t pos = lower_bound(c, addr + 1);

	if (pos == 0 || addr >= (uintptr_t)c->desc->text_end)
		return -1;
	return site_of(c, c->by_addr_idx[pos - 1]);
}

#define LANDING_PAD_MAX 4 /* endbr64 */

/* A table entry belongs to the function that starts at or just after it. */
static int add_site(struct ftb_corpus *c, uintptr_t entry, char *err,
		    size_t errlen)
{
	size_t pos = lower_bound(c, entry), n = nr_built(c);
	struct ftb_site *s;
	int idx;
	char name[64];

	/*
	 * Or to the one that starts just before it: with -fcf-protection the
	 * patch area follows the function's endbr64 (asm/x86_64/site.c).
	 */
	if (pos > 0 && (pos == n || c->by_addr[pos] != entry) &&
	    entry - c->by_addr[pos - 1] <= LANDING_PAD_MAX)
		pos--;
	else if (pos == n || c->by_addr[pos] - entry > 16) {
		snprintf(err, errlen,
			 "patch site at %#lx matches no %s corpus function",
			 (unsigned long)entry, c->desc->layout);
		return -1;
	}
	idx = site_of(c, c->by_addr_idx[pos]);
	if (idx < 0)
		return 0;
	s = &c->sites[idx];
	ftb_corpus_fn_name(c, (size_t)idx, name, sizeof(name));
	if (s->func) {
		snprintf(err, errlen, "%s: more than one patch site", name);
		return -1;
	}
	*s = (struct ftb_site){ .base = entry,
				.func = c->by_addr[pos],
				.index = (uint32_t)idx,
				.layout = (uint8_t)c->layout };
	if (arch_site_describe(s, err, errlen)) {
		size_t used = strlen(err);
		char msg[FTB_ERRLEN];

		snprintf(msg, sizeof(msg), "%s: %.*s", name, (int)used, err);
		snprintf(err, errlen, "%s", msg);
		return -1;
	}
	return 0;
}

static int find_sites(struct ftb_corpus *c, char *err, size_t errlen)
{
	/* The linker's section bounds: compared as addresses, not objects. */
	size_t n = ((uintptr_t)__stop___patchable_function_entries -
		    (uintptr_t)__start___patchable_function_entries) /
		   sizeof(uintptr_t);
	uintptr_t lo = (uintptr_t)c->desc->text_start;
	uintptr_t hi = (uintptr_t)c->desc->text_end;
	char name[64];

	for (size_t i = 0; i < n; i++) {
		uintptr_t e = __start___patchable_function_entries[i];

		if (e < lo || e >= hi)
			continue;
		if (add_site(c, e, err, errlen))
			return -1;
	}
	for (size_t i = 0; i < c->nsites; i++) {
		if (c->sites[i].func)
			continue;
		ftb_corpus_fn_name(c, i, name, sizeof(name));
		snprintf(err, errlen,
			 "%s: no patch site (corpus built without "
			 "-fpatchable-function-entry?)",
			 name);
		return -1;
	}
	return 0;
}

int ftb_corpus_open(struct ftb_corpus *c, enum ftb_layout l, size_t nr,
		    char *err, size_t errlen)
{
	memset(c, 0, sizeof(*c));
	c->layout = l;
	c->desc = ftb_corpus_desc(l);
	c->nr = nr;
	if (!c->desc) {
		snprintf(err, errlen,
			 "corpus layout %s is not built for " FTB_ARCH_NAME,
			 ftb_layout_name(l));
		return -1;
	}
	if (nr == 0 || nr > c->desc->nr) {
		snprintf(err, errlen,
			 "--funcs %zu: the %s corpus was built with %zu "
			 "functions (rebuild with make CORPUS_FUNCS=N)",
			 nr, c->desc->layout, c->desc->nr);
		return -1;
	}
	/* Trampolines go above the text and must reach all of it. */
	if ((size_t)(c->desc->text_end - c->desc->text_start) >
	    FTB_BRANCH_RANGE / 2) {
		snprintf(err, errlen,
			 "the %s corpus text is %zu MiB: beyond half the "
			 "%lu MiB branch reach (rebuild with a smaller "
			 "CORPUS_FUNCS or CORPUS_BODY)",
			 c->desc->layout,
			 (size_t)(c->desc->text_end - c->desc->text_start) >>
				 20,
			 FTB_BRANCH_RANGE >> 20);
		return -1;
	}
	c->nsites = nr + nr_tracees(c);
	c->sites = calloc(c->nsites, sizeof(*c->sites));
	if (!c->sites || sort_functions(c)) {
		snprintf(err, errlen, "out of memory for %zu sites", nr);
		ftb_corpus_close(c);
		return -1;
	}
	if (find_sites(c, err, errlen)) {
		ftb_corpus_close(c);
		return -1;
	}
	return 0;
}

void ftb_corpus_close(struct ftb_corpus *c)
{
	free(c->sites);
	free(c->by_addr);
	free(c->by_addr_idx);
	c->sites = NULL;
	c->by_addr = NULL;
	c->by_addr_idx = NULL;
}
