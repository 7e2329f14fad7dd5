// SPDX-License-Identifier: GPL-2.0
/*
 * The method: pin, warm up, and measure each sample as the difference
 * between a window of 2M calls and a window of M calls, so the harness's
 * own loop, reads and call overhead cancel; then per call. Also the
 * scheduler that interleaves configurations in a seeded random order.
 */
#include <errno.h>
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

int ftb_measure(struct ftb_backend *b, const struct ftb_workload *w,
		const struct ftb_method *method, struct ftb_sample *out)
{
	struct ftb_counts m1, m2;
	int ret;

	if (!method->calls)
		return -EINVAL;
	if (b->enable) {
		ret = b->enable(b, 1);
		if (ret)
			return ret;
	}
	if (method->warmup)
		w->run(w->ctx, method->warmup);
	window(b, w, method->calls, &m1);
	window(b, w, 2 * method->calls, &m2);
	if (b->enable)
		b->enable(b, 0);
	ftb_sample_from_windows(&m1, &m2, b->ncounters, method->calls, out);
	return 0;
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
	int *cfg, pass[FTB_MAX_PASSES];
	uint64_t state = seed;
	size_t k = 0;

	memset(s, 0, sizeof(*s));
	if (nconfigs <= 0 || repetitions <= 0 || npasses <= 0 ||
	    npasses > FTB_MAX_PASSES)
		return -EINVAL;
	s->n = (size_t)nconfigs * (size_t)repetitions * (size_t)npasses;
	s->slot = calloc(s->n, sizeof(*s->slot));
	cfg = calloc((size_t)nconfigs, sizeof(*cfg));
	if (!s->slot || !cfg) {
		free(cfg);
		ftb_schedule_free(s);
		return -ENOMEM;
	}
	for (int r = 0; r < repetitions; r++) {
		identity(cfg, nconfigs);
		shuffle(cfg, nconfigs, &state);
		for (int c = 0; c < nconfigs; c++) {
			identity(pass, npasses);
			shuffle(pass, npasses, &state);
			for (int p = 0; p < npasses; p++)
				s->slot[k++] =
					(struct ftb_slot){ cfg[c], r, pass[p] };
		}
	}
	free(cfg);
	return 0;
}

void ftb_schedule_free(struct ftb_schedule *s)
{
	free(s->slot);
	s->slot = NULL;
	s->n = 0;
}
