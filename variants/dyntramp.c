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
#include <errno.h>
#include <stdio.h>

#include "asm/site.h"
#include "variants/execmem.h"
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

static int dyntramp_update(struct dyn_ftrace *rec)
{
	uintptr_t want = dyntramp_target(rec);

	if (want && want != (uintptr_t)ftrace_caller)
		rec->flags |= FTRACE_FL_TRAMP;
	else
		rec->flags &= ~FTRACE_FL_TRAMP;
	return ftb_rec_retarget(rec, want);
}

static int dyntramp_init(struct ftb_corpus *c, char *err, size_t errlen)
{
	return ftb_sites_init(c, err, errlen)
		       ?: ftb_shared_caller_init(err, errlen);
}

static int dyntramp_attach(struct ftrace_ops *ops, char *err, size_t errlen)
{
	uintptr_t func = (uintptr_t)ftrace_ops_get_func(ops);
	size_t size;
	int ret;

	/* Refuse before building anything: the ops' trampoline is live. */
	if (ftrace_ops_registered(ops)) {
		snprintf(err, errlen, "ops %s is already registered",
			 ops->name);
		return -EBUSY;
	}
	ops->trampoline = arch_tramp_create(ops, func, ftb_corpus_near(), &size,
					    err, errlen);
	if (!ops->trampoline)
		return -1;
	ops->trampoline_size = size;
	ret = ftb_report(ftrace_startup(ops, dyntramp_update), "register", err,
			 errlen);
	if (ret) {
		execmem_free(ops->trampoline, size);
		ops->trampoline = NULL;
	}
	return ret;
}

static int dyntramp_detach(struct ftrace_ops *ops, char *err, size_t errlen)
{
	int ret = ftb_report(ftrace_shutdown(ops, dyntramp_update),
			     "unregister", err, errlen);

	/* ftrace_shutdown() waited: no thread can be in the trampoline. */
	if (!ret && ops->trampoline) {
		execmem_free(ops->trampoline, ops->trampoline_size);
		ops->trampoline = NULL;
	}
	return ret;
}

static void dyntramp_teardown(void)
{
	ftb_shared_caller_fini();
	ftb_sites_fini();
}

const struct ftb_variant ftb_variant_dyntramp = {
	.name = "dyntramp",
	.summary =
		"per-ops trampoline with a direct call; list caller if shared",
	.layout = FTB_LAYOUT_PLAIN,
	.init = dyntramp_init,
	.attach = dyntramp_attach,
	.detach = dyntramp_detach,
	.teardown = dyntramp_teardown,
};
