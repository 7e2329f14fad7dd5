// SPDX-License-Identifier: GPL-2.0
/* Median, minimum and MAD on data with known answers. */
#include <math.h>
#include <string.h>

#include "harness/harness.h"
#include "tests/unit/check.h"

static int same(const double *a, const double *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (a[i] != b[i])
			return 0;
	return 1;
}

static void odd(void)
{
	const double v[] = { 4, 100, 1, 3, 2 };
	double copy[5];
	struct ftb_summary s;

	memcpy(copy, v, sizeof(v));
	CHECK(!ftb_summarize(copy, 5, &s), "summarize odd");
	CHECK(s.n == 5, "odd: n");
	CHECK(s.median == 3, "odd: median 3 (outlier 100 ignored)");
	CHECK(s.min == 1, "odd: min 1");
	/* |v - 3| = 1 97 2 0 1 -> sorted 0 1 1 2 97 -> 1 */
	CHECK(s.mad == 1, "odd: MAD 1");
	CHECK(same(copy, v, 5), "odd: input left unsorted");
}

static void even(void)
{
	const double v[] = { 4, 1, 3, 2 };
	struct ftb_summary s;

	CHECK(!ftb_summarize(v, 4, &s), "summarize even");
	CHECK(s.median == 2.5, "even: median of middle pair 2.5");
	/* |v - 2.5| = 1.5 1.5 .5 .5 -> 1.0 */
	CHECK(s.mad == 1.0, "even: MAD 1.0");
	CHECK(s.min == 1, "even: min 1");
}

static void edge(void)
{
	const double one = 7.25, neg[] = { -3, -1, -2 };
	struct ftb_summary s;

	CHECK(!ftb_summarize(&one, 1, &s) && s.median == 7.25 && s.mad == 0 &&
		      s.min == 7.25,
	      "single value: median = min, MAD 0");
	CHECK(!ftb_summarize(neg, 3, &s) && s.median == -2 && s.min == -3 &&
		      s.mad == 1,
	      "negative per-call differences summarised as they are");
	CHECK(!ftb_summarize(NULL, 0, &s) && s.n == 0 && isnan(s.median) &&
		      isnan(s.min) && isnan(s.mad),
	      "no values: NaN, not zero");
}

int main(void)
{
	odd();
	even();
	edge();
	return check_exit();
}
