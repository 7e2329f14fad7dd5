// SPDX-License-Identifier: GPL-2.0
/*
 * The estimators and the adaptive stop rule on synthetic data with known
 * answers: order-statistic intervals, the least of K windows under
 * heavy-tailed positive noise and a burst of context switches, the paired
 * overhead under a drifting baseline, and the stop rule with a fake clock.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "harness/harness.h"
#include "tests/unit/check.h"

/* A deterministic generator (splitmix64), uniform in (0, 1). */
static uint64_t rng_state = 15;

static double uniform(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	z ^= z >> 31;
	return ((double)(z >> 11) + 0.5) / 9007199254740992.0;
}

/* Pareto (alpha 1.1: infinite variance), scaled: heavy-tailed, > 0. */
static double pareto(double scale)
{
	return scale * (pow(uniform(), -1 / 1.1) - 1) + scale * 1e-3;
}

static void intervals(void)
{
	size_t lo, hi;
	double v[] = { 1, 2, 3, 4 };

	CHECK(ftb_os_ci(10, 0.5, 0.95, &lo, &hi) == 1 && lo == 1 && hi == 8,
	      "median of 10: the 2nd and 9th values (%zu, %zu)", lo, hi);
	CHECK(ftb_os_ci(100, 0.5, 0.95, &lo, &hi) == 1 && lo == 39 && hi == 60,
	      "median of 100: the 40th and 61st values (%zu, %zu)", lo, hi);
	CHECK(ftb_os_ci(6, 0.5, 0.95, &lo, &hi) == 1 && lo == 0 && hi == 5,
	      "median of 6: the whole range reaches 95%% (%zu, %zu)", lo, hi);
	CHECK(ftb_os_ci(5, 0.5, 0.95, &lo, &hi) == 0 && lo == 0 && hi == 4,
	      "median of 5: 95%% not reachable, the range, said so");
	CHECK(ftb_os_ci(40, 0.1, 0.95, &lo, &hi) == 1 && lo == 0 && hi == 8,
	      "10%% quantile of 40: the 1st and 9th values (%zu, %zu)", lo, hi);
	CHECK(ftb_os_ci(0, 0.5, 0.95, &lo, &hi) == -EINVAL,
	      "no values: EINVAL");
	CHECK(ftb_quantile_sorted(v, 4, 0.5) == 2.5 &&
		      ftb_quantile_sorted(v, 4, 0) == 1 &&
		      ftb_quantile_sorted(v, 4, 1) == 4,
	      "quantiles of 1..4: 2.5, 1, 4");
}

/*
 * A scripted backend: window i of the sample takes c + calls * x plus the
 * noise the script gives it, and may be flagged (a context switch).
 */
#define K 8
static double noise[2 * K];
static int flagged[2 * K];
static int window_no;
static uint64_t calls_done, at_start;

static void fake_run(void *ctx, uint64_t calls)
{
	(void)ctx;
	calls_done += calls;
}

static void fake_start(struct ftb_backend *b)
{
	(void)b;
	at_start = calls_done;
}

static void fake_stop(struct ftb_backend *b, struct ftb_counts *out)
{
	uint64_t n = calls_done - at_start;
	int i = window_no++;

	(void)b;
	memset(out, 0, sizeof(*out));
	/* 3 ns and 7 counts per call, 99 ns and 40 counts per window. */
	out->time_ns = 99 + 3 * n + (uint64_t)llround(noise[i]);
	out->value[0] = 40 + 7 * n + (uint64_t)llround(noise[i] / 2);
	out->multiplexed = flagged[i];
}

static int measure_script(struct ftb_sample *s)
{
	struct ftb_backend b = { .name = "fake",
				 .ncounters = 1,
				 .counter_name = { "fake" },
				 .start = fake_start,
				 .stop = fake_stop };
	struct ftb_workload w = { fake_run, NULL };
	struct ftb_method m = { .calls = 1000, .warmup = 10, .windows = K };

	window_no = 0;
	calls_done = 0;
	return ftb_measure(&b, &w, &m, s);
}

static void least_of_windows(void)
{
	struct ftb_sample s;
	int exact = 1, flag_all = 1;

	/* Heavy-tailed noise in 3 of 8 pairs (both windows), the rest clean. */
	for (int round = 0; round < 50; round++) {
		memset(flagged, 0, sizeof(flagged));
		for (int i = 0; i < 2 * K; i++)
			noise[i] = (i / 2) % 8 < 3 ? pareto(2000) : 0;
		/* The least window is a 2M window: 3 + 99 / 2000, 7 + 40 / 2000. */
		exact &= !measure_script(&s) && s.time_ns == 3 + 99 / 2000.0 &&
			 s.value[0] == 7 + 40 / 2000.0 && !s.multiplexed;
	}
	CHECK(exact, "heavy-tailed positive noise in 3 of 8 pairs, 50 "
		     "samples: exactly 3 ns and 7 counts per call, plus the "
		     "window's constant over 2M calls");
	CHECK(calls_done == 10 + K * 3000,
	      "warm-up, then K pairs of M and 2M calls (%llu)",
	      (unsigned long long)calls_done);

	/* A burst of context switches: pairs 2-6 preempted for 1 ms each. */
	for (int i = 0; i < 2 * K; i++) {
		flagged[i] = i >= 4 && i < 12;
		noise[i] = flagged[i] ? 1e6 : 0;
	}
	CHECK(!measure_script(&s) && s.time_ns == 3 && s.value[0] == 7 &&
		      !s.multiplexed,
	      "a burst of context switches over 4 pairs: left out; the clean "
	      "windows repeat exactly, so the M-vs-2M difference is taken and "
	      "the window's constant cancels (3 ns, 7 counts)");

	/* One clean pair: it cannot show it is noise-free, so the least. */
	for (int i = 0; i < 2 * K; i++) {
		flagged[i] = i >= 2;
		noise[i] = flagged[i] ? 1e6 : 0;
	}
	CHECK(!measure_script(&s) && s.time_ns == 3 + 99 / 2000.0 &&
		      s.value[0] == 7 + 40 / 2000.0 && !s.multiplexed,
	      "one clean pair of 8: the least window, not a difference");

	/* Noise in the time only: the count repeats, the time does not. */
	for (int i = 0; i < 2 * K; i++) {
		flagged[i] = 0;
		noise[i] = i == 3 ? 0.8 : 0; /* time +1 ns, count +0 */
	}
	CHECK(!measure_script(&s) && s.time_ns == 3 + 99 / 2000.0 &&
		      s.value[0] == 7 && !s.multiplexed,
	      "one noisy window: time is the least window (3 + 99/2000), the "
	      "count, still repeating, the exact difference (%g, %g)",
	      s.time_ns, s.value[0]);

	/* Every window preempted: the least of them, flagged. */
	for (int i = 0; i < 2 * K; i++) {
		flagged[i] = 1;
		noise[i] = 1e6 + i;
	}
	flag_all = !measure_script(&s) && s.multiplexed;
	CHECK(flag_all, "every window preempted: the sample is flagged");

	/* Noise only ever adds: never below the work itself. */
	exact = 1;
	for (int round = 0; round < 50; round++) {
		memset(flagged, 0, sizeof(flagged));
		for (int i = 0; i < 2 * K; i++)
			noise[i] = pareto(500);
		exact &= !measure_script(&s) && s.time_ns >= 3 - 1e-9;
	}
	CHECK(exact, "noise in every window: never below 3 ns per call");
}

/* The traced configuration 3 ns above its twin; both drift together. */
static void drifting_baseline(void)
{
	enum { N = 60 };
	double traced[N], untraced[N];
	struct ftb_estimate e, alone;

	for (int i = 0; i < N; i++) {
		double drift = 20.0 * i / N; /* 0 to 20 ns over the run */

		untraced[i] = 2 + drift;
		traced[i] = 5 + drift;
	}
	CHECK(!ftb_paired_estimate(traced, untraced, N, &e) && e.value == 3 &&
		      e.lo == 3 && e.hi == 3 && e.reached && e.n == N,
	      "drifting baseline: paired overhead exactly 3, interval [3, 3]");
	CHECK(!ftb_estimate(traced, N, 0.5, &alone) && alone.hi - alone.lo > 5,
	      "drifting baseline: either side alone is 5 ns wide or more "
	      "(%.2f)",
	      alone.hi - alone.lo);

	/* Heavy-tailed noise on either side of 40% of the pairs. */
	for (int i = 0; i < N; i++) {
		untraced[i] = 2 + 20.0 * i / N;
		traced[i] = untraced[i] + 3;
		if (i % 5 == 1)
			traced[i] += pareto(3);
		if (i % 5 == 3)
			untraced[i] += pareto(3);
	}
	CHECK(!ftb_paired_estimate(traced, untraced, N, &e) && e.value == 3 &&
		      e.lo == 3 && e.hi == 3,
	      "heavy-tailed noise in 40%% of the pairs: the median "
	      "difference is exactly 3, interval [3, 3]");
	CHECK(ftb_estimate_halfwidth(&e) == 0, "half-width 0");
	CHECK(!ftb_paired_estimate(traced, untraced, 4, &e) && !e.reached &&
		      isinf(ftb_estimate_halfwidth(&e)),
	      "4 pairs: interval not reached, half-width infinite");
}

/* ---- The stop rule with a fake clock ---- */

static double fake_now_s;

static double fake_now(void)
{
	return fake_now_s;
}

static void stop_rule(void)
{
	struct ftb_adapt a = { .target = 0.05,
			       .budget_s = 30,
			       .min_reps = 10,
			       .max_reps = 80,
			       .now = fake_now };
	struct ftb_estimate narrow = {
		.n = 20, .value = 1, .lo = 0.96, .hi = 1.04, .reached = 1
	};
	struct ftb_estimate wide = {
		.n = 20, .value = 1, .lo = 0.8, .hi = 1.3, .reached = 1
	};

	fake_now_s = 100;
	ftb_adapt_start(&a);
	CHECK(ftb_adapt_check(&a, &narrow, 20) == FTB_STOP_TARGET,
	      "narrow interval: stops, target");
	CHECK(ftb_adapt_check(&a, &narrow, 9) == FTB_STOP_RUNNING,
	      "narrow interval before the base rounds: runs on");
	CHECK(ftb_adapt_check(&a, &wide, 20) == FTB_STOP_RUNNING,
	      "wide interval within the budget: runs on");
	fake_now_s = 129.9;
	CHECK(ftb_adapt_check(&a, &wide, 70) == FTB_STOP_RUNNING,
	      "29.9 s of a 30 s budget: runs on");
	fake_now_s = 130;
	CHECK(ftb_adapt_check(&a, &wide, 20) == FTB_STOP_BUDGET,
	      "the budget runs out: stops, budget");
	CHECK(ftb_adapt_check(&a, &narrow, 20) == FTB_STOP_TARGET,
	      "target and budget both: target");
	fake_now_s = 101;
	CHECK(ftb_adapt_check(&a, &wide, 80) == FTB_STOP_MAX,
	      "the store full: stops, max");
	{
		struct ftb_estimate big = { .n = 20,
					    .value = 170,
					    .lo = 169.3,
					    .hi = 170.8,
					    .reached = 1 };

		CHECK(ftb_adapt_check(&a, &big, 20) == FTB_STOP_RUNNING,
		      "170 ns +-0.75, absolute target only: runs on");
		a.target_rel = 0.005;
		CHECK(ftb_adapt_check(&a, &big, 20) == FTB_STOP_TARGET,
		      "170 ns +-0.75 within 0.5%% (0.85 ns): target");
		CHECK(ftb_adapt_check(&a, &wide, 20) == FTB_STOP_RUNNING,
		      "1 ns +-0.25: 0.5%% is narrower than 0.05 ns, runs on");
	}
	a.budget_s = 0;
	ftb_adapt_start(&a);
	CHECK(ftb_adapt_check(&a, &wide, 10) == FTB_STOP_BUDGET,
	      "budget 0: stops after the base rounds, budget");
	CHECK(!strcmp(ftb_stop_name(FTB_STOP_TARGET), "target") &&
		      !strcmp(ftb_stop_name(FTB_STOP_BUDGET), "budget") &&
		      !strcmp(ftb_stop_name(FTB_STOP_MAX), "max") &&
		      !strcmp(ftb_stop_name(FTB_STOP_FIXED), "fixed") &&
		      !strcmp(ftb_stop_name(FTB_STOP_UNTRACED), "untraced"),
	      "stop reasons by name");
}

static void min_calls(void)
{
	CHECK(ftb_method_min_calls(19200000, 0.005) == 10417,
	      "CNTVCT at 19.2 MHz: 10417 calls for 0.005 ns per call");
	CHECK(ftb_method_min_calls(1000000000, 0.005) == 200,
	      "clock_gettime (1 GHz): 200 calls");
	CHECK(ftb_method_min_calls(2600000000u, 0.005) == 77,
	      "TSC at 2.6 GHz: 77 calls");
	CHECK(ftb_method_min_calls(0, 0.005) == 1, "no tick rate: 1");
}

int main(void)
{
	intervals();
	least_of_windows();
	drifting_baseline();
	stop_rule();
	min_calls();
	return check_exit();
}
