// SPDX-License-Identifier: GPL-2.0
/*
 * list: the generic design. Every traced site branches to the one shared
 * ftrace_caller, whose call slot runs ftrace_ops_list_func(): the walk over
 * every registered ops, relevant or not.
 */
#include "asm/site.h"
#include "variants/variant.h"

static int list_update(struct dyn_ftrace *rec)
{
	return ftb_rec_retarget(
		rec, ftrace_rec_count(rec) ? (uintptr_t)ftrace_caller : 0);
}

static int list_init(struct ftb_corpus *c, char *err, size_t errlen)
{
	return ftb_sites_init(c, err, errlen)
		       ?: ftb_shared_caller_init(err, errlen);
}

static int list_attach(struct ftrace_ops *ops, char *err, size_t errlen)
{
	return ftb_report(ftrace_startup(ops, list_update), "register", err,
			  errlen);
}

static int list_detach(struct ftrace_ops *ops, char *err, size_t errlen)
{
	return ftb_report(ftrace_shutdown(ops, list_update), "unregister", err,
			  errlen);
}

static void list_teardown(void)
{
	ftb_shared_caller_fini();
	ftb_sites_fini();
}

const struct ftb_variant ftb_variant_list = {
	.name = "list",
	.summary = "shared ftrace_caller walks every registered ops",
	.layout = FTB_LAYOUT_PLAIN,
	.init = list_init,
	.attach = list_attach,
	.detach = list_detach,
	.teardown = list_teardown,
};
