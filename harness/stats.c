// SPDX-License-Identifier: GPL-2.0
/*
 * Median, minimum and MAD (median absolute deviation, unscaled) for the
 * live display and the aggregate rows. Robust summaries: one preempted
 * sample must not move them. Intervals and tests are the report's job.
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

double ftb_median_sorted(const double *v, size_t n)
{
	if (!n)
		return NAN;
	if (n % 2)
		return v[n / 2];
	return (v[n / 2 - 1] + v[n / 2]) / 2;
}

int ftb_summarize(const double *v, size_t n, struct ftb_summary *out)
{
	double *s;

	out->n = n;
	out->median = out->min = out->mad = NAN;
	if (!n)
		return 0;
	s = malloc(n * sizeof(*s));
	if (!s)
		return -ENOMEM;
	memcpy(s, v, n * sizeof(*s));
	qsort(s, n, sizeof(*s), cmp_double);
	out->min = s[0];
	out->median = ftb_median_sorted(s, n);
	for (size_t i = 0; i < n; i++)
		s[i] = fabs(v[i] - out->median);
	qsort(s, n, sizeof(*s), cmp_double);
	out->mad = ftb_median_sorted(s, n);
	free(s);
	return 0;
}
