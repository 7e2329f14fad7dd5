// SPDX-License-Identifier: GPL-2.0
/*
 * The variant registry and the steps the variants share: taking over the
 * sites of a corpus (the kernel's ftrace_init / ftrace_init_nop) and moving
 * one site's call slot between NOP and a target with the right primitive.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "asm/site.h"
#include "variants/execmem.h"
#include "variants/text.h"
#include "variants/task.h"
#include "variants/variant.h"

/* Designs first, then the flavours of `range`. */
static const struct ftb_variant *const registry[] = {
	&ftb_variant_none,	   &ftb_variant_none_literal,
	&ftb_variant_list,	   &ftb_variant_dyntramp,
	&ftb_variant_callops,	   &ftb_variant_direct,
	&ftb_variant_dyntramp_bti, &ftb_variant_callops_bti,
};

#define REGISTRY_NR ((int)(sizeof(registry) / sizeof(registry[0])))

/*
 * The registry, then this ISA's own variants, skipping any whose layout
 * this ISA does not build (the BTI flavours on x86_64).
 */
const struct ftb_variant *ftb_variant_at(int i)
{
	for (int r = 0; r < REGISTRY_NR; r++)
		if (ftb_corpus_desc(registry[r]->layout) && i-- == 0)
			return registry[r];
	for (int r = 0; ftb_isa_variants[r]; r++)
		if (ftb_corpus_desc(ftb_isa_variants[r]->layout) && i-- == 0)
			return ftb_isa_variants[r];
	return NULL;
}

const struct ftb_variant *ftb_variant_find(const char *name)
{
	const struct ftb_variant *v;

	for (int i = 0; (v = ftb_variant_at(i)); i++)
		if (!strcmp(v->name, name))
			return v;
	return NULL;
}

static const struct ftb_corpus *sites_corpus;

uintptr_t ftb_corpus_near(void)
{
	return (uintptr_t)sites_corpus->desc->text_end;
}

/* Format a failed step with the ISA layer's message. */
int ftb_report(int ret, const char *what, char *err, size_t errlen)
{
	if (ret)
		snprintf(err, errlen, "%s: %s", what, ftb_last_error());
	return ret;
}

static int init_all_sites(struct ftb_corpus *c)
{
	for (size_t i = 0; i < c->nsites; i++)
		if (arch_site_init(&c->sites[i], &ftrace_nop_ops))
			return -1;
	return 0;
}

/*
 * Records for the sites in use, the text window over the corpus, and every
 * site moved from its compiled state to its initialised one. Trampolines
 * are placed above the corpus, within reach of all of it.
 */
int ftb_sites_init(struct ftb_corpus *c, char *err, size_t errlen)
{
	uintptr_t lo = (uintptr_t)c->desc->text_start;
	uintptr_t hi = (uintptr_t)c->desc->text_end;
	int prot = arch_layout_prot(c->layout);
	int ret;

	sites_corpus = c;
	if (ftb_task_check(err, errlen))
		return -1;
	if (ftrace_records_init(c->sites, c->nsites)) {
		snprintf(err, errlen, "out of memory for %zu records",
			 c->nsites);
		return -1;
	}
	execmem_set_window(lo, hi);
	execmem_set_prot_extra(prot);
	if (text_region_add_prot(lo, hi, prot)) {
		snprintf(err, errlen, "too many text regions");
		return -1;
	}
	ret = text_begin();
	if (!ret)
		ret = init_all_sites(c);
	if (text_end())
		ret = -1;
	return ftb_report(ret, "site init", err, errlen);
}

/* Disable what is still enabled, then put the compiled bytes back. */
static int reset_all_sites(void)
{
	for (size_t i = 0; i < ftrace_records.nr; i++) {
		struct dyn_ftrace *rec = &ftrace_records.recs[i];

		if (ftb_rec_retarget(rec, 0) || arch_site_reset(rec->site))
			return -1;
	}
	return 0;
}

void ftb_sites_fini(void)
{
	if (!text_begin()) {
		if (reset_all_sites())
			fprintf(stderr, "ftbench: site reset: %s\n",
				ftb_last_error());
		text_end();
	}
	if (sites_corpus)
		text_region_remove((uintptr_t)sites_corpus->desc->text_start,
				   (uintptr_t)sites_corpus->desc->text_end);
	ftrace_records_free();
	execmem_set_prot_extra(0);
	sites_corpus = NULL;
}

/* Move rec's call slot to want (0 = NOP) with the primitive that applies. */
int ftb_rec_retarget(struct dyn_ftrace *rec, uintptr_t want)
{
	const struct ftb_site *s = rec->site;
	int ret;

	if (rec->target == want)
		return 0;
	if (!rec->target)
		ret = arch_site_make_call(s, want);
	else if (!want)
		ret = arch_site_make_nop(s, rec->target);
	else
		ret = arch_site_modify_call(s, rec->target, want);
	if (ret)
		return -EIO;
	rec->target = want;
	if (want)
		rec->flags |= FTRACE_FL_ENABLED;
	else
		rec->flags &= ~FTRACE_FL_ENABLED;
	return 0;
}

int ftb_update_nothing(struct dyn_ftrace *rec)
{
	(void)rec;
	return 0;
}

/*
 * The shared caller's ftrace_call slot starts at ftrace_stub and is pointed
 * at the list func, as update_ftrace_function() does for dynamic ops (all
 * ops made at run time are DYNAMIC, so the list func is always used).
 */
int ftb_shared_caller_init(char *err, size_t errlen)
{
	uintptr_t slot = (uintptr_t)ftrace_call;
	int ret;

	if (text_region_add(slot, slot + 4)) {
		snprintf(err, errlen, "too many text regions");
		return -1;
	}
	ret = text_begin();
	if (!ret)
		ret = arch_update_ftrace_func((uintptr_t)ftrace_stub,
					      (uintptr_t)ftrace_ops_list_func);
	if (text_end())
		ret = -1;
	return ftb_report(ret, "ftrace_call", err, errlen);
}

void ftb_shared_caller_fini(void)
{
	uintptr_t slot = (uintptr_t)ftrace_call;

	if (!text_begin()) {
		arch_update_ftrace_func((uintptr_t)ftrace_ops_list_func,
					(uintptr_t)ftrace_stub);
		text_end();
	}
	text_region_remove(slot, slot + 4);
}

/*
 * Attach an ops that owns code (a dyntramp trampoline, a direct stub):
 * build the code before any site can reach it, as the kernel creates the
 * trampoline in __register_ftrace_function(), then register.
 */
int ftb_attach_with_code(struct ftrace_ops *ops, ftb_make_code_t make,
			 ftrace_update_rec_t update, char *err, size_t errlen)
{
	uintptr_t func = (uintptr_t)ftrace_ops_get_func(ops);
	size_t size;
	int ret;

	/* Refuse before building anything: the ops' code is live. */
	if (ftrace_ops_registered(ops)) {
		snprintf(err, errlen, "ops %s is already registered",
			 ops->name);
		return -EBUSY;
	}
	ops->trampoline =
		make(ops, func, ftb_corpus_near(), &size, err, errlen);
	if (!ops->trampoline)
		return -1;
	ops->trampoline_size = size;
	ret = ftb_report(ftrace_startup(ops, update), "register", err, errlen);
	if (ret) {
		execmem_free(ops->trampoline, size);
		ops->trampoline = NULL;
	}
	return ret;
}

/* ftrace_shutdown() waited for a grace period: no thread is in the code. */
int ftb_detach_with_code(struct ftrace_ops *ops, ftrace_update_rec_t update,
			 char *err, size_t errlen)
{
	int ret = ftb_report(ftrace_shutdown(ops, update), "unregister", err,
			     errlen);

	if (!ret && ops->trampoline) {
		execmem_free(ops->trampoline, ops->trampoline_size);
		ops->trampoline = NULL;
	}
	return ret;
}
