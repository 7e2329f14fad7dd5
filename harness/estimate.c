// SPDX-License-Identifier: GPL-2.0
/*
 * Estimators that respect timing noise, which only ever adds time: a
 * quantile of sorted values, its distribution-free confidence interval
 * from order statistics (no resampling, no seed: the same data give the
 * same interval on every machine), and the paired estimate of an
 * overhead, the median of per-pair differences with that interval.
 *
 * Order-statistic interval: for the q-quantile of n independent values,
 * the number of values below it is Binomial(n, q), so with the values
 * sorted, [x(l), x(u)] (0-based) covers it with probability
 * P(l < B <= u), B ~ Bin(n, q). l and u are chosen symmetrically: the
 * largest l and smallest u with P(B <= l) <= a/2 and P(B > u) <= a/2,
 * a = 1 - confidence. With too few values for that confidence the
 * interval is the whole range (min, max) and `reached` is 0.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "harness/internal.h"

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

double ftb_quantile_sorted(const double *v, size_t n, double q)
{
	double pos, frac;
	size_t i;

	if (!n)
		return NAN;
	pos = q * (double)(n - 1);
	i = (size_t)pos;
	if (i >= n - 1)
		return v[n - 1];
	frac = pos - (double)i;
	return v[i] + frac * (v[i + 1] - v[i]);
}

/* P(B = k) for B ~ Bin(n, q), through lgamma: n is at most a few 1000. */
static double binom_pmf(size_t n, size_t k, double q)
{
	double ln;

	if (q <= 0)
		return k == 0;
	if (q >= 1)
		return k == n;
	ln = lgamma((double)n + 1) - lgamma((double)k + 1) -
	     lgamma((double)(n - k) + 1) + (double)k * log(q) +
	     (double)(n - k) * log1p(-q);
	return exp(ln);
}

int ftb_os_ci(size_t n, double q, double confidence, size_t *lo, size_t *hi)
{
	double tail = (1 - confidence) / 2, below = 0, above = 0;
	int have_lo = 0, have_hi = 0;

	if (!n)
		return -EINVAL;
	*lo = 0;
	*hi = n - 1;
	/* theta < x(l) iff B <= l: the largest l with P(B <= l) <= tail. */
	for (size_t k = 0; k < n; k++) {
		below += binom_pmf(n, k, q);
		if (below > tail)
			break;
		*lo = k;
		have_lo = 1;
	}
	/* theta > x(u) iff B >= u + 1: the smallest such u, same tail. */
	for (size_t k = n; k > 0; k--) {
		above += binom_pmf(n, k, q);
		if (above > tail)
			break;
		*hi = k - 1;
		have_hi = 1;
	}
	if (have_lo && have_hi && *lo < *hi)
		return 1;
	/* Too few values for this confidence: the whole range. */
	*lo = 0;
	*hi = n - 1;
	return 0;
}

int ftb_estimate_sorted(const double *v, size_t n, double q,
			struct ftb_estimate *out)
{
	size_t lo, hi;

	memset(out, 0, sizeof(*out));
	out->n = n;
	out->value = out->lo = out->hi = NAN;
	if (!n)
		return 0;
	out->reached = ftb_os_ci(n, q, FTB_CONFIDENCE, &lo, &hi);
	out->value = ftb_quantile_sorted(v, n, q);
	out->lo = v[lo];
	out->hi = v[hi];
	return 0;
}

int ftb_estimate(const double *v, size_t n, double q, struct ftb_estimate *out)
{
	double *s;
	int ret;

	if (!n)
		return ftb_estimate_sorted(v, 0, q, out);
	s = malloc(n * sizeof(*s));
	if (!s)
		return -ENOMEM;
	memcpy(s, v, n * sizeof(*s));
	qsort(s, n, sizeof(*s), cmp_double);
	ret = ftb_estimate_sorted(s, n, q, out);
	free(s);
	return ret;
}

int ftb_paired_estimate(const double *traced, const double *untraced, size_t n,
			struct ftb_estimate *out)
{
	double *d;
	int ret;

	if (!n)
		return ftb_estimate_sorted(traced, 0, 0.5, out);
	d = malloc(n * sizeof(*d));
	if (!d)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++)
		d[i] = traced[i] - untraced[i];
	ret = ftb_estimate(d, n, 0.5, out);
	free(d);
	return ret;
}

double ftb_estimate_halfwidth(const struct ftb_estimate *e)
{
	if (!e->n || !e->reached)
		return INFINITY;
	return (e->hi - e->lo) / 2;
}
