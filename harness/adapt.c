// SPDX-License-Identifier: GPL-2.0
/*
 * The adaptive stop rule: a configuration is measured round after round
 * until the confidence interval of its paired overhead is as narrow as
 * asked (the target, absolute or relative to the overhead, whichever is
 * wider), or the rounds reach the most the run stores, or the
 * time budget of the extra rounds runs out; which of them happened is the
 * configuration's stop reason, recorded with its results. The clock is
 * injectable so tests can run a budget out without waiting for it.
 */
#include <math.h>
#include <time.h>

#include "harness/internal.h"

static const char *const stop_names[] = {
	[FTB_STOP_RUNNING] = "running", [FTB_STOP_TARGET] = "target",
	[FTB_STOP_BUDGET] = "budget",	[FTB_STOP_MAX] = "max",
	[FTB_STOP_FIXED] = "fixed",	[FTB_STOP_UNTRACED] = "untraced",
};

const char *ftb_stop_name(enum ftb_stop s)
{
	return s >= 0 && s < FTB_STOP_NR ? stop_names[s] : "?";
}

double ftb_monotonic_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

void ftb_adapt_start(struct ftb_adapt *a)
{
	a->t0 = (a->now ? a->now : ftb_monotonic_s)();
}

/*
 * After a round: the target wins over the budget when both hold (the
 * interval is what was asked for), the budget over the cap.
 */
enum ftb_stop ftb_adapt_check(const struct ftb_adapt *a,
			      const struct ftb_estimate *e, int reps)
{
	double now = (a->now ? a->now : ftb_monotonic_s)();
	double wanted = fmax(a->target, a->target_rel * fabs(e->value));

	if (reps >= a->min_reps && ftb_estimate_halfwidth(e) <= wanted)
		return FTB_STOP_TARGET;
	if (now - a->t0 >= a->budget_s)
		return FTB_STOP_BUDGET;
	if (reps >= a->max_reps)
		return FTB_STOP_MAX;
	return FTB_STOP_RUNNING;
}
