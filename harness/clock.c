// SPDX-License-Identifier: GPL-2.0
/*
 * Time sources: CNTVCT_EL0 on arm64 (frequency from CNTFRQ_EL0), the TSC on
 * x86_64 (frequency calibrated against CLOCK_MONOTONIC_RAW, only when the
 * TSC is invariant), CLOCK_MONOTONIC_RAW otherwise. A time is never cycles.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "harness/internal.h"
#include "harness/isa.h"

static uint64_t clock_raw_ns(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC_RAW, &ts))
		return 0;
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static uint64_t ticks_now(void)
{
	return ftb_ticks();
}

#if defined(__x86_64__)
/* constant_tsc and nonstop_tsc: the TSC ticks at one rate in every state. */
static int tsc_invariant(void)
{
	char line[4096];
	int c = 0, n = 0;
	FILE *f = fopen("/proc/cpuinfo", "re");

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, "flags", 5) != 0)
			continue;
		c = strstr(line, " constant_tsc") != NULL;
		n = strstr(line, " nonstop_tsc") != NULL;
		break;
	}
	fclose(f);
	return c && n;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

/* Median of five 10 ms comparisons with CLOCK_MONOTONIC_RAW. */
static uint64_t tsc_calibrate(void)
{
	uint64_t hz[5];
	struct timespec nap = { 0, 10 * 1000 * 1000 };

	for (int i = 0; i < 5; i++) {
		uint64_t t0 = clock_raw_ns(), c0 = ftb_ticks();
		uint64_t t1, c1;

		nanosleep(&nap, NULL);
		t1 = clock_raw_ns();
		c1 = ftb_ticks();
		hz[i] = t1 > t0 ? (uint64_t)((double)(c1 - c0) * 1e9 /
					     (double)(t1 - t0))
				: 0;
	}
	qsort(hz, 5, sizeof(hz[0]), cmp_u64);
	return hz[2];
}
#endif

static void use_clock(struct ftb_clock *c, const char *note)
{
	c->name = "time-clock";
	c->hz = 1000000000ull;
	c->now = clock_raw_ns;
	snprintf(c->note, sizeof(c->note), "%s", note);
}

void ftb_clock_init(struct ftb_clock *c)
{
	memset(c, 0, sizeof(*c));
#if defined(__aarch64__)
	c->name = FTB_TICKS_NAME;
	c->hz = ftb_ticks_hz();
	c->now = ticks_now;
	if (!c->hz)
		use_clock(c, "CNTFRQ_EL0 reads 0: using CLOCK_MONOTONIC_RAW");
#elif defined(__x86_64__)
	if (!tsc_invariant()) {
		use_clock(c, "TSC not invariant (no constant_tsc/nonstop_tsc): "
			     "using CLOCK_MONOTONIC_RAW");
		return;
	}
	c->name = FTB_TICKS_NAME;
	c->now = ticks_now;
	c->hz = tsc_calibrate();
	if (!c->hz)
		use_clock(c,
			  "TSC calibration failed: using CLOCK_MONOTONIC_RAW");
#else
	(void)ticks_now;
	use_clock(c, "no cycle-free timer on this ISA");
#endif
}

uint64_t ftb_clock_ns(const struct ftb_clock *c, uint64_t ticks)
{
	if (c->hz == 1000000000ull)
		return ticks;
	return (uint64_t)((long double)ticks * 1e9L / (long double)c->hz);
}
