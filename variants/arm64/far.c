// SPDX-License-Identifier: GPL-2.0
/*
 * The far flavours of the `range` scenario (arm64): the corpus beyond BL
 * reach (+-128 MiB) of the code its sites call, so an enabled site reaches
 * it through an ADRP/ADD/BR X16 veneer.
 *
 * dyntramp-far: the 2022 dynamic-trampoline RFC. Trampolines are allocated
 * far from the text (module region far from vmlinux); each function is
 * built =5,3 with a veneer slot before it. A site traced by one ops
 * branches to its own veneer, which branches to that ops' trampoline; the
 * list caller, in reach, is still called directly. The trampoline's own BL
 * to the callback goes through the trampoline's veneer when out of reach.
 *
 * callops-far: CALL_OPS with the corpus as a module far from the core
 * kernel's ftrace_caller: every site branches to one module PLT near the
 * corpus, which branches to the caller (a copy placed far away). The
 * literal and the caller are unchanged: BR X16 leaves x30 pointing into
 * the traced function, so the caller still finds the literal from it.
 *
 * A veneer is three instructions, so unlike a call slot it cannot be
 * rewritten while a thread may be inside it. Retargeting one detours its
 * site to the list caller (correct for any set of ops), waits a grace
 * period after the whole registration, then rewrites the veneer and points
 * the site back at it. The RFC left this open; this is ftbench's protocol
 * (docs/deviations.md).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "arch.h"
#include "asm/arm64/veneer.h"
#include "variants/execmem.h"
#include "variants/rcu_tasks.h"
#include "variants/text.h"
#include "variants/variant.h"

/* Far: twice the BL reach above the corpus, well inside ADRP's 4 GiB. */
#define FAR_DISTANCE (2 * FTB_BRANCH_RANGE)

/* ---- dyntramp-far ---- */

static struct dyn_ftrace **pending; /* sites detoured, veneer to rewrite */
static size_t nr_pending;

/* Aim rec at want: directly, through its veneer, or detoured for now. */
static int route(struct dyn_ftrace *rec, uintptr_t want, int may_write)
{
	const struct ftb_site *s = rec->site;

	if (!want || arch_in_reach(s->call, want))
		return ftb_rec_retarget(rec, want);
	if (rec->veneer != want) {
		if (!may_write) {
			if (!(rec->flags & FTRACE_FL_VENEER_PENDING)) {
				rec->flags |= FTRACE_FL_VENEER_PENDING;
				pending[nr_pending++] = rec;
			}
			return ftb_rec_retarget(rec, (uintptr_t)ftrace_caller);
		}
		if (arch_site_set_veneer(s, rec->veneer, want))
			return -EIO;
		rec->veneer = want;
	}
	return ftb_rec_retarget(rec, s->veneer);
}

static int dyntramp_far_update(struct dyn_ftrace *rec)
{
	return route(rec, ftb_dyntramp_want(rec), 0);
}

/*
 * After a registration: once every thread has passed a quiescent state,
 * none is inside a detoured site's veneer; rewrite them and go back.
 */
static int veneer_flush(char *err, size_t errlen)
{
	int ret = 0;

	if (!nr_pending)
		return 0;
	ftb_synchronize_rcu_tasks();
	if (text_begin())
		return ftb_report(-1, "veneer", err, errlen);
	for (size_t i = 0; i < nr_pending; i++) {
		struct dyn_ftrace *rec = pending[i];

		rec->flags &= ~FTRACE_FL_VENEER_PENDING;
		if (!ret)
			ret = route(rec, ftb_dyntramp_want(rec), 1);
	}
	nr_pending = 0;
	if (text_end())
		ret = -1;
	return ftb_report(ret, "veneer", err, errlen);
}

static int dyntramp_far_init(struct ftb_corpus *c, char *err, size_t errlen)
{
	int ret = ftb_dyntramp_init(c, err, errlen);

	if (ret)
		return ret;
	pending = calloc(c->nsites, sizeof(struct dyn_ftrace *));
	if (!pending) {
		snprintf(err, errlen, "out of memory for %zu sites", c->nsites);
		return -ENOMEM;
	}
	nr_pending = 0;
	execmem_set_far(FAR_DISTANCE);
	return 0;
}

static int dyntramp_far_attach(struct ftrace_ops *ops, char *err, size_t errlen)
{
	return ftb_attach_with_code(ops, arch_tramp_create, dyntramp_far_update,
				    err, errlen)
		       ?: veneer_flush(err, errlen);
}

static int dyntramp_far_detach(struct ftrace_ops *ops, char *err, size_t errlen)
{
	return ftb_detach_with_code(ops, dyntramp_far_update, err, errlen)
		       ?: veneer_flush(err, errlen);
}

static void dyntramp_far_teardown(void)
{
	execmem_set_far(0);
	ftb_dyntramp_teardown();
	free(pending);
	pending = NULL;
	nr_pending = 0;
}

const struct ftb_variant ftb_variant_dyntramp_far = {
	.name = "dyntramp-far",
	.summary = "dyntramp, trampolines beyond BL reach: per-function "
		   "veneers (=5,3)",
	.layout = FTB_LAYOUT_VENEER,
	.design = &ftb_variant_dyntramp,
	.far = 1,
	.init = dyntramp_far_init,
	.attach = dyntramp_far_attach,
	.detach = dyntramp_far_detach,
	.teardown = dyntramp_far_teardown,
};

/* ---- callops-far ---- */

static void *far_caller, *plt;
static size_t far_caller_size, plt_size;

static uintptr_t far_caller_addr(void)
{
	return (uintptr_t)far_caller;
}

static int callops_far_init(struct ftb_corpus *c, char *err, size_t errlen)
{
	int ret = ftb_callops_init(c, err, errlen);

	if (ret)
		return ret;
	far_caller = a64_callops_caller_far(FAR_DISTANCE, &far_caller_size, err,
					    errlen);
	if (!far_caller)
		return -ENOMEM;
	plt = a64_plt_create((uintptr_t)far_caller, ftb_corpus_near(),
			     &plt_size, err, errlen);
	if (!plt)
		return -ENOMEM;
	ftb_callops_set_entry((uintptr_t)plt);
	return 0;
}

/* The sites first: nothing may branch to the PLT once it is gone. */
static void callops_far_teardown(void)
{
	ftb_sites_fini();
	if (plt)
		a64_plt_destroy(plt, plt_size);
	if (far_caller)
		execmem_free(far_caller, far_caller_size);
	plt = far_caller = NULL;
}

const struct ftb_variant ftb_variant_callops_far = {
	.name = "callops-far",
	.summary = "callops, caller beyond BL reach: one module PLT",
	.layout = FTB_LAYOUT_LITERAL,
	.design = &ftb_variant_callops,
	.far = 1,
	.callops_caller = far_caller_addr,
	.init = callops_far_init,
	.attach = ftb_callops_attach,
	.detach = ftb_callops_detach,
	.teardown = callops_far_teardown,
};
