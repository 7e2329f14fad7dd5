// SPDX-License-Identifier: GPL-2.0
/*
 * The straight line through a sweep: y = fixed + per * x by ordinary least
 * squares, with the standard errors of both coefficients. The patching
 * scenario fits one register+unregister cycle against the sites it
 * patches, so the cost per site and the cost every cycle pays whatever the
 * sites (the system calls, the list and hash work) come apart.
 *
 * With n points, x mean mx, Sxx = sum (x - mx)^2 and the residual variance
 * s2 = sum r^2 / (n - 2):  per = sum (x - mx)(y - my) / Sxx,
 * fixed = my - per * mx, se(per) = sqrt(s2 / Sxx),
 * se(fixed) = sqrt(s2 * (1 / n + mx^2 / Sxx)).
 * Sums are taken about the means (two passes), which keeps a sweep over
 * x = 1..65536 with y near 10^7 exact to well within the errors.
 */
#include <errno.h>
#include <math.h>

#include "harness/internal.h"

int ftb_fit_line(const double *x, const double *y, size_t n,
		 struct ftb_line *out)
{
	double mx = 0, my = 0, sxx = 0, sxy = 0, rss = 0;

	out->n = n;
	out->fixed = out->per = out->fixed_se = out->per_se = NAN;
	if (n < 2)
		return -EDOM;
	for (size_t i = 0; i < n; i++) {
		mx += x[i];
		my += y[i];
	}
	mx /= (double)n;
	my /= (double)n;
	for (size_t i = 0; i < n; i++) {
		sxx += (x[i] - mx) * (x[i] - mx);
		sxy += (x[i] - mx) * (y[i] - my);
	}
	if (sxx <= 0)
		return -EDOM; /* one x value: no slope to fit */
	out->per = sxy / sxx;
	out->fixed = my - out->per * mx;
	if (n < 3)
		return 0; /* exact through two points: no error estimate */
	for (size_t i = 0; i < n; i++) {
		double r = y[i] - out->fixed - out->per * x[i];

		rss += r * r;
	}
	rss /= (double)(n - 2);
	out->per_se = sqrt(rss / sxx);
	out->fixed_se = sqrt(rss * (1.0 / (double)n + mx * mx / sxx));
	return 0;
}
