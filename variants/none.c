// SPDX-License-Identifier: GPL-2.0
/*
 * Baselines without tracing: the sites stay exactly as compiled, whatever
 * is registered (ops are still put on the list, so the registry is the same
 * as in the other variants, but nothing ever branches to it). `none` uses
 * the PLAIN layout and `none-literal` the LITERAL one: the untraced cost of
 * each corpus build.
 */
#include "variants/variant.h"

static const struct ftb_corpus *corpus;

static int none_init(struct ftb_corpus *c, char *err, size_t errlen)
{
	(void)err, (void)errlen;
	corpus = c;
	return ftrace_records_init(c->sites, c->nsites);
}

static int none_attach(struct ftrace_ops *ops, char *err, size_t errlen)
{
	return ftb_report(ftrace_startup(ops, ftb_update_nothing), "register",
			  err, errlen);
}

static int none_detach(struct ftrace_ops *ops, char *err, size_t errlen)
{
	return ftb_report(ftrace_shutdown(ops, ftb_update_nothing),
			  "unregister", err, errlen);
}

static void none_teardown(void)
{
	ftrace_records_free();
	corpus = NULL;
}

const struct ftb_variant ftb_variant_none = {
	.name = "none",
	.summary = "untraced baseline, PLAIN layout, sites as compiled",
	.layout = FTB_LAYOUT_PLAIN,
	.init = none_init,
	.attach = none_attach,
	.detach = none_detach,
	.teardown = none_teardown,
};

const struct ftb_variant ftb_variant_none_literal = {
	.name = "none-literal",
	.summary = "untraced baseline, LITERAL layout, sites as compiled",
	.layout = FTB_LAYOUT_LITERAL,
	.init = none_init,
	.attach = none_attach,
	.detach = none_detach,
	.teardown = none_teardown,
};
