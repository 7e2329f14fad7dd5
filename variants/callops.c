// SPDX-License-Identifier: GPL-2.0
/*
 * callops: arm64 CALL_OPS (v6.3). Each site has an 8-byte literal before
 * the function; every enabled site branches to the one shared
 * ftrace_callops_caller, which loads the literal and calls ops->func.
 * The literal holds the single ops tracing the site (when it needs no
 * assist), ftrace_list_ops when several do, ftrace_nop_ops when none.
 *
 * Write order, as ftrace_make_call / ftrace_make_nop: enabling writes the
 * literal, then NOP -> BL; disabling sets the literal to the nop ops, then
 * BL -> NOP (a thread already in the caller then calls a no-op); changing
 * which ops traces a site rewrites only the literal.
 */
#include "asm/site.h"
#include "variants/variant.h"

/* ftrace_callops_caller, or a module PLT to its far copy (callops-far). */
static uintptr_t callops_entry;

static const struct ftrace_ops *callops_literal(struct dyn_ftrace *rec)
{
	const struct ftrace_ops *ops;

	rec->flags &= ~FTRACE_FL_CALL_OPS;
	if (!ftrace_rec_count(rec))
		return &ftrace_nop_ops;
	if (ftrace_rec_count(rec) == 1) {
		ops = ftrace_find_unique_ops(rec);
		if (ops && ftrace_ops_get_func(ops) == ops->func) {
			rec->flags |= FTRACE_FL_CALL_OPS;
			return ops;
		}
	}
	return &ftrace_list_ops;
}

static int callops_update(struct dyn_ftrace *rec)
{
	const struct ftrace_ops *lit = callops_literal(rec);
	uintptr_t want = ftrace_rec_count(rec) ? callops_entry : 0;

	if (lit != rec->lit) {
		arch_site_set_literal(rec->site, lit);
		rec->lit = lit;
	}
	return ftb_rec_retarget(rec, want);
}

int ftb_callops_init(struct ftb_corpus *c, char *err, size_t errlen)
{
	int ret = ftb_sites_init(c, err, errlen);

	callops_entry = (uintptr_t)ftrace_callops_caller;
	for (size_t i = 0; !ret && i < ftrace_records.nr; i++)
		ftrace_records.recs[i].lit = &ftrace_nop_ops;
	return ret;
}

void ftb_callops_set_entry(uintptr_t entry)
{
	callops_entry = entry;
}

int ftb_callops_attach(struct ftrace_ops *ops, char *err, size_t errlen)
{
	return ftb_report(ftrace_startup(ops, callops_update), "register", err,
			  errlen);
}

int ftb_callops_detach(struct ftrace_ops *ops, char *err, size_t errlen)
{
	return ftb_report(ftrace_shutdown(ops, callops_update), "unregister",
			  err, errlen);
}

const struct ftb_variant ftb_variant_callops = {
	.name = "callops",
	.summary =
		"per-site ops literal, one shared caller loads it (CALL_OPS)",
	.layout = FTB_LAYOUT_LITERAL,
	.init = ftb_callops_init,
	.attach = ftb_callops_attach,
	.detach = ftb_callops_detach,
	.teardown = ftb_sites_fini,
};

/* The same with BTI C at every entry and the corpus pages guarded. */
const struct ftb_variant ftb_variant_callops_bti = {
	.name = "callops-bti",
	.summary = "callops over a BTI corpus (landing pads, PROT_BTI pages)",
	.layout = FTB_LAYOUT_LITERAL_BTI,
	.design = &ftb_variant_callops,
	.init = ftb_callops_init,
	.attach = ftb_callops_attach,
	.detach = ftb_callops_detach,
	.teardown = ftb_sites_fini,
};
