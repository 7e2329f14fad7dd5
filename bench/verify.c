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

static void fail(struct oracle *or, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void fail(struct oracle *or, const char *fmt, ...)
{
	va_list ap;

	if (!or->errors++) {
		va_start(ap, fmt);
		vsnprintf(or->first_error, sizeof(or->first_error), fmt, ap);
		va_end(ap);
	}
}

static int direct_variant(const struct oracle *or)
{
	return or->v == &ftb_variant_direct;
}

static int traced(const struct oracle *or, size_t op, size_t f)
{
	return (or->all[op] || or->filter[op * or->nr + f]) &&
	       !or->notrace[op * or->nr + f];
}

static void check_parent(struct oracle *or, size_t f, unsigned long parent)
{
	int in;

	if (f == or->top) {
		if (parent != (unsigned long)ftb_call_probe_ret)
			fail(or, "f%zu: parent_ip %#lx, expected %#lx", f,
			     parent, (unsigned long)ftb_call_probe_ret);
		return;
	}
	in = ftb_corpus_index_of(&or->c, parent);
	if (in < 0 || (size_t)in != or->top)
		fail(or, "f%zu: parent_ip %#lx is not inside its caller f%zu",
		     f, parent, or->top);
}

static void oracle_cb(unsigned long ip, unsigned long parent_ip,
		      struct ftrace_ops *op, struct ftrace_regs *fregs)
{
	struct oracle *or = cur;
	uintptr_t id = (uintptr_t)op->private;
	struct dyn_ftrace *rec = ftrace_lookup_rec(ip);

	or->callbacks++;
	if (id >= or->nops || or->ops[id] != op) {
		fail(or, "callback got an unknown ops %p", (void *)op);
		return;
	}
	if (!rec) {
		fail(or, "ops %zu: ip %#lx is no patch site", (size_t)id, ip);
		return;
	}
	if ((fregs == NULL) != direct_variant(or))
		fail(or, "ip %#lx: fregs %p unexpected for %s", ip,
		     (void *)fregs, or->v->name);
	check_parent(or, rec->site->index, parent_ip);
	or->hits[id * or->nr + rec->site->index]++;
}

/*
 * Filters: the kinds cycle so every K >= 5 has each; direct gets only
 * disjoint ones. A filter meant to be non-empty always gets at least one
 * function, since an empty filter means "trace everything".
 */
static void make_filter(struct oracle *or, size_t op, const uint32_t *perm)
{
	size_t nr = or->nr, kind = direct_variant(or) ? 0 : op % 5;
	size_t slice = nr / or->nops ? nr / or->nops : 1;
	uint8_t *fl = &or->filter[op * nr], *nt = &or->notrace[op * nr];

	for (size_t i = 0; i < nr && kind < 4; i++) {
		uint64_t r = ftb_rand(&or->seed);

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
	or->all[op] = kind == 2;
	/* kind 4, one function, as samples/ftrace/ftrace-ops.c does */
	if (!or->all[op] && !memchr(fl, 1, nr))
		fl[ftb_rand(&or->seed) % nr] = 1;
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

static int apply_filters(struct oracle *or, size_t op)
{
	size_t nf, nn;
	uint32_t *f = collect(&or->filter[op * or->nr], or->nr, &nf);
	uint32_t *n = collect(&or->notrace[op * or->nr], or->nr, &nn);
	int ret = -1;

	if (f && n)
		ret = ftb_ops_filter_funcs(or->ops[op], &or->c, f, nf) ?:
			      ftb_ops_notrace_funcs(or->ops[op], &or->c, n, nn);
	free(f);
	free(n);
	return ret;
}

static int make_ops(struct oracle *or)
{
	uint32_t *perm = calloc(or->nr, sizeof(*perm));
	char name[32];

	if (!perm)
		return -1;
	for (size_t i = 0; i < or->nr; i++)
		perm[i] = (uint32_t)i;
	ftb_shuffle_u32(perm, or->nr, &or->seed);
	for (size_t op = 0; op < or->nops; op++) {
		snprintf(name, sizeof(name), "oracle%zu", op);
		or->ops[op] = ftb_ops_new(strdup(name), oracle_cb,
					  (void *)(uintptr_t)op);
		if (!or->ops[op])
			break;
		if (op % 3 == 1)
			or->ops[op]->flags |= FTRACE_OPS_FL_RECURSION;
		make_filter(or, op, perm);
		if (apply_filters(or, op))
			break;
	}
	free(perm);
	return or->ops[or->nops - 1] ? 0 : -1;
}

/* How many registered ops trace f, and the last of them. */
static size_t tracers(const struct oracle *or, size_t f, size_t *last)
{
	size_t n = 0;

	for (size_t op = 0; op < or->nops; op++) {
		if (or->reg[op] && traced(or, op, f)) {
			n++;
			*last = op;
		}
	}
	return n;
}

/* What the design prescribes for the call slot of a site traced n times. */
static uintptr_t expected_target(const struct oracle *or, size_t n,
				 const struct ftrace_ops *only)
{
	if (!n)
		return 0;
	if (or->v == &ftb_variant_callops)
		return (uintptr_t)ftrace_callops_caller;
	if (or->v == &ftb_variant_list)
		return (uintptr_t)ftrace_caller;
	if (n == 1)
		return (uintptr_t)only->trampoline;
	return (uintptr_t)ftrace_caller;
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

static void check_sites(struct oracle *or, const char *phase)
{
	int untraced = or->v->init == ftb_variant_none.init;
	char err[FTB_ERRLEN];

	for (size_t f = 0; f < or->nr; f++) {
		size_t last = 0, n = untraced ? 0 : tracers(or, f, &last);
		const struct ftrace_ops *only = or->ops[last];
		enum ftb_site_state st = untraced ? FTB_SITE_COMPILED :
					 n	  ? FTB_SITE_ENABLED :
						    FTB_SITE_INITIALISED;
		const struct ftrace_ops *lit =
			untraced ? NULL : expected_literal(n, only);

		or->sites_checked++;
		if (arch_site_check(&or->c.sites[f], st,
				    expected_target(or, n, only), lit, err,
				    sizeof(err)))
			fail(or, "%s: site of f%zu (%zu ops, last %zu): %s", phase, f, n, last, err);
	}
}

/* Call every function once in random order, then compare with the model. */
static void call_all(struct oracle *or, const char *phase)
{
	uint32_t *order = calloc(or->nr, sizeof(*order));

	if (!order) {
		fail(or, "out of memory");
		return;
	}
	for (size_t i = 0; i < or->nr; i++)
		order[i] = (uint32_t)i;
	ftb_shuffle_u32(order, or->nr, &or->seed);
	memset(or->hits, 0, or->nops * or->nr * sizeof(*or->hits));
	memset(or->calls, 0, or->nr * sizeof(*or->calls));
	for (size_t i = 0; i < or->nr; i++) {
		int32_t callee = ftb_corpus_callee[order[i]];

		or->top = order[i];
		ftb_call_probe(ftb_corpus_fn(&or->c, order[i]), i, 1);
		or->calls[order[i]]++;
		if (callee >= 0)
			or->calls[callee]++;
	}
	free(order);
	for (size_t op = 0; op < or->nops; op++) {
		for (size_t f = 0; f < or->nr; f++) {
			int untraced = or->v->init == ftb_variant_none.init;
			uint32_t want = !untraced && or->reg[op] &&
							traced(or, op, f) ?
						or->calls[f] :
						0;

			or->checks++;
			if (or->hits[op * or->nr + f] != want)
				fail(or, "%s: ops %zu on f%zu: %u callbacks, "
					 "expected %u",
				     phase, op, f, or->hits[op * or->nr + f],
				     want);
		}
	}
}

static int attach_all(struct oracle *or)
{
	char err[FTB_ERRLEN];

	for (size_t op = 0; op < or->nops; op++) {
		if (or->v->attach(or->ops[op], err, sizeof(err))) {
			fail(or, "attach ops %zu: %s", op, err);
			return -1;
		}
		or->reg[op] = 1;
	}
	return 0;
}

/* Errors that must be refused: double register, and for direct, sharing. */
static void check_refusals(struct oracle *or, int registered)
{
	struct ftrace_ops *op = or->ops[0];
	char err[FTB_ERRLEN];
	int ret;

	if (registered) {
		ret = or->v->attach(op, err, sizeof(err));
		or->checks++;
		if (!ret)
			fail(or, "registering ops 0 twice was accepted");
		return;
	}
	ret = or->v->detach(op, err, sizeof(err));
	or->checks++;
	if (!ret)
		fail(or, "unregistering an unregistered ops was accepted");
}

static void check_direct_sharing(struct oracle *or)
{
	struct ftrace_ops *extra;
	char err[FTB_ERRLEN];

	if (!direct_variant(or))
		return;
	extra = ftb_ops_new("overlap", oracle_cb, (void *)(uintptr_t)~0ul);
	if (!extra)
		return;
	or->checks++;
	if (!or->v->attach(extra, err, sizeof(err))) {
		fail(or, "direct accepted an ops sharing every site");
		or->v->detach(extra, err, sizeof(err));
	}
	ftb_ops_free(extra);
}

static void detach_all(struct oracle *or)
{
	uint32_t *order = calloc(or->nops, sizeof(*order));
	char err[FTB_ERRLEN];

	if (!order)
		return;
	for (size_t i = 0; i < or->nops; i++)
		order[i] = (uint32_t)i;
	ftb_shuffle_u32(order, or->nops, &or->seed);
	for (size_t i = 0; i < or->nops; i++) {
		size_t op = order[i];

		if (or->v->detach(or->ops[op], err, sizeof(err)))
			fail(or, "detach ops %zu: %s", op, err);
		or->reg[op] = 0;
		check_sites(or, "retargeted");
		if (i == or->nops / 2)
			call_all(or, "half unregistered");
	}
	free(order);
}

static int oracle_alloc(struct oracle *or)
{
	size_t cells = or->nops * or->nr;

	or->ops = calloc(or->nops, sizeof(*or->ops));
	or->filter = calloc(cells, 1);
	or->notrace = calloc(cells, 1);
	or->all = calloc(or->nops, 1);
	or->reg = calloc(or->nops, 1);
	or->hits = calloc(cells, sizeof(*or->hits));
	or->calls = calloc(or->nr, sizeof(*or->calls));
	return or->ops && or->filter && or->notrace && or->all && or->reg &&
			       or->hits && or->calls ?
		       0 :
		       -1;
}

static void oracle_free(struct oracle *or)
{
	for (size_t op = 0; or->ops && op < or->nops; op++) {
		if (or->ops[op])
			free((void *)or->ops[op]->name);
		ftb_ops_free(or->ops[op]);
	}
	free(or->ops);
	free(or->filter);
	free(or->notrace);
	free(or->all);
	free(or->reg);
	free(or->hits);
	free(or->calls);
}

static void run_phases(struct oracle *or)
{
	check_sites(or, "initialised");
	call_all(or, "no ops");
	if (attach_all(or))
		return;
	check_sites(or, "enabled");
	call_all(or, "all registered");
	check_refusals(or, 1);
	check_direct_sharing(or);
	detach_all(or);
	check_sites(or, "disabled");
	call_all(or, "all unregistered");
	check_refusals(or, 0);
}

static int open_corpus(struct oracle *or)
{
	char err[FTB_ERRLEN];

	if (ftb_corpus_open(&or->c, or->v->layout, or->nr, err, sizeof(err))) {
		fprintf(stderr, "ftbench: verify %s: %s\n", or->v->name, err);
		return -1;
	}
	if (make_ops(or)) {
		fprintf(stderr, "ftbench: verify %s: out of memory\n",
			or->v->name);
		ftb_corpus_close(&or->c);
		return -1;
	}
	if (or->v->init(&or->c, err, sizeof(err))) {
		fprintf(stderr, "ftbench: verify %s: init: %s\n", or->v->name,
			err);
		ftb_corpus_close(&or->c);
		return -1;
	}
	return 0;
}

int ftb_verify(const struct ftb_variant *v, const struct ftb_verify_opts *o)
{
	struct oracle or = { .v = v, .o = o, .nr = o->funcs, .nops = o->nops,
			     .seed = o->seed };
	int ret = -1;

	if (oracle_alloc(&or)) {
		fprintf(stderr, "ftbench: verify %s: out of memory\n", v->name);
		oracle_free(&or);
		return -1;
	}
	cur = &or;
	if (!open_corpus(&or)) {
		run_phases(&or);
		v->teardown();
		ftb_corpus_close(&or.c);
		ret = or.errors ? -1 : 0;
		printf("verify %-12s funcs=%zu ops=%zu seed=%llu: %lu callbacks, "
		       "%lu counts, %lu site reads: %s\n",
		       v->name, or.nr, or.nops, (unsigned long long)o->seed,
		       or.callbacks, or.checks, or.sites_checked,
		       or.errors ? "FAIL" : "OK");
		if (or.errors)
			printf("  %lu errors; first: %s\n", or.errors,
			       or.first_error);
	}
	cur = NULL;
	oracle_free(&or);
	return ret;
}
