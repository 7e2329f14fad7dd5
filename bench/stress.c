// SPDX-License-Identifier: GPL-2.0
/*
 * ftbench stress: code patched while other threads run through it.
 *
 * T caller threads call traced functions continuously; a patcher thread
 * registers and unregisters ops at random (which enables, disables and
 * retargets sites, builds and frees trampolines). Checked for every
 * callback:
 *  - the ops is one of ours and not retired (poisoned after its
 *    unregistration completed and every thread passed a quiescent state);
 *  - the (ip, ops) pair was valid at some moment of the call's window: ip
 *    is in the ops' filter, and the ops was registered at some point
 *    between the call's start and the callback;
 *  - parent_ip is the probe's return address or inside the caller.
 * A thread inside a freed trampoline would fault: the run would die, and
 * the test with it. After the patcher stops, one exact pass (as verify)
 * proves the counts are exact again.
 */
#include <errno.h>
#include <stdarg.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "asm/site.h"
#include "bench/ops_set.h"
#include "bench/stress.h"
#include "bench/verify.h"
#include "variants/rcu_tasks.h"
#include "variants/text.h"

#define STRESS_FUNCS 64
#define STRESS_OPS 6
#define NEVER UINT64_MAX
#define RETIRED ((void *)0xdead)

struct sops {
	struct ftrace_ops *ops;
	uint8_t traces[STRESS_FUNCS];
	uint64_t valid_from, valid_to; /* patch sequence numbers */
	int registered;
	unsigned long hits[STRESS_FUNCS]; /* exact pass only */
};

struct stress {
	const struct ftb_variant *v;
	struct ftb_corpus c;
	struct sops s[STRESS_OPS];
	uint64_t seq; /* bumped around every registration change */
	int stop;
	int exact; /* the exact pass is running (single thread) */
	unsigned long callbacks, violations, patches, regs;
	char first[FTB_ERRLEN];
	pthread_mutex_t lock;
};

static struct stress *st;
static __thread size_t thread_top;
static __thread uint64_t thread_start_seq;

static void violation(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

static void violation(const char *fmt, ...)
{
	va_list ap;

	pthread_mutex_lock(&st->lock);
	if (!st->violations++) {
		va_start(ap, fmt);
		vsnprintf(st->first, sizeof(st->first), fmt, ap);
		va_end(ap);
	}
	pthread_mutex_unlock(&st->lock);
}

static void check_parent(size_t f, unsigned long parent)
{
	if (f == thread_top) {
		if (parent != (unsigned long)ftb_call_probe_ret)
			violation("f%zu: parent_ip %#lx is not the probe", f,
				  parent);
		return;
	}
	if ((size_t)ftb_corpus_index_of(&st->c, parent) != thread_top)
		violation("f%zu: parent_ip %#lx outside its caller", f, parent);
}

static void stress_cb(unsigned long ip, unsigned long parent_ip,
		      struct ftrace_ops *op, struct ftrace_regs *fregs)
{
	uintptr_t id = (uintptr_t)op->private;
	struct dyn_ftrace *rec = ftrace_lookup_rec(ip);
	uint64_t now = __atomic_load_n(&st->seq, __ATOMIC_ACQUIRE);
	struct sops *s;
	size_t f;

	(void)fregs;
	__atomic_add_fetch(&st->callbacks, 1, __ATOMIC_RELAXED);
	if (op->private == RETIRED || id >= STRESS_OPS || st->s[id].ops != op) {
		violation("callback through a retired or unknown ops %p",
			  (void *)op);
		return;
	}
	s = &st->s[id];
	if (!rec || (f = rec->site->index) >= STRESS_FUNCS || !s->traces[f]) {
		violation("ops %lu called for ip %#lx it does not trace",
			  (unsigned long)id, ip);
		return;
	}
	if (__atomic_load_n(&s->valid_from, __ATOMIC_ACQUIRE) > now ||
	    __atomic_load_n(&s->valid_to, __ATOMIC_ACQUIRE) < thread_start_seq)
		violation("ops %lu was not registered during the call of f%zu",
			  (unsigned long)id, f);
	check_parent(f, parent_ip);
	if (st->exact)
		s->hits[f]++;
}

static void call_one(size_t f)
{
	thread_top = f;
	thread_start_seq = __atomic_load_n(&st->seq, __ATOMIC_ACQUIRE);
	ftb_call_probe(ftb_corpus_fn(&st->c, f), f, 1);
}

static void *caller(void *arg)
{
	uint64_t r = (uintptr_t)arg;

	ftb_rcu_register_thread();
	while (!__atomic_load_n(&st->stop, __ATOMIC_ACQUIRE)) {
		for (int i = 0; i < 64; i++)
			call_one(ftb_rand(&r) % STRESS_FUNCS);
		ftb_rcu_quiescent();
	}
	ftb_rcu_unregister_thread();
	return NULL;
}

/* Disjoint halves for direct; overlapping random sets for the others. */
static int make_ops(uint64_t *seed)
{
	for (size_t i = 0; i < STRESS_OPS; i++) {
		uint32_t idx[STRESS_FUNCS];
		size_t n = 0;

		st->s[i].ops =
			ftb_ops_new("stress", stress_cb, (void *)(uintptr_t)i);
		if (!st->s[i].ops)
			return -1;
		for (size_t f = 0; f < STRESS_FUNCS; f++) {
			int t = ftb_variant_design(st->v) == &ftb_variant_direct
					? f % STRESS_OPS == i
					: ftb_rand(seed) % 3 == 0;

			st->s[i].traces[f] = (uint8_t)t;
			if (t)
				idx[n++] = (uint32_t)f;
		}
		if (!n) {
			idx[n++] = (uint32_t)i;
			st->s[i].traces[i] = 1;
		}
		if (i % 3 == 2)
			st->s[i].ops->flags |= FTRACE_OPS_FL_RECURSION;
		if (ftb_ops_filter_funcs(st->s[i].ops, &st->c, idx, n))
			return -1;
		st->s[i].valid_to = 0;
	}
	return 0;
}

static int toggle(size_t i, char *err, size_t errlen)
{
	struct sops *s = &st->s[i];
	int ret;

	if (!s->registered) {
		__atomic_store_n(
			&s->valid_from,
			__atomic_add_fetch(&st->seq, 1, __ATOMIC_ACQ_REL),
			__ATOMIC_RELEASE);
		__atomic_store_n(&s->valid_to, NEVER, __ATOMIC_RELEASE);
		ret = st->v->attach(s->ops, err, errlen);
		s->registered = !ret;
		st->regs += !ret;
		return ret;
	}
	/* detach returns after the grace period: no thread is still in it */
	ret = st->v->detach(s->ops, err, errlen);
	__atomic_store_n(&s->valid_to,
			 __atomic_add_fetch(&st->seq, 1, __ATOMIC_ACQ_REL),
			 __ATOMIC_RELEASE);
	s->registered = 0;
	return ret;
}

static int patch_for(double seconds, uint64_t *seed, char *err, size_t len)
{
	struct timespec t0, t;
	double el = 0;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (el < seconds) {
		if (toggle(ftb_rand(seed) % STRESS_OPS, err, len))
			return -1;
		st->patches++;
		clock_gettime(CLOCK_MONOTONIC, &t);
		el = (double)(t.tv_sec - t0.tv_sec) +
		     (double)(t.tv_nsec - t0.tv_nsec) / 1e9;
	}
	return 0;
}

/* After quiescing: every function once, counts must be exact. */
static void exact_pass(void)
{
	unsigned long calls[STRESS_FUNCS] = { 0 };

	st->exact = 1;
	for (size_t i = 0; i < STRESS_OPS; i++)
		memset(st->s[i].hits, 0, sizeof(st->s[i].hits));
	for (size_t f = 0; f < STRESS_FUNCS; f++) {
		call_one(f);
		calls[f]++;
		if (ftb_corpus_callee[f] >= 0)
			calls[ftb_corpus_callee[f]]++;
	}
	for (size_t f = 0; f < STRESS_FUNCS; f++) {
		for (size_t i = 0; i < STRESS_OPS; i++) {
			const struct sops *s = &st->s[i];
			unsigned long want =
				s->registered && s->traces[f] ? calls[f] : 0;

			if (s->hits[f] != want)
				violation("exact pass: ops %zu on f%zu: %lu "
					  "callbacks, expected %lu",
					  i, f, s->hits[f], want);
		}
	}
	st->exact = 0;
}

static void retire_all(char *err, size_t len)
{
	for (size_t i = 0; i < STRESS_OPS; i++) {
		if (st->s[i].registered &&
		    st->v->detach(st->s[i].ops, err, len))
			violation("final detach of ops %zu failed: %s", i, err);
		st->s[i].registered = 0;
		st->s[i].ops->private = RETIRED;
	}
}

static int run_variant(const struct ftb_variant *v,
		       const struct ftb_stress_opts *o)
{
	struct stress s = { .v = v, .seq = 1 };
	pthread_t tid[64];
	char err[FTB_ERRLEN] = "";
	uint64_t seed = o->seed;
	unsigned long writes0 = text_writes(), gp0 = ftb_rcu_grace_periods();
	int nt = 0, ret = -1;

	st = &s;
	pthread_mutex_init(&s.lock, NULL);
	if (ftb_corpus_open(&s.c, v->layout, STRESS_FUNCS * 2, err,
			    sizeof(err)) ||
	    make_ops(&seed) || v->init(&s.c, err, sizeof(err))) {
		fprintf(stderr, "ftbench: stress %s: %s\n", v->name, err);
		return -1;
	}
	ftb_rcu_register_thread();
	ftb_text_live = 1;
	for (; nt < o->threads; nt++)
		if (pthread_create(&tid[nt], NULL, caller,
				   (void *)(uintptr_t)(seed + (uint64_t)nt)))
			break;
	ret = patch_for(o->seconds, &seed, err, sizeof(err));
	__atomic_store_n(&s.stop, 1, __ATOMIC_RELEASE);
	for (int i = 0; i < nt; i++)
		pthread_join(tid[i], NULL);
	ftb_text_live = 0;
	if (!ret)
		exact_pass();
	retire_all(err, sizeof(err));
	v->teardown();
	ftb_rcu_unregister_thread();
	printf("stress %-9s threads=%d seconds=%g: %lu callbacks checked, "
	       "%lu registrations, %lu patch cycles, %lu code writes, %lu "
	       "grace periods: %s\n",
	       v->name, nt, o->seconds, s.callbacks, s.regs, s.patches,
	       text_writes() - writes0, ftb_rcu_grace_periods() - gp0,
	       ret || s.violations ? "FAIL" : "OK");
	if (ret)
		printf("  patcher failed: %s\n", err);
	if (s.violations)
		printf("  %lu violations; first: %s\n", s.violations, s.first);
	for (size_t i = 0; i < STRESS_OPS; i++)
		ftb_ops_free(s.s[i].ops);
	ftb_corpus_close(&s.c);
	st = NULL;
	return ret || s.violations ? -1 : 0;
}

int ftb_stress(const struct ftb_variant *v, const struct ftb_stress_opts *o)
{
	return run_variant(v, o);
}
