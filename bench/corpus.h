/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The function corpus at run time: one build per layout (docs/corpus.md),
 * its patch sites found from __patchable_function_entries and checked.
 */
#ifndef FTB_CORPUS_H
#define FTB_CORPUS_H

#include <stddef.h>
#include <stdint.h>

#include "asm/site.h"

typedef unsigned long (*ftb_fn_t)(unsigned long x, unsigned long depth);

/*
 * The kernel's samples/ftrace/ftrace-ops.c in each layout (bench/tracees.c):
 * two empty tracees and the empty callback, each with the layout's patch
 * site (all three are records), and the loop that calls the relevant
 * tracee directly.
 */
enum {
	FTB_TRACEE_RELEVANT,
	FTB_TRACEE_IRRELEVANT,
	FTB_TRACEE_CALLBACK,
	FTB_TRACEE_NR
};

struct ftrace_ops;
struct ftrace_regs;

struct ftb_tracees {
	void (*fn[FTB_TRACEE_CALLBACK])(void);
	void (*callback)(unsigned long ip, unsigned long parent_ip,
			 struct ftrace_ops *op, struct ftrace_regs *fregs);
	void (*loop)(uint64_t calls);
};

static inline uintptr_t ftb_tracee_addr(const struct ftb_tracees *t, int k)
{
	return k == FTB_TRACEE_CALLBACK ? (uintptr_t)t->callback
					: (uintptr_t)t->fn[k];
}

/* Emitted by the generated table.c of each layout. */
struct ftb_corpus_desc {
	const char *layout;
	const ftb_fn_t *table;
	size_t nr;
	char *text_start, *text_end;
	const char *cflags;
	const struct ftb_tracees *tracees;
};

struct ftb_corpus_params {
	unsigned long funcs, seed, body, templates;
};

extern const struct ftb_corpus_params ftb_corpus_params;
extern const int32_t ftb_corpus_callee[];
/* Site-less copies of f0 and f1 (no patchable entry): the untraced floor. */
unsigned long ftb_ref_f0(unsigned long x, unsigned long depth);
unsigned long ftb_ref_f1(unsigned long x, unsigned long depth);

struct ftb_corpus {
	enum ftb_layout layout;
	const struct ftb_corpus_desc *desc;
	size_t nr; /* functions this run uses (--funcs) */
	/*
	 * By site index: function i at i < nr, then the sample's
	 * FTB_TRACEE_NR tracees (ftb_corpus_tracee_site).
	 */
	struct ftb_site *sites;
	size_t nsites;
	uintptr_t *by_addr;    /* every built function's address, sorted */
	uint32_t *by_addr_idx; /* its index, the sample's after desc->nr */
};

#define FTB_DEFAULT_FUNCS 4096

const struct ftb_corpus_desc *ftb_corpus_desc(enum ftb_layout l);
int ftb_corpus_open(struct ftb_corpus *c, enum ftb_layout l, size_t nr,
		    char *err, size_t errlen);
void ftb_corpus_close(struct ftb_corpus *c);
void ftb_corpus_fn_name(const struct ftb_corpus *c, size_t idx, char *buf,
			size_t len);
int ftb_corpus_index_of(const struct ftb_corpus *c, uintptr_t addr);

static inline ftb_fn_t ftb_corpus_fn(const struct ftb_corpus *c, size_t i)
{
	return c->desc->table[i];
}

/* The site index of the sample's function k (FTB_TRACEE_RELEVANT, ...). */
static inline uint32_t ftb_corpus_tracee_site(const struct ftb_corpus *c, int k)
{
	return (uint32_t)(c->nr + (size_t)k);
}

#endif
