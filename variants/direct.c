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
	if (ftrace_ops_would_overlap(ops)) {
		snprintf(err, errlen,
			 "direct: ops %s traces a site another ops already "
			 "traces; a direct site serves one callback",
			 ops->name);
		return -EBUSY;
	}
	return ftb_attach_with_code(ops, arch_direct_create, direct_update, err,
				    errlen);
}

static int direct_detach(struct ftrace_ops *ops, char *err, size_t errlen)
{
	return ftb_detach_with_code(ops, direct_update, err, errlen);
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
