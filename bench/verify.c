// SPDX-License-Identifier: GPL-2.0
/*
 * The oracle. It registers ops with random filters (disjoint, overlapping,
 * empty meaning all, with notrace entries, some asking for the recursion
 * assist), calls every function in random order, and checks from its own
 * model (plain arrays, not the ftrace hashes) that exactly the right
 * callbacks ran, as many times as expected, with the right ip, parent_ip and
 * ops. It reads every site back in each state (compiled, initialised,
 * enabled, retargeted as ops go away, disabled) and compares the bytes with
 * those the design prescribes. Then it unregisters in random order and
 * checks that nothing fires any more.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "asm/site.h"
#include "bench/ops_set.h"
#include "bench/verify.h"

struct oracle {
	const struct ftb_variant *v;
	const struct ftb_verify_opts *o;
	struct ftb_corpus c;
	size_t nr, nops;
	struct ftrace_ops **ops;
	uint8_t *filter;  /* [op * nr + f]: f is in op's filter */
	uint8_t *notrace; /* [op * nr + f] */
	uint8_t *all;	  /* [op]: empty filter */
	uint8_t *reg;	  /* [op]: registered now */
	uint32_t *hits;	  /* [op * nr + f]: callbacks seen */
	uint32_t *calls;  /* [f]: times f ran */
	size_t top;	  /* the function the probe is calling */
	uint64_t seed;
	unsigned long errors, callbacks, checks, sites_checked;
	char first_error[FTB_ERRLEN];
};

static struct oracle *cur;

static void fail(struct oracle *orc, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void fail(struct oracle *orc, const char *fmt, ...)
{
	va_list ap;

	if (!orc->errors++) {
		va_start(ap, fmt);
		vsnprintf(orc->first_error, sizeof(orc->first_error), fmt, ap);
		va_end(ap);
	}
}

static int direct_variant(const struct oracle *orc)
{
	return ftb_variant_design(orc->v) == &ftb_variant_direct;
}

/* Sites past nr are the empty tracees: traced by the unfiltered ops. */
static int traced(const struct oracle *orc, size_t op, size_t f)
{
	if (f >= orc->nr)
		return orc->all[op];
	return (orc->all[op] || orc->filter[op * orc->nr + f]) &&
	       !orc->notrace[op * orc->nr + f];
}

static void check_parent(struct oracle *orc, size_t f, unsigned long parent)
{
	int in;

	if (f == orc->top) {
		if (parent != (unsigned long)ftb_call_probe_ret)
			fail(orc, "f%zu: parent_ip %#lx, expected %#lx", f,
			     parent, (unsigned long)ftb_call_probe_ret);
		return;
	}
	in = ftb_corpus_index_of(&orc->c, parent);
	if (in < 0 || (size_t)in != orc->top)
		fail(orc, "f%zu: parent_ip %#lx is not inside its caller f%zu",
		     f, parent, orc->top);
}

static void oracle_cb(unsigned long ip, unsigned long parent_ip,
		      struct ftrace_ops *op, struct ftrace_regs *fregs)
{
	struct oracle *orc = cur;
	uintptr_t id = (uintptr_t)op->private;
	struct dyn_ftrace *rec = ftrace_lookup_rec(ip);

	orc->callbacks++;
	if (id >= orc->nops || orc->ops[id] != op) {
		fail(orc, "callback got an unknown ops %p", (void *)op);
		return;
	}
	if (!rec) {
		fail(orc, "ops %zu: ip %#lx is no patch site", (size_t)id, ip);
		return;
	}
	if ((fregs == NULL) != direct_variant(orc))
		fail(orc, "ip %#lx: fregs %p unexpected for %s", ip,
		     (void *)fregs, orc->v->name);
	check_parent(orc, rec->site->index, parent_ip);
	orc->hits[id * orc->nr + rec->site->index]++;
}

/*
 * Filters: the kinds cycle so every K >= 5 has each; direct gets only
 * disjoint ones. A filter meant to be non-empty always gets at least one
 * function, since an empty filter means "trace everything".
 */
static void make_filter(struct oracle *orc, size_t op, const uint32_t *perm)
{
	size_t nr = orc->nr, kind = direct_variant(orc) ? 0 : op % 5;
	size_t slice = orc->nops && nr / orc->nops ? nr / orc->nops : 1;
	uint8_t *fl = &orc->filter[op * nr], *nt = &orc->notrace[op * nr];

	for (size_t i = 0; i < nr && kind < 4; i++) {
		uint64_t r = ftb_rand(&orc->seed);

		switch (kind) {
		case 0: /* disjoint slice of a random permutation */
			fl[perm[i]] = i / slice == op;
			break;
		case 1: /* overlapping */
			fl[i] = r % 4 == 0;
			break;
		case 2: /* all, minus a few notrace */
			nt[i] = r % 8 == 0;
			break;
		default: /* overlapping with notrace */
			fl[i] = r % 3 == 0;
			nt[i] = fl[i] && (r >> 8) % 3 == 0;
			break;
		}
	}
	orc->all[op] = kind == 2;
	/* kind 4, one function, as samples/ftrace/ftrace-ops.c does */
	if (nr && !orc->all[op] && !memchr(fl, 1, nr))
		fl[ftb_rand(&orc->seed) % nr] = 1;
}

static uint32_t *collect(const uint8_t *set, size_t nr, size_t *n)
{
	uint32_t *idx = calloc(nr, sizeof(*idx));

	*n = 0;
	if (!idx)
		return NULL;
	for (size_t i = 0; i < nr; i++)
		if (set[i])
			idx[(*n)++] = (uint32_t)i;
	return idx;
}

static int apply_filters(struct oracle *orc, size_t op)
{
	size_t nf, nn;
	uint32_t *f = collect(&orc->filter[op * orc->nr], orc->nr, &nf);
	uint32_t *n = collect(&orc->notrace[op * orc->nr], orc->nr, &nn);
	int ret = -1;

	if (f && n)
		ret = ftb_ops_filter_funcs(orc->ops[op], &orc->c, f, nf)
			      ?: ftb_ops_notrace_funcs(orc->ops[op], &orc->c, n,
						       nn);
	free(f);
	free(n);
	return ret;
}

static int make_ops(struct oracle *orc)
{
	uint32_t *perm = calloc(orc->nr, sizeof(*perm));
	char name[32];

	if (!perm)
		return -1;
	for (size_t i = 0; i < orc->nr; i++)
		perm[i] = (uint32_t)i;
	ftb_shuffle_u32(perm, orc->nr, &orc->seed);
	for (size_t op = 0; op < orc->nops; op++) {
		snprintf(name, sizeof(name), "oracle%zu", op);
		orc->ops[op] = ftb_ops_new(strdup(name), oracle_cb,
					   (void *)(uintptr_t)op);
		if (!orc->ops[op])
			break;
		if (op % 3 == 1)
			orc->ops[op]->flags |= FTRACE_OPS_FL_RECURSION;
		make_filter(orc, op, perm);
		if (apply_filters(orc, op))
			break;
	}
	free(perm);
	return orc->ops[orc->nops - 1] ? 0 : -1;
}

/* How many registered ops trace f, and the last of them. */
static size_t tracers(const struct oracle *orc, size_t f, size_t *last)
{
	size_t n = 0;

	for (size_t op = 0; op < orc->nops; op++) {
		if (orc->reg[op] && traced(orc, op, f)) {
			n++;
			*last = op;
		}
	}
	return n;
}

/* What the design prescribes an enabled site traced n times to reach. */
static uintptr_t expected_target(const struct oracle *orc, size_t n,
				 const struct ftrace_ops *only)
{
	const struct ftb_variant *design = ftb_variant_design(orc->v);

	if (!n)
		return 0;
	if (design == &ftb_variant_callops)
		return orc->v->callops_caller
			       ? orc->v->callops_caller()
			       : (uintptr_t)ftrace_callops_caller;
	if (design == &ftb_variant_list)
		return (uintptr_t)ftrace_caller;
	if (n == 1)
		return (uintptr_t)only->trampoline;
	return (uintptr_t)ftrace_caller;
}

/*
 * Enabled: directly, or for a far flavour through a veneer when the
 * target is beyond direct reach of the site.
 */
static enum ftb_site_state enabled_state(const struct oracle *orc,
					 const struct ftb_site *s,
					 uintptr_t target)
{
	return orc->v->far && !arch_in_reach(s->call, target)
		       ? FTB_SITE_VENEERED
		       : FTB_SITE_ENABLED;
}

static const struct ftrace_ops *expected_literal(size_t n,
						 const struct ftrace_ops *only)
{
	if (!n)
		return &ftrace_nop_ops;
	if (n == 1 && !(only->flags & FTRACE_OPS_FL_RECURSION))
		return only;
	return &ftrace_list_ops;
}

static void check_sites(struct oracle *orc, const char *phase)
{
	int untraced = orc->v->init == ftb_variant_none.init;
	char err[FTB_ERRLEN];

	for (size_t f = 0; f < orc->c.nsites; f++) {
		const struct ftb_site *s = &orc->c.sites[f];
		size_t last = 0, n = untraced ? 0 : tracers(orc, f, &last);
		const struct ftrace_ops *only = orc->ops[last];
		uintptr_t target = expected_target(orc, n, only);
		enum ftb_site_state st = untraced ? FTB_SITE_COMPILED
					 : n ? enabled_state(orc, s, target)
					     : FTB_SITE_INITIALISED;
		const struct ftrace_ops *lit =
			untraced ? NULL : expected_literal(n, only);

		orc->sites_checked++;
		if (arch_site_check(s, st, target, lit, err, sizeof(err)))
			fail(orc, "%s: site of f%zu (%zu ops, last %zu): %s",
			     phase, f, n, last, err);
	}
}

/* Call every function once in random order, then compare with the model. */
static void call_all(struct oracle *orc, const char *phase)
{
	uint32_t *order = calloc(orc->nr, sizeof(*order));

	if (!order) {
		fail(orc, "out of memory");
		return;
	}
	for (size_t i = 0; i < orc->nr; i++)
		order[i] = (uint32_t)i;
	ftb_shuffle_u32(order, orc->nr, &orc->seed);
	memset(orc->hits, 0, orc->nops * orc->nr * sizeof(*orc->hits));
	memset(orc->calls, 0, orc->nr * sizeof(*orc->calls));
	for (size_t i = 0; i < orc->nr; i++) {
		int32_t callee = ftb_corpus_callee[order[i]];

		orc->top = order[i];
		ftb_call_probe(ftb_corpus_fn(&orc->c, order[i]), i, 1);
		orc->calls[order[i]]++;
		if (callee >= 0)
			orc->calls[callee]++;
	}
	free(order);
	for (size_t op = 0; op < orc->nops; op++) {
		for (size_t f = 0; f < orc->nr; f++) {
			int untraced = orc->v->init == ftb_variant_none.init;
			uint32_t want =
				!untraced && orc->reg[op] && traced(orc, op, f)
					? orc->calls[f]
					: 0;

			orc->checks++;
			if (orc->hits[op * orc->nr + f] != want)
				fail(orc,
				     "%s: ops %zu on f%zu: %u callbacks, "
				     "expected %u",
				     phase, op, f, orc->hits[op * orc->nr + f],
				     want);
		}
	}
}

static int attach_all(struct oracle *orc)
{
	char err[FTB_ERRLEN];

	for (size_t op = 0; op < orc->nops; op++) {
		if (orc->v->attach(orc->ops[op], err, sizeof(err))) {
			fail(orc, "attach ops %zu: %s", op, err);
			return -1;
		}
		orc->reg[op] = 1;
	}
	return 0;
}

/* Errors that must be refused: double register, and for direct, sharing. */
static void check_refusals(struct oracle *orc, int registered)
{
	struct ftrace_ops *op = orc->ops[0];
	char err[FTB_ERRLEN];
	int ret;

	if (registered) {
		ret = orc->v->attach(op, err, sizeof(err));
		orc->checks++;
		if (!ret)
			fail(orc, "registering ops 0 twice was accepted");
		return;
	}
	ret = orc->v->detach(op, err, sizeof(err));
	orc->checks++;
	if (!ret)
		fail(orc, "unregistering an unregistered ops was accepted");
}

static void check_direct_sharing(struct oracle *orc)
{
	struct ftrace_ops *extra;
	char err[FTB_ERRLEN];

	if (!direct_variant(orc))
		return;
	extra = ftb_ops_new("overlap", oracle_cb, (void *)(uintptr_t)~0ul);
	if (!extra)
		return;
	orc->checks++;
	if (!orc->v->attach(extra, err, sizeof(err))) {
		fail(orc, "direct accepted an ops sharing every site");
		orc->v->detach(extra, err, sizeof(err));
	}
	ftb_ops_free(extra);
}

static void detach_all(struct oracle *orc)
{
	uint32_t *order = calloc(orc->nops, sizeof(*order));
	char err[FTB_ERRLEN];

	if (!order)
		return;
	for (size_t i = 0; i < orc->nops; i++)
		order[i] = (uint32_t)i;
	ftb_shuffle_u32(order, orc->nops, &orc->seed);
	for (size_t i = 0; i < orc->nops; i++) {
		size_t op = order[i];

		if (orc->v->detach(orc->ops[op], err, sizeof(err)))
			fail(orc, "detach ops %zu: %s", op, err);
		orc->reg[op] = 0;
		check_sites(orc, "retargeted");
		if (i == orc->nops / 2)
			call_all(orc, "half unregistered");
	}
	free(order);
}

static int oracle_alloc(struct oracle *orc)
{
	size_t cells = orc->nops * orc->nr;

	orc->ops = calloc(orc->nops, sizeof(struct ftrace_ops *));
	orc->filter = calloc(cells, 1);
	orc->notrace = calloc(cells, 1);
	orc->all = calloc(orc->nops, 1);
	orc->reg = calloc(orc->nops, 1);
	orc->hits = calloc(cells, sizeof(*orc->hits));
	orc->calls = calloc(orc->nr, sizeof(*orc->calls));
	return orc->ops && orc->filter && orc->notrace && orc->all &&
			       orc->reg && orc->hits && orc->calls
		       ? 0
		       : -1;
}

static void oracle_free(struct oracle *orc)
{
	for (size_t op = 0; orc->ops && op < orc->nops; op++) {
		if (orc->ops[op])
			free((void *)orc->ops[op]->name);
		ftb_ops_free(orc->ops[op]);
	}
	free(orc->ops);
	free(orc->filter);
	free(orc->notrace);
	free(orc->all);
	free(orc->reg);
	free(orc->hits);
	free(orc->calls);
}

static void run_phases(struct oracle *orc)
{
	check_sites(orc, "initialised");
	call_all(orc, "no ops");
	if (attach_all(orc))
		return;
	check_sites(orc, "enabled");
	call_all(orc, "all registered");
	check_refusals(orc, 1);
	check_direct_sharing(orc);
	detach_all(orc);
	check_sites(orc, "disabled");
	call_all(orc, "all unregistered");
	check_refusals(orc, 0);
}

static int open_corpus(struct oracle *orc)
{
	char err[FTB_ERRLEN];

	if (ftb_corpus_open(&orc->c, orc->v->layout, orc->nr, err,
			    sizeof(err))) {
		fprintf(stderr, "ftbench: verify %s: %s\n", orc->v->name, err);
		return -1;
	}
	if (make_ops(orc)) {
		fprintf(stderr, "ftbench: verify %s: out of memory\n",
			orc->v->name);
		ftb_corpus_close(&orc->c);
		return -1;
	}
	if (orc->v->init(&orc->c, err, sizeof(err))) {
		fprintf(stderr, "ftbench: verify %s: init: %s\n", orc->v->name,
			err);
		ftb_corpus_close(&orc->c);
		return -1;
	}
	return 0;
}

int ftb_verify(const struct ftb_variant *v, const struct ftb_verify_opts *o)
{
	struct oracle orc = {
		.v = v, .o = o, .nr = o->funcs, .nops = o->nops, .seed = o->seed
	};
	int ret = -1;

	if (oracle_alloc(&orc)) {
		fprintf(stderr, "ftbench: verify %s: out of memory\n", v->name);
		oracle_free(&orc);
		return -1;
	}
	cur = &orc;
	if (!open_corpus(&orc)) {
		run_phases(&orc);
		v->teardown();
		ftb_corpus_close(&orc.c);
		ret = orc.errors ? -1 : 0;
		printf("verify %-12s funcs=%zu ops=%zu seed=%llu: %lu "
		       "callbacks, "
		       "%lu counts, %lu site reads: %s\n",
		       v->name, orc.nr, orc.nops, (unsigned long long)o->seed,
		       orc.callbacks, orc.checks, orc.sites_checked,
		       orc.errors ? "FAIL" : "OK");
		if (orc.errors)
			printf("  %lu errors; first: %s\n", orc.errors,
			       orc.first_error);
	}
	cur = NULL;
	oracle_free(&orc);
	return ret;
}
