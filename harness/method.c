// SPDX-License-Identifier: GPL-2.0
/*
 * The method: pin, warm up, and measure each sample as the difference
 * between windows of 2M calls and windows of M calls (the least of K of
 * each), so the harness's own loop, reads and call overhead cancel; then
 * per call. Also the scheduler that interleaves configurations in a seeded
 * random order, the configurations of one group (a point and its untraced
 * twin) next to each other.
 */
#include <errno.h>
#include <math.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>

#include "harness/internal.h"

int ftb_pin_cpu(int cpu, char *err, size_t errlen)
{
	cpu_set_t set;

	if (cpu < 0)
		return 0;
	if (cpu >= CPU_SETSIZE) {
		ftb_errf(err, errlen, "--cpu %d: beyond CPU_SETSIZE", cpu);
		return -EINVAL;
	}
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set)) {
		int e = errno;

		ftb_errf(err, errlen,
			 "--cpu %d: sched_setaffinity: %s; fix: pick an online "
			 "CPU this process may use (see taskset -p $$)",
			 cpu, strerror(e));
		return -e;
	}
	return 0;
}

void ftb_sample_from_windows(const struct ftb_counts *m1,
			     const struct ftb_counts *m2, int ncounters,
			     uint64_t calls, struct ftb_sample *out)
{
	double n = (double)calls;

	memset(out, 0, sizeof(*out));
	out->ncounters = ncounters;
	out->calls = calls;
	/* Signed: noise can make the difference negative; keep it honest. */
	for (int i = 0; i < ncounters; i++)
		out->value[i] =
			((double)m2->value[i] - (double)m1->value[i]) / n;
	out->time_ns = ((double)m2->time_ns - (double)m1->time_ns) / n;
	out->multiplexed = m1->multiplexed || m2->multiplexed || m1->invalid ||
			   m2->invalid;
}

static void window(struct ftb_backend *b, const struct ftb_workload *w,
		   uint64_t calls, struct ftb_counts *c)
{
	b->start(b);
	w->run(w->ctx, calls);
	b->stop(b, c);
}

static int clean(const struct ftb_counts *c)
{
	return !c->multiplexed && !c->invalid;
}

/*
 * K > 1: every window gives a per-call value, W / calls, and the sample
 * is the least of them over the clean windows: timing noise (interrupts,
 * a busy SMT sibling, a lower clock) only ever adds, so the least
 * disturbed window is the closest to the work itself. With no clean
 * window the least of all, flagged.
 *
 * The window's constant c (the backend's reads, the loop's entry and
 * exit) stays in: W / n = x + c / n, never below x. Subtracting an
 * estimate of c (2A - B) would let noise in an M window push the result
 * below x; c / n is what the calls per window make small
 * (docs/method.md, "Windows"), and the paired overhead cancels it. A
 * metric with no noise at all (repeating_window()) takes the difference
 * instead.
 */
static double metric(const struct ftb_counts *c, int j)
{
	return (double)(j < 0 ? c->time_ns : c->value[j]);
}

/*
 * The first used window when metric j (-1: time) reads the same in every
 * used window of each length, two windows at least (else -1): a noise-free count (instructions and
 * branches are architectural, and under -icount exact), whose constant
 * the M-vs-2M difference then removes exactly, as with one pair, instead
 * of leaving c / n in.
 */
static int repeating_window(const struct ftb_counts *a,
			    const struct ftb_counts *b, int k, int j,
			    int any_clean)
{
	int first = -1, n = 0;

	for (int i = 0; i < k; i++) {
		if (any_clean && (!clean(&a[i]) || !clean(&b[i])))
			continue;
		if (first < 0)
			first = i;
		else if (metric(&a[i], j) != metric(&a[first], j) ||
			 metric(&b[i], j) != metric(&b[first], j))
			return -1;
		n++;
	}
	/* One window proves nothing: noise may sit in it unseen. */
	return n >= 2 ? first : -1;
}

static void least_of_windows(const struct ftb_counts *a,
			     const struct ftb_counts *b, int k, int ncounters,
			     uint64_t calls, struct ftb_sample *out)
{
	int any_clean = 0;

	for (int i = 0; i < k; i++)
		any_clean |= clean(&a[i]) && clean(&b[i]);
	memset(out, 0, sizeof(*out));
	out->ncounters = ncounters;
	out->calls = calls;
	out->multiplexed = !any_clean;
	for (int j = -1; j < ncounters; j++) {
		int exact = repeating_window(a, b, k, j, any_clean);
		double best = INFINITY;

		if (exact >= 0)
			best = (metric(&b[exact], j) - metric(&a[exact], j)) /
			       (double)calls;
		for (int i = 0; i < k && exact < 0; i++) {
			double x = metric(&a[i], j), y = metric(&b[i], j);

			if (any_clean && (!clean(&a[i]) || !clean(&b[i])))
				continue;
			x /= (double)calls;
			y /= 2 * (double)calls;
			best = fmin(best, fmin(x, y));
		}
		if (j < 0)
			out->time_ns = best;
		else
			out->value[j] = best;
	}
}

int ftb_measure(struct ftb_backend *b, const struct ftb_workload *w,
		const struct ftb_method *method, struct ftb_sample *out)
{
	struct ftb_counts once[FTB_MAX_WINDOWS], twice[FTB_MAX_WINDOWS];
	int k = method->windows > 1 ? method->windows : 1, ret;

	if (!method->calls || k > FTB_MAX_WINDOWS)
		return -EINVAL;
	if (b->enable) {
		ret = b->enable(b, 1);
		if (ret)
			return ret;
	}
	if (method->warmup)
		w->run(w->ctx, method->warmup);
	for (int i = 0; i < k; i++) {
		window(b, w, method->calls, &once[i]);
		window(b, w, 2 * method->calls, &twice[i]);
	}
	if (b->enable)
		b->enable(b, 0);
	/* One pair: the N-vs-2N difference itself, signed. */
	if (k == 1)
		ftb_sample_from_windows(&once[0], &twice[0], b->ncounters,
					method->calls, out);
	else
		least_of_windows(once, twice, k, b->ncounters, method->calls,
				 out);
	return 0;
}

uint64_t ftb_method_min_calls(uint64_t tick_hz, double resolution_ns)
{
	double m;

	if (!tick_hz || !(resolution_ns > 0))
		return 1;
	m = ceil(1e9 / ((double)tick_hz * resolution_ns));
	return m < 1 ? 1 : m > 1e12 ? (uint64_t)1e12 : (uint64_t)m;
}

/* splitmix64: small, seedable, and the same on every platform. */
static uint64_t next_rand(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static void shuffle(int *v, int n, uint64_t *state)
{
	for (int i = n - 1; i > 0; i--) {
		int j = (int)(next_rand(state) % (uint64_t)(i + 1));
		int t = v[i];

		v[i] = v[j];
		v[j] = t;
	}
}

static void identity(int *v, int n)
{
	for (int i = 0; i < n; i++)
		v[i] = i;
}

int ftb_schedule_make(struct ftb_schedule *s, int nconfigs, int repetitions,
		      int npasses, uint64_t seed)
{
	return ftb_schedule_grouped(s, nconfigs, NULL, repetitions, npasses,
				    seed);
}

/* Configurations of group g, in index order, into v; returns how many. */
static int members(const int *group, int nconfigs, int g, int *v)
{
	int n = 0;

	for (int c = 0; c < nconfigs; c++)
		if ((group ? group[c] : c) == g)
			v[n++] = c;
	return n;
}

int ftb_schedule_grouped(struct ftb_schedule *s, int nconfigs, const int *group,
			 int repetitions, int npasses, uint64_t seed)
{
	int *grp, *cfg, ngroups = 0, pass[FTB_MAX_PASSES];
	uint64_t state = seed;
	size_t k = 0;

	memset(s, 0, sizeof(*s));
	if (nconfigs <= 0 || repetitions <= 0 || npasses <= 0 ||
	    npasses > FTB_MAX_PASSES)
		return -EINVAL;
	for (int c = 0; c < nconfigs; c++) {
		int g = group ? group[c] : c;

		if (g < 0 || g >= nconfigs)
			return -EINVAL;
		if (g + 1 > ngroups)
			ngroups = g + 1;
	}
	s->n = (size_t)nconfigs * (size_t)repetitions * (size_t)npasses;
	s->slot = calloc(s->n, sizeof(*s->slot));
	grp = calloc((size_t)ngroups, sizeof(*grp));
	cfg = calloc((size_t)nconfigs, sizeof(*cfg));
	if (!s->slot || !grp || !cfg) {
		free(grp);
		free(cfg);
		ftb_schedule_free(s);
		return -ENOMEM;
	}
	for (int r = 0; r < repetitions; r++) {
		identity(grp, ngroups);
		shuffle(grp, ngroups, &state);
		for (int g = 0; g < ngroups; g++) {
			int n = members(group, nconfigs, grp[g], cfg);

			shuffle(cfg, n, &state);
			for (int c = 0; c < n; c++) {
				identity(pass, npasses);
				shuffle(pass, npasses, &state);
				for (int p = 0; p < npasses; p++)
					s->slot[k++] =
						(struct ftb_slot){ cfg[c], r,
								   pass[p] };
			}
		}
	}
	free(grp);
	free(cfg);
	return 0;
}

void ftb_schedule_free(struct ftb_schedule *s)
{
	free(s->slot);
	s->slot = NULL;
	s->n = 0;
}
