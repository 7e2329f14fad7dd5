// SPDX-License-Identifier: GPL-2.0
/*
 * The scenarios of the study (docs/scenarios.md says what each answers).
 * A scenario lists its points per variant, sets a point up on top of an
 * initialised variant, and names the loop that is measured.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench/ops_set.h"
#include "bench/study.h"
#include "arch.h"
#include "asm/site.h"
#include "variants/execmem.h"
#include "variants/rcu_tasks.h"

/*
 * The tracee of scenarios that time one traced function, and its
 * irrelevant twin: the sample's empty functions (bench/tracees.c), or, for
 * ftrace-ops body=corpus, corpus functions f1 and f2, whose bodies are a
 * loop-carried chain the dispatch can hide behind (docs/scenarios.md).
 */
#define TRACEE 1
#define OTHER 2

enum { BODY_EMPTY, BODY_CORPUS };

/* Call the sample's relevant tracee, and name it as the rotation. */
static int use_tracee(struct ftb_ctx *ctx, uint32_t *tracee, uint32_t *other)
{
	*tracee = ftb_corpus_tracee_site(ctx->corpus, FTB_TRACEE_RELEVANT);
	*other = ftb_corpus_tracee_site(ctx->corpus, FTB_TRACEE_IRRELEVANT);
	if (ftb_ctx_rotation(ctx, 1, 0, 0))
		return -ENOMEM;
	ctx->order[0] = *tracee;
	ctx->tracee = 1;
	return 0;
}

static int add_point(const struct ftb_scenario *sc, const struct ftb_variant *v,
		     uint64_t calls, const long *val, const char *const *text,
		     struct ftb_point *out, int n, int max)
{
	struct ftb_point *p = &out[n];

	if (n >= max)
		return n;
	memset(p, 0, sizeof(*p));
	p->sc = sc;
	p->v = v;
	p->calls = calls;
	p->nparams = sc->nparams;
	for (int i = 0; i < sc->nparams; i++) {
		p->val[i] = val[i];
		if (text && text[i])
			snprintf(p->text[i], FTB_PARAM_LEN, "%s", text[i]);
		else
			snprintf(p->text[i], FTB_PARAM_LEN, "%ld", val[i]);
	}
	return n + 1;
}

static int is_none(const struct ftb_variant *v)
{
	return v->init == ftb_variant_none.init;
}

static int is_direct(const struct ftb_variant *v)
{
	return ftb_variant_design(v) == &ftb_variant_direct;
}

static uint64_t scaled(const struct ftb_study_opts *o, uint64_t full)
{
	return o->quick ? (full / 10 ? full / 10 : 1) : full;
}

static int attach_n(struct ftb_ctx *ctx, ftrace_func_t cb, uint32_t fn, long n,
		    char *err, size_t errlen)
{
	for (long i = 0; i < n; i++) {
		int ret = ftb_ctx_add_ops(ctx, cb, &fn, 1, err, errlen);

		if (ret)
			return ret;
	}
	return 0;
}

/* ---- ftrace-ops: samples/ftrace/ftrace-ops.c ---- */

/* relevant, irrelevant, body; body=corpus only where it is compared. */
static const long ftrace_ops_matrix[][3] = {
	{ 0, 0, BODY_EMPTY },	{ 1, 0, BODY_EMPTY },  { 1, 1, BODY_EMPTY },
	{ 1, 2, BODY_EMPTY },	{ 1, 10, BODY_EMPTY }, { 1, 100, BODY_EMPTY },
	{ 2, 0, BODY_EMPTY },	{ 10, 0, BODY_EMPTY }, { 100, 0, BODY_EMPTY },
	{ 0, 0, BODY_CORPUS },	{ 1, 0, BODY_CORPUS }, { 1, 10, BODY_CORPUS },
	{ 10, 0, BODY_CORPUS },
};

static int ftrace_ops_points(const struct ftb_scenario *sc,
			     const struct ftb_variant *v,
			     const struct ftb_study_opts *o,
			     struct ftb_point *out, int max)
{
	static const char *const body[] = { "empty", "corpus" };
	int n = 0;

	for (size_t i = 0;
	     i < sizeof(ftrace_ops_matrix) / sizeof(ftrace_ops_matrix[0]);
	     i++) {
		const long *m = ftrace_ops_matrix[i];
		const char *text[FTB_MAX_PARAMS] = { NULL, NULL, body[m[2]] };

		/* A direct site serves one callback. */
		if (is_direct(v) && (m[0] > 1 || m[1] > 1))
			continue;
		n = add_point(sc, v, scaled(o, 10000), m, text, out, n, max);
	}
	return n;
}

/*
 * Relevant ops first, then irrelevant: the list holds them newest first.
 * Every ops calls the sample's own callback, a traceable function
 * (bench/tracees.c), with either body.
 */
static int ftrace_ops_setup(struct ftb_ctx *ctx, char *err, size_t errlen)
{
	const struct ftb_point *p = ctx->p;
	ftrace_func_t cb = ctx->corpus->desc->tracees->callback;
	uint32_t tracee = TRACEE, other = OTHER;
	int ret;

	if (p->val[2] == BODY_EMPTY)
		ret = use_tracee(ctx, &tracee, &other);
	else if (!(ret = ftb_ctx_rotation(ctx, 1, 0, 0)))
		ctx->order[0] = tracee;
	return ret ?: attach_n(ctx, cb, tracee, p->val[0], err, errlen) ?:
		     attach_n(ctx, cb, other, p->val[1], err, errlen);
}

/* ---- ops-sweep: K ops, each its own functions ---- */

#define SWEEP_PER_OPS 4

static int ops_sweep_points(const struct ftb_scenario *sc,
			    const struct ftb_variant *v,
			    const struct ftb_study_opts *o,
			    struct ftb_point *out, int max)
{
	int n = 0;

	if (is_none(v) && v != &ftb_variant_none)
		return 0;
	for (long k = 1; k <= 64; k *= 2)
		if ((size_t)k * SWEEP_PER_OPS <= o->funcs)
			n = add_point(sc, v, scaled(o, 4000), &k, NULL, out, n,
				      max);
	return n;
}

static int ops_sweep_setup(struct ftb_ctx *ctx, char *err, size_t errlen)
{
	long k = ctx->p->val[0];
	int ret = ftb_ctx_rotation(ctx, (size_t)k * SWEEP_PER_OPS, 0, 0);

	for (long i = 0; !ret && i < k; i++)
		ret = ftb_ctx_add_ops(ctx, ftb_cb_nop,
				      &ctx->order[i * SWEEP_PER_OPS],
				      SWEEP_PER_OPS, err, errlen);
	return ret;
}

/* ---- overlap: two ops, a fraction of the called functions shared ---- */

#define OVERLAP_FUNCS 256

static int overlap_points(const struct ftb_scenario *sc,
			  const struct ftb_variant *v,
			  const struct ftb_study_opts *o, struct ftb_point *out,
			  int max)
{
	int n = 0;

	if (2 * OVERLAP_FUNCS > o->funcs ||
	    (is_none(v) && v != &ftb_variant_none))
		return 0;
	for (long pct = 0; pct <= 100; pct += 25)
		if (!is_direct(v) || pct == 0)
			n = add_point(sc, v, scaled(o, 20000), &pct, NULL, out,
				      n, max);
	return n;
}

/* A traces the F called functions; B traces F too, pct% of them A's. */
static int overlap_setup(struct ftb_ctx *ctx, char *err, size_t errlen)
{
	size_t shared = OVERLAP_FUNCS * (size_t)ctx->p->val[0] / 100;
	uint32_t b[OVERLAP_FUNCS];
	int ret = ftb_ctx_rotation(ctx, OVERLAP_FUNCS, 0, 0);

	for (size_t i = 0; i < OVERLAP_FUNCS; i++)
		b[i] = (uint32_t)(i < shared ? i : OVERLAP_FUNCS + i);
	return ret ?: ftb_ctx_add_ops(ctx, ftb_cb_nop, ctx->order,
				      OVERLAP_FUNCS, err, errlen) ?:
		      ftb_ctx_add_ops(ctx, ftb_cb_nop, b, OVERLAP_FUNCS, err,
				      errlen);
}

/* ---- footprint: how many distinct functions are called in rotation ---- */

static int footprint_points(const struct ftb_scenario *sc,
			    const struct ftb_variant *v,
			    const struct ftb_study_opts *o,
			    struct ftb_point *out, int max)
{
	static const char *const order[] = { "seq", "random" };
	int n = 0;

	for (long f = 1; f <= 65536; f *= 16) {
		long nf = f > 4096 ? 65536 : f;

		if ((size_t)nf > ftb_corpus_params.funcs)
			break;
		for (long r = 0; r < 2; r++) {
			long val[FTB_MAX_PARAMS] = { nf, r };
			const char *text[FTB_MAX_PARAMS] = { NULL, order[r] };

			if (nf == 1 && r)
				continue;
			n = add_point(sc, v, scaled(o, 20000), val, text, out,
				      n, max);
		}
		if (nf == 65536)
			break;
	}
	return n;
}

static int footprint_setup(struct ftb_ctx *ctx, char *err, size_t errlen)
{
	size_t nf = (size_t)ctx->p->val[0];
	int ret = ftb_ctx_rotation(ctx, nf, 0, 0);

	ret = ret
		      ?: ftb_ctx_add_ops(ctx, ftb_cb_nop, ctx->order, nf, err,
					 errlen);
	if (!ret && ctx->p->val[1])
		ret = ftb_ctx_rotation(ctx, nf, 1, 0x5eed);
	return ret;
}

/* ---- patching: enable/disable and retarget N sites ---- */

struct patching {
	struct ftrace_ops *a, *b;
};

/*
 * M, the register+unregister cycles per window: about PATCHING_WRITES
 * site writes, and never more than PATCHING_CYCLES cycles (half that with
 * --quick). The cap is what keeps small points measurable: a cycle's
 * fixed cost (the mprotect windows over the whole corpus text: tens of
 * microseconds, in the kernel) does not shrink with the sites, so 1024
 * cycles of one site made windows of 0.1-0.2 s, longer
 * than a time slice. Every such window of a busy machine contained a
 * context switch, every sample was flagged as preempted, and the sites=1
 * rows had no result. With the cap a window of up to 256 sites takes
 * about a millisecond at most here; one of 4096 sites (one cycle, a few
 * ms) can still be preempted on a loaded machine, and then says so.
 */
#define PATCHING_WRITES 8192
#define KPATCH_FUNCS 4096 /* the module's traceable functions */
#define PATCHING_CYCLES 4

static uint64_t patching_calls(const struct ftb_study_opts *o, long sites)
{
	uint64_t m = scaled(o, PATCHING_WRITES) / (uint64_t)sites;
	uint64_t cap = o->quick ? PATCHING_CYCLES / 2 : PATCHING_CYCLES;

	return m < 1 ? 1 : m > cap ? cap : m;
}

static int patching_points(const struct ftb_scenario *sc,
			   const struct ftb_variant *v,
			   const struct ftb_study_opts *o,
			   struct ftb_point *out, int max)
{
	static const char *const op[] = { "toggle", "retarget" };
	int n = 0;

	if (is_none(v) || (v == &ftb_variant_kernel && !ftb_kpatch_available()))
		return 0;
	for (long s = 1; s <= 65536 && (size_t)s <= o->funcs; s *= 16) {
		if (v == &ftb_variant_kernel && s > KPATCH_FUNCS)
			break;
		for (long k = 0; k < 2; k++) {
			long val[FTB_MAX_PARAMS] = { s, k };
			const char *text[FTB_MAX_PARAMS] = { NULL, op[k] };

			if (is_direct(v) && k)
				continue;
			n = add_point(sc, v, patching_calls(o, s), val, text,
				      out, n, max);
		}
		if (s == 4096 && o->funcs >= 65536)
			s = 65536 / 16;
	}
	return n;
}

static int patching_setup(struct ftb_ctx *ctx, char *err, size_t errlen)
{
	struct patching *pt = calloc(1, sizeof(*pt));
	size_t nsites = (size_t)ctx->p->val[0];
	int ret;

	if (!pt)
		return -ENOMEM;
	ctx->priv = pt;
	ret = ftb_ctx_rotation(ctx, nsites, 0, 0);
	pt->b = ftb_ops_new("patch-b", ftb_cb_nop, ctx);
	/* kernel: the module's ops over its own functions (bench/kpatch.c) */
	if (ctx->p->v == &ftb_variant_kernel)
		return ret || !pt->b
			       ? -ENOMEM
			       : ftb_kpatch_setup(nsites, (int)ctx->p->val[1],
						  err, errlen);
	if (ret || !pt->b ||
	    ftb_ops_filter_funcs(pt->b, ctx->corpus, ctx->order, nsites))
		return -ENOMEM;
	/* retarget: A stays registered, B comes and goes over A's sites */
	if (ctx->p->val[1])
		return ftb_ctx_add_ops(ctx, ftb_cb_nop, ctx->order, nsites, err,
				       errlen);
	return 0;
}

/* Each "call" registers B over the sites and unregisters it again. */
static void patching_run(void *arg, uint64_t calls)
{
	struct ftb_ctx *ctx = arg;
	struct patching *pt = ctx->priv;
	char err[FTB_ERRLEN];

	for (uint64_t i = 0; i < calls; i++) {
		if (ctx->p->v->attach(pt->b, err, sizeof(err)) ||
		    ctx->p->v->detach(pt->b, err, sizeof(err))) {
			fprintf(stderr, "ftbench: patching: %s\n", err);
			abort();
		}
	}
}

static void patching_teardown(struct ftb_ctx *ctx)
{
	struct patching *pt = ctx->priv;

	if (pt)
		ftb_ops_free(pt->b);
	free(pt);
	ctx->priv = NULL;
}

/* ---- threads: T threads calling the tracee at once ---- */

struct threads {
	pthread_t tid[64];
	int n;
	int stop;
	struct ftb_ctx worker[64];
};

static void *thread_loop(void *arg)
{
	struct ftb_ctx *w = arg;
	struct threads *th = w->priv;

	while (!__atomic_load_n(&th->stop, __ATOMIC_ACQUIRE))
		ftb_run_tracee(w, 1000);
	return NULL;
}

static int threads_points(const struct ftb_scenario *sc,
			  const struct ftb_variant *v,
			  const struct ftb_study_opts *o, struct ftb_point *out,
			  int max)
{
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	int n = 0;

	if (is_none(v) && v != &ftb_variant_none)
		return 0;
	for (long t = 1; t <= ncpu && t <= 64; t *= 2)
		n = add_point(sc, v, scaled(o, 20000), &t, NULL, out, n, max);
	return n;
}

static int threads_setup(struct ftb_ctx *ctx, char *err, size_t errlen)
{
	struct threads *th = calloc(1, sizeof(*th));
	uint32_t tracee, other;
	int ret;

	if (!th)
		return -ENOMEM;
	ctx->priv = th;
	ret = use_tracee(ctx, &tracee, &other);
	ret = ret ?: ftb_ctx_add_ops(ctx, ftb_cb_nop, &tracee, 1, err, errlen);
	for (long i = 1; !ret && i < ctx->p->val[0]; i++) {
		struct ftb_ctx *w = &th->worker[th->n];

		*w = *ctx;
		w->priv = th;
		if (pthread_create(&th->tid[th->n], NULL, thread_loop, w))
			ret = -EAGAIN;
		else
			th->n++;
	}
	return ret;
}

/* Threads stop before any ops goes away, so none can be in a trampoline. */
static void threads_teardown(struct ftb_ctx *ctx)
{
	struct threads *th = ctx->priv;

	if (!th)
		return;
	__atomic_store_n(&th->stop, 1, __ATOMIC_RELEASE);
	for (int i = 0; i < th->n; i++)
		pthread_join(th->tid[i], NULL);
	free(th);
	ctx->priv = NULL;
}

/* ---- callback: trivial against a function tracer's ---- */

static int callback_points(const struct ftb_scenario *sc,
			   const struct ftb_variant *v,
			   const struct ftb_study_opts *o,
			   struct ftb_point *out, int max)
{
	static const char *const cb[] = { "trivial", "ring" };
	int n = 0;

	if (is_none(v) && v != &ftb_variant_none)
		return 0;
	for (long k = 0; k < 2; k++) {
		const char *text[FTB_MAX_PARAMS] = { cb[k] };

		n = add_point(sc, v, scaled(o, 20000), &k, text, out, n, max);
	}
	return n;
}

static int callback_setup(struct ftb_ctx *ctx, char *err, size_t errlen)
{
	uint32_t tracee, other;
	int ret = use_tracee(ctx, &tracee, &other);

	return ret
		       ?: ftb_ctx_add_ops(ctx,
					  ctx->p->val[0] ? ftb_cb_ring
							 : ftb_cb_nop,
					  &tracee, 1, err, errlen);
}

/* ---- untraced: each layout's f1 against its site-less copy ---- */

static int untraced_points(const struct ftb_scenario *sc,
			   const struct ftb_variant *v,
			   const struct ftb_study_opts *o,
			   struct ftb_point *out, int max)
{
	static const char *const call[] = { "ref", "site" };
	int n = 0;

	for (long k = 0; k < 2; k++) {
		const char *text[FTB_MAX_PARAMS] = { call[k] };

		n = add_point(sc, v, scaled(o, 20000), &k, text, out, n, max);
	}
	return n;
}

/* No ops: sites as compiled (none) or initialised (the others). */
static int untraced_setup(struct ftb_ctx *ctx, char *err, size_t errlen)
{
	static const ftb_fn_t ref[] = { ftb_ref_f0, ftb_ref_f1 };
	int ret = ftb_ctx_rotation(ctx, 1, 0, 0);

	(void)err, (void)errlen;
	if (!ret)
		ctx->order[0] = TRACEE;
	if (!ctx->p->val[0])
		ctx->fns = ref;
	return ret;
}

/* ---- range: the callback beyond direct-branch reach ---- */

#define FAR_STUB_OFFSET 0x7c0

struct range {
	void *page;
};

static int range_points(const struct ftb_scenario *sc,
			const struct ftb_variant *v,
			const struct ftb_study_opts *o, struct ftb_point *out,
			int max)
{
	static const char *const where[] = { "near", "far" };
	int n = 0;

	if (is_none(v))
		return 0;
	for (long k = 0; k < 2; k++) {
		const char *text[FTB_MAX_PARAMS] = { where[k] };

		n = add_point(sc, v, scaled(o, 20000), &k, text, out, n, max);
	}
	return n;
}

/*
 * far: the callback is a copy of a returning stub mapped twice the branch
 * reach above the corpus, as a module far from the trampolines: a BL to it
 * needs a veneer (arm64) or an indirect call (x86); a BLR does not care.
 */
static int range_setup(struct ftb_ctx *ctx, char *err, size_t errlen)
{
	struct range *rg = calloc(1, sizeof(*rg));
	ftrace_func_t cb = ftb_cb_nop;
	uint32_t tracee, other;
	size_t len;

	if (!rg)
		return -ENOMEM;
	ctx->priv = rg;
	if (ctx->p->val[0]) {
		rg->page = execmem_alloc_far(4096, 2 * FTB_BRANCH_RANGE, err,
					     errlen);
		if (!rg->page)
			return -ENOMEM;
		/*
		 * Not at offset 0 of its page: trampolines are page aligned,
		 * and a stub at the same page offset as the trampoline's call
		 * aliases with it in some branch predictors (seen on x86).
		 */
		len = arch_return_stub((uint8_t *)rg->page + FAR_STUB_OFFSET,
				       4096 - FAR_STUB_OFFSET);
		if (!len || execmem_seal(rg->page, 4096))
			return -EIO;
		cb = (ftrace_func_t)((uint8_t *)rg->page + FAR_STUB_OFFSET);
	}
	if (use_tracee(ctx, &tracee, &other))
		return -ENOMEM;
	return ftb_ctx_add_ops(ctx, cb, &tracee, 1, err, errlen);
}

/* The ops go before the far callback's page does. */
static void range_teardown(struct ftb_ctx *ctx)
{
	struct range *rg = ctx->priv;

	ftb_ctx_release(ctx);
	if (rg && rg->page)
		execmem_free(rg->page, 4096);
	free(rg);
	ctx->priv = NULL;
}

static void no_teardown(struct ftb_ctx *ctx)
{
	(void)ctx;
}

static const struct ftb_scenario scenario_ftrace_ops = {
	.name = "ftrace-ops",
	.windows = 8,
	.question = "cost per call against relevant and irrelevant ops "
		    "(the kernel's samples/ftrace/ftrace-ops.c)",
	.nparams = 3,
	.param = { "relevant", "irrelevant", "body" },
	.values = "0/0 1/0 1/1 1/2 1/10 1/100 2/0 10/0 100/0 (body=empty); "
		  "0/0 1/0 1/10 10/0 (body=corpus)",
	.points = ftrace_ops_points,
	.setup = ftrace_ops_setup,
	.run = ftb_run_traced,
	.teardown = no_teardown,
};

static const struct ftb_scenario scenario_untraced = {
	.name = "untraced",
	.question = "the untraced cost of each layout: f1 with its patch site "
		    "(compiled or initialised) against a copy without one",
	.nparams = 1,
	.param = { "call" },
	.values = "ref site",
	.flavours = 1,
	.points = untraced_points,
	.setup = untraced_setup,
	.run = ftb_run_rotation,
	.teardown = no_teardown,
};

static const struct ftb_scenario scenario_ops_sweep = {
	.name = "ops-sweep",
	.windows = 8,
	.question = "K ops, each tracing its own 4 functions, all called",
	.nparams = 1,
	.param = { "ops" },
	.values = "1 2 4 8 16 32 64",
	.points = ops_sweep_points,
	.setup = ops_sweep_setup,
	.run = ftb_run_rotation,
	.teardown = no_teardown,
};

static const struct ftb_scenario scenario_overlap = {
	.name = "overlap",
	.question = "two ops over 256 called functions, percent traced by both",
	.nparams = 1,
	.param = { "percent" },
	.values = "0 25 50 75 100",
	.points = overlap_points,
	.setup = overlap_setup,
	.run = ftb_run_rotation,
	.teardown = no_teardown,
};

static const struct ftb_scenario scenario_footprint = {
	.name = "footprint",
	.question = "distinct functions called in rotation: the BTB, indirect "
		    "predictor, I-cache and iTLB limits",
	.nparams = 2,
	.param = { "funcs", "order" },
	.values = "1 16 256 4096 65536 x seq|random (up to the built corpus)",
	.wide = 1,
	.flavours = 1,
	.points = footprint_points,
	.setup = footprint_setup,
	.run = ftb_run_rotation,
	.teardown = no_teardown,
};

static const struct ftb_variant *const patching_own[] = {
	&ftb_variant_kernel,
	NULL,
};

static const struct ftb_scenario scenario_patching = {
	.name = "patching",
	.question = "one register+unregister cycle over N sites (toggle: "
		    "0->1->0 ops per site; retarget: 1->2->1)",
	.nparams = 2,
	.param = { "sites", "op" },
	.values = "1 16 256 4096 65536 x toggle|retarget",
	.kernel = 1,
	.fit_over = 1, /* sites: the cost per site and the fixed cost */
	.own = patching_own,
	.points = patching_points,
	.setup = patching_setup,
	.run = patching_run,
	.teardown = patching_teardown,
};

static const struct ftb_scenario scenario_range = {
	.name = "range",
	.question = "the callback beyond direct-branch reach of the "
		    "trampolines (a far module): veneer or indirect call",
	.nparams = 1,
	.param = { "callback" },
	.values = "near far",
	.flavours = 1,
	.points = range_points,
	.setup = range_setup,
	.run = ftb_run_traced,
	.teardown = range_teardown,
};

static const struct ftb_scenario scenario_threads = {
	.name = "threads",
	.question = "T threads calling the tracee at once (shared ops and "
		    "hash data); the first thread is measured",
	.nparams = 1,
	.param = { "threads" },
	.values = "1 2 4 ... CPUs",
	.points = threads_points,
	.setup = threads_setup,
	.run = ftb_run_traced,
	.teardown = threads_teardown,
};

static const struct ftb_scenario scenario_callback = {
	.name = "callback",
	.question = "a trivial callback against a ring-buffer recorder",
	.nparams = 1,
	.param = { "callback" },
	.values = "trivial ring",
	.points = callback_points,
	.setup = callback_setup,
	.run = ftb_run_traced,
	.teardown = no_teardown,
};

const struct ftb_scenario *const ftb_scenarios[] = {
	&scenario_ftrace_ops, &scenario_untraced,
	&scenario_ops_sweep,  &scenario_overlap,
	&scenario_footprint,  &scenario_patching,
	&scenario_range,      &scenario_threads,
	&scenario_callback,   NULL,
};

const struct ftb_scenario *ftb_scenario_find(const char *name)
{
	for (int i = 0; ftb_scenarios[i]; i++)
		if (!strcmp(ftb_scenarios[i]->name, name))
			return ftb_scenarios[i];
	return NULL;
}
