/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The interface every dispatch design implements: name, init (take over the
 * corpus sites), attach / detach one ops, teardown. Registration and record
 * accounting are shared (ftrace_startup/ftrace_shutdown); a variant only
 * says what a site must branch to (its update hook) and what per-ops code
 * it builds.
 */
#ifndef FTB_VARIANT_H
#define FTB_VARIANT_H

#include <stddef.h>

#include "bench/corpus.h"
#include "variants/ftrace.h"

struct ftb_variant {
	const char *name;
	const char *summary;
	enum ftb_layout layout;
	/*
	 * A flavour is a design (list, dyntramp, callops, ...) built or
	 * placed differently: BTI landing pads, code beyond branch reach.
	 * It follows its design's dispatch rules and runs only in the
	 * scenarios that compare flavours (`range`, `untraced`, `footprint`).
	 * NULL for a design.
	 */
	const struct ftb_variant *design;
	/* Far flavours: enabled sites reach their target through a veneer. */
	int far;
	/* The shared CALL_OPS caller its sites reach (callops designs). */
	uintptr_t (*callops_caller)(void);
	int (*init)(struct ftb_corpus *c, char *err, size_t errlen);
	int (*attach)(struct ftrace_ops *ops, char *err, size_t errlen);
	int (*detach)(struct ftrace_ops *ops, char *err, size_t errlen);
	void (*teardown)(void);
};

extern const struct ftb_variant ftb_variant_none, ftb_variant_none_literal;
extern const struct ftb_variant ftb_variant_list, ftb_variant_dyntramp;
extern const struct ftb_variant ftb_variant_callops, ftb_variant_direct;
extern const struct ftb_variant ftb_variant_dyntramp_bti,
	ftb_variant_callops_bti;
extern const struct ftb_variant ftb_variant_dyntramp_far,
	ftb_variant_callops_far; /* arm64 only */
/* The variants only this ISA builds (variants/<isa>/isa_variants.c). */
extern const struct ftb_variant *const ftb_isa_variants[];

/* The i-th variant this build has (its layout built), NULL past the end. */
const struct ftb_variant *ftb_variant_at(int i);
const struct ftb_variant *ftb_variant_find(const char *name);

static inline const struct ftb_variant *
ftb_variant_design(const struct ftb_variant *v)
{
	return v->design ? v->design : v;
}

/* Shared steps (variant.c). */
int ftb_sites_init(struct ftb_corpus *c, char *err, size_t errlen);
void ftb_sites_fini(void);
int ftb_rec_retarget(struct dyn_ftrace *rec, uintptr_t want);
uintptr_t ftb_corpus_near(void);
int ftb_report(int ret, const char *what, char *err, size_t errlen);
int ftb_update_nothing(struct dyn_ftrace *rec);
int ftb_shared_caller_init(char *err, size_t errlen);

typedef void *(*ftb_make_code_t)(struct ftrace_ops *ops, uintptr_t func,
				 uintptr_t near, size_t *size, char *err,
				 size_t errlen);
int ftb_attach_with_code(struct ftrace_ops *ops, ftb_make_code_t make,
			 ftrace_update_rec_t update, char *err, size_t errlen);
int ftb_detach_with_code(struct ftrace_ops *ops, ftrace_update_rec_t update,
			 char *err, size_t errlen);
void ftb_shared_caller_fini(void);

/* What a design shares with its flavours (dyntramp.c, callops.c). */
uintptr_t ftb_dyntramp_want(struct dyn_ftrace *rec);
int ftb_dyntramp_init(struct ftb_corpus *c, char *err, size_t errlen);
void ftb_dyntramp_teardown(void);
int ftb_callops_init(struct ftb_corpus *c, char *err, size_t errlen);
/* Before any ops: enabled sites branch to entry (a PLT to a far caller). */
void ftb_callops_set_entry(uintptr_t entry);
int ftb_callops_attach(struct ftrace_ops *ops, char *err, size_t errlen);
int ftb_callops_detach(struct ftrace_ops *ops, char *err, size_t errlen);

#endif
