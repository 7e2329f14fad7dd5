// SPDX-License-Identifier: GPL-2.0
/* The least-squares line (harness/fit.c) on data with known answers. */
#include <errno.h>
#include <math.h>

#include "harness/harness.h"
#include "tests/unit/check.h"

static int near(double a, double b, double tol)
{
	return fabs(a - b) <= tol * (fabs(b) > 1 ? fabs(b) : 1);
}

/* y = 5 + 2x on the sites sweep: exact, with zero errors. */
static void exact(void)
{
	const double x[] = { 1, 16, 256, 4096, 1, 16, 256, 4096 };
	double y[8];
	struct ftb_line l;

	for (int i = 0; i < 8; i++)
		y[i] = 5 + 2 * x[i];
	CHECK(!ftb_fit_line(x, y, 8, &l) && l.n == 8 &&
		      near(l.fixed, 5, 1e-12) && near(l.per, 2, 1e-12),
	      "exact line: fixed %g per %g (5, 2)", l.fixed, l.per);
	CHECK(l.fixed_se < 1e-9 && l.per_se < 1e-12,
	      "exact line: errors 0 (%g, %g)", l.fixed_se, l.per_se);
}

/*
 * By hand: mean x 2, mean y 3, Sxx 10, Sxy 8: per 0.8, fixed 1.4;
 * residuals -0.4 0.8 -1 1.2 -0.6, RSS 3.6, s2 = 3.6 / 3 = 1.2;
 * se(per) = sqrt(1.2 / 10), se(fixed) = sqrt(1.2 (1/5 + 4/10)).
 */
static void noisy(void)
{
	const double x[] = { 0, 1, 2, 3, 4 }, y[] = { 1, 3, 2, 5, 4 };
	struct ftb_line l;

	CHECK(!ftb_fit_line(x, y, 5, &l) && near(l.per, 0.8, 1e-12) &&
		      near(l.fixed, 1.4, 1e-12),
	      "noisy: per %g fixed %g (0.8, 1.4)", l.per, l.fixed);
	CHECK(near(l.per_se, sqrt(0.12), 1e-12) &&
		      near(l.fixed_se, sqrt(0.72), 1e-12),
	      "noisy: se(per) %.6f se(fixed) %.6f (0.346410, 0.848528)",
	      l.per_se, l.fixed_se);
}

/* A patching-sized sweep: 10^7 fixed, 3.5 per site, up to 65,536 sites. */
static void large(void)
{
	const double x[] = { 1, 16, 256, 4096, 65536 };
	double y[5];
	struct ftb_line l;

	for (int i = 0; i < 5; i++)
		y[i] = 1e7 + 3.5 * x[i];
	CHECK(!ftb_fit_line(x, y, 5, &l) && near(l.fixed, 1e7, 1e-12) &&
		      near(l.per, 3.5, 1e-12),
	      "large values: fixed %.3f per %.9f", l.fixed, l.per);
}

static void degenerate(void)
{
	const double x2[] = { 1, 3 }, y2[] = { 10, 14 }, same[] = { 4, 4, 4 },
		     y3[] = { 10, 12, 14 };
	struct ftb_line l;

	CHECK(!ftb_fit_line(x2, y2, 2, &l) && near(l.per, 2, 1e-12) &&
		      near(l.fixed, 8, 1e-12) && isnan(l.per_se) &&
		      isnan(l.fixed_se),
	      "two points: the line through them, no error estimate");
	CHECK(ftb_fit_line(same, y3, 3, &l) == -EDOM && isnan(l.per),
	      "one x value: -EDOM, no line");
	CHECK(ftb_fit_line(x2, y2, 1, &l) == -EDOM && isnan(l.fixed),
	      "one point: -EDOM, no line");
}

int main(void)
{
	exact();
	noisy();
	large();
	degenerate();
	return check_exit();
}
