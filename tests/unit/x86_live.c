// SPDX-License-Identifier: GPL-2.0
/*
 * x86_64 live patching: the int3 protocol (asm/x86_64/text_poke.c) against
 * a thread that keeps calling the function being patched. A bounded number
 * of toggles, then exact call counts once the caller is quiet; no timing.
 */
#include <stdio.h>
#include <string.h>

#ifdef __x86_64__
#include <pthread.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "asm/site.h"
#include "tests/unit/check.h"
#include "asm/x86_64/insn.h"
#include "variants/execmem.h"
#include "variants/ftrace.h"
#include "variants/text.h"

#define TOGGLES 1000
#define EXACT_CALLS 10000

__attribute__((section("ftb_x86_live"), noipa, used,
	       patchable_function_entry(5, 0), aligned(16))) unsigned long
live_fn(unsigned long x)
{
	return x * 3 + 1;
}

/* The same body in the literal layout (callops). */
__attribute__((section("ftb_x86_live"), noipa, used,
	       patchable_function_entry(21, 16), aligned(16))) unsigned long
live_lit_fn(unsigned long x)
{
	return x * 3 + 1;
}

extern char __start_ftb_x86_live[], __stop_ftb_x86_live[];

static struct ftb_site site, lit_site;
static struct ftb_site *cur = &site; /* the site the callers run */
static unsigned long (*volatile target)(unsigned long) = live_fn;
static unsigned long hits_a, hits_b, bad_args, wrong_results;
static int stop;

__attribute__((noipa)) static unsigned long call1(unsigned long x)
{
	unsigned long r = target(x);

	__asm__ volatile("" : "+r"(r)); /* no tail call: parent ip is here */
	return r;
}

static void check_args(unsigned long ip, unsigned long parent)
{
	if (ip != cur->call || parent - (uintptr_t)call1 >= 64)
		__atomic_fetch_add(&bad_args, 1, __ATOMIC_RELAXED);
}

static void cb_a(unsigned long ip, unsigned long parent, struct ftrace_ops *op,
		 struct ftrace_regs *fregs)
{
	(void)op, (void)fregs;
	check_args(ip, parent);
	__atomic_fetch_add(&hits_a, 1, __ATOMIC_RELAXED);
}

static void cb_b(unsigned long ip, unsigned long parent, struct ftrace_ops *op,
		 struct ftrace_regs *fregs)
{
	(void)op, (void)fregs;
	check_args(ip, parent);
	__atomic_fetch_add(&hits_b, 1, __ATOMIC_RELAXED);
}

static struct ftrace_ops ops = { .func = cb_a, .name = "live" };
static struct ftrace_ops ops_b = { .func = cb_b, .name = "live-b" };

/* Calls live_fn until told to stop, or `limit` times if non-zero. */
static void *caller_thread(void *arg)
{
	unsigned long limit = (unsigned long)arg, n = 0;

	while (limit ? n < limit : !__atomic_load_n(&stop, __ATOMIC_ACQUIRE)) {
		if (call1(n) != n * 3 + 1)
			__atomic_fetch_add(&wrong_results, 1, __ATOMIC_RELAXED);
		n++;
	}
	return (void *)n;
}

static unsigned long hits(void)
{
	return __atomic_load_n(&hits_a, __ATOMIC_RELAXED) +
	       __atomic_load_n(&hits_b, __ATOMIC_RELAXED);
}

static int setup(void)
{
	char err[FTB_ERRLEN] = "";

	if (text_region_add((uintptr_t)__start_ftb_x86_live,
			    (uintptr_t)__stop_ftb_x86_live))
		return -1;
	site = (struct ftb_site){ .base = (uintptr_t)live_fn,
				  .func = (uintptr_t)live_fn };
	if (arch_site_describe(&site, err, sizeof(err))) {
		printf("# %s\n", err);
		return -1;
	}
	lit_site = (struct ftb_site){ .base = (uintptr_t)live_lit_fn - 16,
				      .func = (uintptr_t)live_lit_fn,
				      .layout = FTB_LAYOUT_LITERAL };
	if (arch_site_describe(&lit_site, err, sizeof(err))) {
		printf("# %s\n", err);
		return -1;
	}
	function_trace_op = &ops;
	return arch_site_init(&site, &ftrace_nop_ops) ||
	       arch_site_init(&lit_site, &ftrace_nop_ops) ||
	       arch_update_ftrace_func((uintptr_t)ftrace_stub, (uintptr_t)cb_a);
}

/* Each toggle is one int3 patch; returns how many patches failed. */
static int toggle_site(uintptr_t a, uintptr_t b)
{
	int bad = 0;

	for (int i = 0; i < TOGGLES; i++) {
		bad += !!arch_site_make_call(&site, a);
		bad += !!(b ? arch_site_modify_call(&site, a, b) ||
					  arch_site_make_nop(&site, b)
			    : arch_site_make_nop(&site, a));
	}
	return bad;
}

static int toggle_caller(void)
{
	int bad = 0;

	for (int i = 0; i < TOGGLES; i++) {
		bad += !!arch_update_ftrace_func((uintptr_t)cb_a,
						 (uintptr_t)cb_b);
		bad += !!arch_update_ftrace_func((uintptr_t)cb_b,
						 (uintptr_t)cb_a);
	}
	return bad;
}

static void test_live_toggles(void *tramp)
{
	pthread_t t;
	unsigned long calls, before = x86_poke_bp_count();
	int bad;

	__atomic_store_n(&stop, 0, __ATOMIC_RELEASE);
	if (pthread_create(&t, NULL, caller_thread, NULL)) {
		CHECK(0, "x86 live: start the calling thread");
		return;
	}
	ftb_text_live = 1;
	bad = toggle_site((uintptr_t)ftrace_caller, 0);
	bad += toggle_site((uintptr_t)ftrace_caller, (uintptr_t)tramp);
	bad += !!arch_site_make_call(&site, (uintptr_t)ftrace_caller);
	bad += toggle_caller();
	bad += !!arch_site_make_nop(&site, (uintptr_t)ftrace_caller);
	__atomic_store_n(&stop, 1, __ATOMIC_RELEASE);
	pthread_join(t, (void **)&calls);
	CHECK(!bad, "x86 live: every int3 patch succeeded");
	CHECK(x86_poke_bp_count() - before == 7 * TOGGLES + 2,
	      "x86 live: every patch took the int3 path");
	CHECK(!wrong_results, "x86 live: the traced function always returned "
			      "the right value");
	CHECK(!bad_args, "x86 live: callbacks always saw the right ip and "
			 "parent ip");
	CHECK(hits() <= calls, "x86 live: no more callbacks than calls");
	printf("# %lu calls, %lu traced, %lu int3 traps emulated\n", calls,
	       hits(), x86_poke_trap_count());
}

/* After quiescing: enabled means every call traced, disabled none. */
static void test_exact_counts(void)
{
	pthread_t t;
	unsigned long calls, before;

	CHECK(!arch_site_make_call(&site, (uintptr_t)ftrace_caller),
	      "x86 live: enable for the exact count");
	before = hits();
	if (pthread_create(&t, NULL, caller_thread, (void *)EXACT_CALLS))
		return;
	pthread_join(t, (void **)&calls);
	CHECK(calls == EXACT_CALLS && hits() - before == EXACT_CALLS,
	      "x86 live: enabled, every call traced exactly once");
	CHECK(!arch_site_make_nop(&site, (uintptr_t)ftrace_caller),
	      "x86 live: disable for the exact count");
	before = hits();
	if (pthread_create(&t, NULL, caller_thread, (void *)EXACT_CALLS))
		return;
	pthread_join(t, (void **)&calls);
	CHECK(hits() == before, "x86 live: disabled, no call traced");
}

/* One round of the CALL_OPS write order, with a retarget in the middle. */
static int literal_round(uintptr_t caller)
{
	arch_site_set_literal(&lit_site, &ops);
	if (arch_site_make_call(&lit_site, caller))
		return 1;
	arch_site_set_literal(&lit_site, &ops_b);
	arch_site_set_literal(&lit_site, &ops);
	arch_site_set_literal(&lit_site, &ftrace_nop_ops);
	return !!arch_site_make_nop(&lit_site, caller);
}

/* Runs `limit` calls on another thread; returns the callbacks they made. */
static unsigned long traced_calls(unsigned long limit)
{
	unsigned long before = hits(), calls = 0;
	pthread_t t;

	if (pthread_create(&t, NULL, caller_thread, (void *)limit))
		return ~0ul;
	pthread_join(t, (void **)&calls);
	return calls == limit ? hits() - before : ~0ul;
}

/* callops: the literal changes while a thread runs the site. */
static void test_live_literal(void)
{
	uintptr_t caller = (uintptr_t)ftrace_callops_caller;
	unsigned long calls, before = x86_poke_bp_count(), b;
	pthread_t t;
	int bad = 0;

	cur = &lit_site;
	target = live_lit_fn;
	__atomic_store_n(&stop, 0, __ATOMIC_RELEASE);
	if (pthread_create(&t, NULL, caller_thread, NULL)) {
		CHECK(0, "x86 live callops: start the calling thread");
		return;
	}
	for (int i = 0; i < TOGGLES; i++)
		bad += literal_round(caller);
	__atomic_store_n(&stop, 1, __ATOMIC_RELEASE);
	pthread_join(t, (void **)&calls);
	CHECK(!bad && x86_poke_bp_count() - before == 2 * TOGGLES,
	      "x86 live callops: %d enable/retarget/disable rounds by int3",
	      TOGGLES);
	CHECK(!wrong_results && !bad_args,
	      "x86 live callops: results, ip and parent ip always right");
	arch_site_set_literal(&lit_site, &ops_b);
	CHECK(!arch_site_make_call(&lit_site, caller),
	      "x86 live callops: enable with ops_b");
	b = hits_b;
	CHECK(traced_calls(EXACT_CALLS) == EXACT_CALLS &&
		      hits_b - b == EXACT_CALLS,
	      "x86 live callops: quiet, every call reaches ops_b once");
	arch_site_set_literal(&lit_site, &ftrace_nop_ops);
	CHECK(traced_calls(EXACT_CALLS) == 0,
	      "x86 live callops: literal = nop ops, no callback");
	CHECK(!arch_site_make_nop(&lit_site, caller),
	      "x86 live callops: disable");
}

/* A trap that is not a patch in progress kills as SIGTRAP would. */
static void test_foreign_trap(int use_raise, const char *name)
{
	struct rlimit no_core = { 0, 0 };
	int status = 0;
	pid_t pid = fork();

	if (pid == 0) {
		setrlimit(RLIMIT_CORE, &no_core);
		if (use_raise)
			raise(SIGTRAP);
		else
			__asm__ volatile("int3");
		_exit(0);
	}
	CHECK(pid > 0 && waitpid(pid, &status, 0) == pid &&
		      WIFSIGNALED(status) && WTERMSIG(status) == SIGTRAP,
	      "%s", name);
}

int main(void)
{
	char err[FTB_ERRLEN] = "";
	size_t size = 0;
	void *tramp;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (setup()) {
		printf("not ok - x86 live: setup: %s\n", ftb_last_error());
		return 1;
	}
	tramp = arch_tramp_create(&ops, (uintptr_t)cb_b, site.call, &size, err,
				  sizeof(err));
	if (!tramp) {
		printf("not ok - x86 live: trampoline: %s\n", err);
		return 1;
	}
	test_live_toggles(tramp);
	test_exact_counts();
	test_live_literal();
	test_foreign_trap(0,
			  "x86 live: a foreign int3 still kills with SIGTRAP");
	test_foreign_trap(1, "x86 live: a sent SIGTRAP still kills");
	ftb_text_live = 0;
	execmem_free(tramp, size);
	return check_exit();
}
#else
int main(void)
{
	printf("ok - x86 live patching # SKIP not x86_64\n");
	return 0;
}
#endif
