// SPDX-License-Identifier: GPL-2.0
/*
 * dyntramp: per-ops trampolines (x86 since 3.19; the arm64 RFC of 2022).
 * Registering an ops builds its trampoline (a copy of the caller with the
 * ops embedded and a direct call to its callback) before any site can
 * reach it. A site traced by exactly one ops branches to that ops'
 * trampoline; a site traced by two or more branches to the shared list
 * caller. The trampoline is freed only after unregistering has waited for
 * every thread to pass a quiescent state (rcu_tasks.h).
 */
#include "asm/site.h"
#include "variants/variant.h"

static uintptr_t dyntramp_target(const struct dyn_ftrace *rec)
{
	const struct ftrace_ops *ops;

	switch (ftrace_rec_count(rec)) {
	case 0:
		return 0;
	case 1:
		ops = ftrace_find_unique_ops(rec);
		if (ops && ops->trampoline)
			return (uintptr_t)ops->trampoline;
		/* fall through */
	default:
		return (uintptr_t)ftrace_caller;
	}
}

/* What rec must reach now, with FTRACE_FL_TRAMP set to match. */
uintptr_t ftb_dyntramp_want(struct dyn_ftrace *rec)
{
	uintptr_t want = dyntramp_target(rec);

	if (want && want != (uintptr_t)ftrace_caller)
		rec->flags |= FTRACE_FL_TRAMP;
	else
		rec->flags &= ~FTRACE_FL_TRAMP;
	return want;
}

static int dyntramp_update(struct dyn_ftrace *rec)
{
	return ftb_rec_retarget(rec, ftb_dyntramp_want(rec));
}

int ftb_dyntramp_init(struct ftb_corpus *c, char *err, size_t errlen)
{
	return ftb_sites_init(c, err, errlen)
		       ?: ftb_shared_caller_init(err, errlen);
}

static int dyntramp_attach(struct ftrace_ops *ops, char *err, size_t errlen)
{
	return ftb_attach_with_code(ops, arch_tramp_create, dyntramp_update,
				    err, errlen);
}

static int dyntramp_detach(struct ftrace_ops *ops, char *err, size_t errlen)
{
	return ftb_detach_with_code(ops, dyntramp_update, err, errlen);
}

void ftb_dyntramp_teardown(void)
{
	ftb_shared_caller_fini();
	ftb_sites_fini();
}

const struct ftb_variant ftb_variant_dyntramp = {
	.name = "dyntramp",
	.summary =
		"per-ops trampoline with a direct call; list caller if shared",
	.layout = FTB_LAYOUT_PLAIN,
	.init = ftb_dyntramp_init,
	.attach = dyntramp_attach,
	.detach = dyntramp_detach,
	.teardown = ftb_dyntramp_teardown,
};

/* The same with BTI C at every entry, corpus and trampolines guarded. */
const struct ftb_variant ftb_variant_dyntramp_bti = {
	.name = "dyntramp-bti",
	.summary = "dyntramp over a BTI corpus (landing pads, PROT_BTI pages)",
	.layout = FTB_LAYOUT_PLAIN_BTI,
	.design = &ftb_variant_dyntramp,
	.init = ftb_dyntramp_init,
	.attach = dyntramp_attach,
	.detach = dyntramp_detach,
	.teardown = ftb_dyntramp_teardown,
};
