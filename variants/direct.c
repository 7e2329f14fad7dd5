// SPDX-License-Identifier: GPL-2.0
/*
 * direct: the floor. Like the kernel's direct calls, a site branches
 * straight to one stub that saves only what the ABI needs and calls one
 * callback. A site serves one callback, so an ops that would share a site
 * with another is refused.
 */
#include <errno.h>
#include <stdio.h>

#include "asm/site.h"
#include "variants/execmem.h"
#include "variants/variant.h"

static int direct_update(struct dyn_ftrace *rec)
{
	const struct ftrace_ops *ops = NULL;

	if (ftrace_rec_count(rec) > 1)
		return -EBUSY;
	if (ftrace_rec_count(rec) == 1)
		ops = ftrace_find_unique_ops(rec);
	if (ftrace_rec_count(rec) && !ops)
		return -EINVAL;
	return ftb_rec_retarget(rec, ops ? (uintptr_t)ops->trampoline : 0);
}

static int direct_init(struct ftb_corpus *c, char *err, size_t errlen)
{
	return ftb_sites_init(c, err, errlen);
}

static int direct_attach(struct ftrace_ops *ops, char *err, size_t errlen)
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
	if (ftrace_ops_would_overlap(ops)) {
		snprintf(err, errlen,
			 "direct: ops %s traces a site another ops already "
			 "traces; a direct site serves one callback",
			 ops->name);
		return -EBUSY;
	}
	ops->trampoline = arch_direct_create(ops, func, ftb_corpus_near(),
					     &size, err, errlen);
	if (!ops->trampoline)
		return -1;
	ops->trampoline_size = size;
	ret = ftb_report(ftrace_startup(ops, direct_update), "register", err,
			 errlen);
	if (ret) {
		execmem_free(ops->trampoline, size);
		ops->trampoline = NULL;
	}
	return ret;
}

static int direct_detach(struct ftrace_ops *ops, char *err, size_t errlen)
{
	int ret = ftb_report(ftrace_shutdown(ops, direct_update), "unregister",
			     err, errlen);

	if (!ret && ops->trampoline) {
		execmem_free(ops->trampoline, ops->trampoline_size);
		ops->trampoline = NULL;
	}
	return ret;
}

const struct ftb_variant ftb_variant_direct = {
	.name = "direct",
	.summary = "site calls one callback through a minimal stub (floor)",
	.layout = FTB_LAYOUT_PLAIN,
	.init = direct_init,
	.attach = direct_attach,
	.detach = direct_detach,
	.teardown = ftb_sites_fini,
};
