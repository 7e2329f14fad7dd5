// SPDX-License-Identifier: GPL-2.0
/*
 * What scenarios share: the measured loop (call functions in rotation), ops
 * made over corpus functions, and the callbacks.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench/ops_set.h"
#include "bench/study.h"
#include "bench/workload.h"

/*
 * The measured loop. The call is indirect through the corpus table, as a
 * dispatch through a function pointer; its cost and the loop's cancel in
 * the harness's N-vs-2N difference, the tracing cost does not.
 */
void ftb_run_rotation(void *arg, uint64_t calls)
{
	struct ftb_ctx *ctx = arg;
	const ftb_fn_t *fns = ctx->fns ? ctx->fns : ctx->corpus->desc->table;
	const uint32_t *order = ctx->order;
	size_t n = ctx->norder, j = ctx->next;
	unsigned long x = ctx->sink;

	for (uint64_t i = 0; i < calls; i++) {
		x += fns[order[j]](x, 0);
		if (++j == n)
			j = 0;
	}
	ctx->next = j;
	ctx->sink = x;
}

/*
 * The sample's loop: `calls` direct calls of the layout's empty tracee, as
 * samples/ftrace/ftrace-ops.c makes them (bench/tracees.c).
 */
void ftb_run_tracee(void *arg, uint64_t calls)
{
	struct ftb_ctx *ctx = arg;

	ctx->corpus->desc->tracees->loop(calls);
}

/* A scenario's one traced function: the sample's tracee or a rotation. */
void ftb_run_traced(void *arg, uint64_t calls)
{
	struct ftb_ctx *ctx = arg;

	if (ctx->tracee)
		ftb_run_tracee(ctx, calls);
	else
		ftb_run_rotation(ctx, calls);
}

/* Functions [0, n) in order, or shuffled with seed. */
int ftb_ctx_rotation(struct ftb_ctx *ctx, size_t n, int random, uint64_t seed)
{
	free(ctx->order);
	ctx->order = calloc(n, sizeof(*ctx->order));
	if (!ctx->order)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++)
		ctx->order[i] = (uint32_t)i;
	if (random)
		ftb_shuffle_u32(ctx->order, n, &seed);
	ctx->norder = n;
	ctx->next = 0;
	return 0;
}

/* Make one ops tracing functions idx[0..n) and attach it to the variant. */
int ftb_ctx_add_ops(struct ftb_ctx *ctx, ftrace_func_t func,
		    const uint32_t *idx, size_t n, char *err, size_t errlen)
{
	struct ftrace_ops **grown, *ops;

	grown = realloc(ctx->ops,
			(ctx->nops + 1) * sizeof(struct ftrace_ops *));
	if (!grown)
		return -ENOMEM;
	ctx->ops = grown;
	ops = ftb_ops_new("study", func, ctx);
	if (!ops)
		return -ENOMEM;
	if (ftb_ops_filter_funcs(ops, ctx->corpus, idx, n)) {
		ftb_ops_free(ops);
		snprintf(err, errlen, "out of memory for a filter");
		return -ENOMEM;
	}
	if (ctx->p->v->attach(ops, err, errlen)) {
		/* Still on the ops list after a half-done registration:
		 * leaked on purpose, never freed while reachable. */
		if (!ftrace_ops_registered(ops))
			ftb_ops_free(ops);
		return -EINVAL;
	}
	ctx->ops[ctx->nops++] = ops;
	return 0;
}

/* Detach and free every ops, newest first. */
void ftb_ctx_release(struct ftb_ctx *ctx)
{
	char err[FTB_ERRLEN];

	while (ctx->nops) {
		struct ftrace_ops *ops = ctx->ops[--ctx->nops];

		if (ctx->p->v->detach(ops, err, sizeof(err)))
			fprintf(stderr, "ftbench: %s\n", err);
		ftb_ops_free(ops);
	}
	free(ctx->ops);
	free(ctx->order);
	ctx->ops = NULL;
	ctx->order = NULL;
	ctx->norder = 0;
	ctx->tracee = 0;
}

/* The trivial callback of samples/ftrace/ftrace-ops.c: does nothing. */
void ftb_cb_nop(unsigned long ip, unsigned long parent_ip,
		struct ftrace_ops *op, struct ftrace_regs *fregs)
{
	(void)ip, (void)parent_ip, (void)op, (void)fregs;
}

/*
 * A function tracer's work in small: reserve an entry in a per-thread ring
 * buffer and record ip and parent ip with a timestamp-like sequence.
 */
#define RING_ENTRIES 4096

struct ring_entry {
	unsigned long ip, parent_ip, seq;
};

static __thread struct ring_entry ring[RING_ENTRIES];
static __thread unsigned long ring_head;

void ftb_cb_ring(unsigned long ip, unsigned long parent_ip,
		 struct ftrace_ops *op, struct ftrace_regs *fregs)
{
	struct ring_entry *e = &ring[ring_head & (RING_ENTRIES - 1)];

	(void)op, (void)fregs;
	e->ip = ip;
	e->parent_ip = parent_ip;
	e->seq = ring_head++;
}

unsigned long ftb_cb_ring_records(void)
{
	return ring_head;
}

/* A standalone ftrace-ops configuration (workload.h). */
struct standalone {
	struct ftb_point point;
	struct ftb_corpus corpus;
	struct ftb_ctx ctx;
};

int ftb_workload_build(const char *variant, int relevant, int irrelevant,
		       struct ftb_workload *w, char *err, size_t errlen)
{
	const struct ftb_scenario *sc = ftb_scenario_find("ftrace-ops");
	const struct ftb_variant *v = ftb_variant_find(variant);
	struct standalone *s;

	if (!v || relevant < 0 || irrelevant < 0) {
		snprintf(err, errlen, "unknown variant '%s' or bad ops counts",
			 variant);
		return -EINVAL;
	}
	s = calloc(1, sizeof(*s));
	if (!s)
		return -ENOMEM;
	s->point = (struct ftb_point){
		.sc = sc, .v = v, .nparams = 2, .val = { relevant, irrelevant }
	};
	s->ctx.p = &s->point;
	s->ctx.corpus = &s->corpus;
	if (ftb_corpus_open(&s->corpus, v->layout, FTB_DEFAULT_FUNCS, err,
			    errlen)) {
		free(s);
		return -EINVAL;
	}
	if (v->init(&s->corpus, err, errlen) ||
	    sc->setup(&s->ctx, err, errlen)) {
		ftb_workload_destroy(&(struct ftb_workload){ .ctx = &s->ctx });
		return -EINVAL;
	}
	w->run = sc->run;
	w->ctx = &s->ctx;
	return 0;
}

void ftb_workload_destroy(struct ftb_workload *w)
{
	struct ftb_ctx *ctx = w->ctx;
	struct standalone *s;

	if (!ctx)
		return;
	s = (struct standalone *)((char *)ctx -
				  offsetof(struct standalone, ctx));
	ftb_ctx_release(ctx);
	s->point.v->teardown();
	ftb_corpus_close(&s->corpus);
	free(s);
	w->ctx = NULL;
}
