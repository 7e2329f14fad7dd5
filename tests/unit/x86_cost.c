// SPDX-License-Identifier: GPL-2.0
/*
 * One traced call per variant on x86_64: a single ops traces corpus
 * function 0 and the function is called K times.
 *
 *   x86_cost                  the test: every variant traces exactly K calls
 *   x86_cost VARIANT CALLS [other]
 *                             just the loop, for tests/x86_cost.t, which
 *                             runs it under cachegrind with CALLS = K and 2K:
 *                             the difference / K is the instructions of one
 *                             traced call (loop and function body included);
 *                             with `other` the ops traces function 1, so
 *                             function 0 runs an initialised, disabled site
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef __x86_64__
#include "asm/x86_64/insn.h"
#include "bench/ops_set.h"
#include "tests/unit/check.h"
#include "variants/variant.h"

#define CALLS 1000

static unsigned long hits;
static int verbose;
static uint32_t traced = 0; /* the function the ops traces */

static void count_cb(unsigned long ip, unsigned long parent,
		     struct ftrace_ops *op, struct ftrace_regs *fregs)
{
	(void)ip, (void)parent, (void)op, (void)fregs;
	hits++;
}

__attribute__((noipa)) static unsigned long loop(ftb_fn_t fn,
						 unsigned long calls)
{
	unsigned long x = 0;

	for (unsigned long i = 0; i < calls; i++)
		x += fn(i, 0);
	return x;
}

static const char *target_name(uintptr_t t, const struct ftrace_ops *ops)
{
	if (!t)
		return "nothing (not a CALL)";
	if (t == (uintptr_t)ftrace_caller)
		return "ftrace_caller";
	if (t == (uintptr_t)ftrace_callops_caller)
		return "ftrace_callops_caller";
	if (t == (uintptr_t)ops->trampoline)
		return "the ops' own trampoline/stub";
	if (t == (uintptr_t)ftrace_ops_list_func)
		return "ftrace_ops_list_func";
	if (t == (uintptr_t)ops->func)
		return "ops->func";
	return "?";
}

/* The enabled site's bytes, what they call, and what the literal holds. */
static void show_site(const struct ftb_variant *v, const struct ftb_site *s,
		      const struct ftrace_ops *ops)
{
	const uint8_t *p = (const uint8_t *)s->call;
	char hex[32];

	x86_hex(hex, sizeof(hex), p, X86_PATCH_SIZE);
	printf("# %s: %scall slot [%s] -> %s", v->name,
	       s->call != s->func ? "endbr64 [f3 0f 1e fa], " : "", hex,
	       target_name(x86_branch_target(p, s->call), ops));
	if (s->literal)
		printf("; literal %s",
		       *(const struct ftrace_ops *const *)s->literal == ops
			       ? "= the ops"
			       : "!= the ops");
	if (p[0] == X86_OP_CALL &&
	    x86_branch_target(p, s->call) == (uintptr_t)ftrace_caller)
		printf("; ftrace_call -> %s",
		       target_name(
			       x86_branch_target((const uint8_t *)ftrace_call,
						 (uintptr_t)ftrace_call),
			       ops));
	printf("\n");
}

/* Trace function 0 with one ops, call it `calls` times; -1 on error. */
static long run(const struct ftb_variant *v, unsigned long calls)
{
	char err[FTB_ERRLEN] = "";
	struct ftb_corpus c;
	struct ftrace_ops *ops = NULL;
	long ret = -1;

	if (ftb_corpus_open(&c, v->layout, 16, err, sizeof(err)))
		goto out;
	if (v->init(&c, err, sizeof(err)))
		goto close;
	ops = ftb_ops_new("x86-cost", count_cb, NULL);
	if (!ops || ftb_ops_filter_funcs(ops, &c, &traced, 1) ||
	    v->attach(ops, err, sizeof(err)))
		goto teardown;
	if (verbose)
		show_site(v, &c.sites[0], ops);
	hits = 0;
	loop(ftb_corpus_fn(&c, 0), calls);
	ret = (long)hits;
	if (v->detach(ops, err, sizeof(err)))
		ret = -1;
teardown:
	v->teardown();
	if (ops)
		ftb_ops_free(ops);
close:
	ftb_corpus_close(&c);
out:
	if (err[0])
		printf("# %s: %s\n", v->name, err);
	return ret;
}

int main(int argc, char **argv)
{
	const struct ftb_variant *v;

	if (argc == 3 || argc == 4) {
		traced = argc == 4 && !strcmp(argv[3], "other");
		v = ftb_variant_find(argv[1]);
		return !v || run(v, strtoul(argv[2], NULL, 0)) < 0;
	}
	verbose = 1;
	for (int i = 0; (v = ftb_variant_at(i)); i++) {
		long want = strncmp(v->name, "none", 4) ? CALLS : 0;
		long got = run(v, CALLS);

		CHECK(got == want,
		      "x86 %s: one ops on one function, %d calls, %ld traced",
		      v->name, CALLS, got);
	}
	return check_exit();
}
#else
int main(void)
{
	printf("ok - x86 per-call cost # SKIP not x86_64\n");
	return 0;
}
#endif
