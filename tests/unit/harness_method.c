// SPDX-License-Identifier: GPL-2.0
/* The N-vs-2N arithmetic, the measure loop and the scheduler. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "harness/harness.h"
#include "tests/unit/check.h"

static void arithmetic(void)
{
	/* window = overhead + per_call * calls: the overhead must cancel. */
	struct ftb_counts m1 = { .value = { 500 + 3 * 1000, 77 + 0 },
				 .time_ns = 9000 + 2 * 1000 };
	struct ftb_counts m2 = { .value = { 500 + 3 * 2000, 77 + 0 },
				 .time_ns = 9000 + 2 * 2000 };
	struct ftb_sample s;

	ftb_sample_from_windows(&m1, &m2, 2, 1000, &s);
	CHECK(s.value[0] == 3, "N-vs-2N: overhead cancels, 3 per call");
	CHECK(s.value[1] == 0, "N-vs-2N: constant counter gives 0 per call");
	CHECK(s.time_ns == 2, "N-vs-2N: time per call");
	CHECK(s.calls == 1000 && s.ncounters == 2 && !s.multiplexed,
	      "N-vs-2N: calls, counters, not multiplexed");
	m1.value[0] = 10;
	m2.value[0] = 4;
	ftb_sample_from_windows(&m1, &m2, 1, 2, &s);
	CHECK(s.value[0] == -3, "N-vs-2N: a negative difference is kept");
	m2.multiplexed = 1;
	ftb_sample_from_windows(&m1, &m2, 1, 2, &s);
	CHECK(s.multiplexed, "multiplexed window flags the sample");
	m2.multiplexed = 0;
	m1.invalid = 1;
	ftb_sample_from_windows(&m1, &m2, 1, 2, &s);
	CHECK(s.multiplexed, "unreadable window flags the sample");
}

/* A backend counting workload calls, with a fixed cost per window. */
static uint64_t calls_done;

static void fake_run(void *ctx, uint64_t calls)
{
	(void)ctx;
	calls_done += calls;
}

static uint64_t at_start;

static void fake_start(struct ftb_backend *b)
{
	(void)b;
	at_start = calls_done;
}

static void fake_stop(struct ftb_backend *b, struct ftb_counts *out)
{
	(void)b;
	memset(out, 0, sizeof(*out));
	out->value[0] = 5 * (calls_done - at_start) + 1234;
	out->time_ns = calls_done - at_start + 99;
}

static void measure(void)
{
	struct ftb_backend b = { .name = "fake",
				 .ncounters = 1,
				 .counter_name = { "fake" },
				 .start = fake_start,
				 .stop = fake_stop };
	struct ftb_workload w = { fake_run, NULL };
	struct ftb_method m = { .calls = 100, .warmup = 7 };
	struct ftb_sample s;

	calls_done = 0;
	CHECK(!ftb_measure(&b, &w, &m, &s), "measure");
	CHECK(s.value[0] == 5 && s.time_ns == 1,
	      "measure: per call exact through the backend");
	CHECK(calls_done == 7 + 100 + 200,
	      "measure: warm-up, M, then 2M (%llu)",
	      (unsigned long long)calls_done);
	m.calls = 0;
	CHECK(ftb_measure(&b, &w, &m, &s) == -EINVAL, "measure: M = 0 refused");
}

static int count_slots(const struct ftb_schedule *s, int c, int r, int p)
{
	int n = 0;

	for (size_t i = 0; i < s->n; i++)
		n += s->slot[i].config == c && s->slot[i].repetition == r &&
		     s->slot[i].pass == p;
	return n;
}

static int complete(const struct ftb_schedule *s, int nc, int nr, int np)
{
	for (int c = 0; c < nc; c++)
		for (int r = 0; r < nr; r++)
			for (int p = 0; p < np; p++)
				if (count_slots(s, c, r, p) != 1)
					return 0;
	return s->n == (size_t)nc * (size_t)nr * (size_t)np;
}

/* Round r holds only repetition r; passes of a config are adjacent. */
static int rounds_ok(const struct ftb_schedule *s, int nc, int np)
{
	for (size_t i = 0; i < s->n; i++) {
		if (s->slot[i].repetition != (int)(i / (size_t)(nc * np)))
			return 0;
		if (i % (size_t)np &&
		    s->slot[i].config != s->slot[i - 1].config)
			return 0;
	}
	return 1;
}

static void schedule(void)
{
	struct ftb_schedule a, b, c;
	int same = 1, differ = 0;

	CHECK(!ftb_schedule_make(&a, 6, 5, 2, 42), "schedule 6x5x2");
	CHECK(complete(&a, 6, 5, 2), "every (config, repetition, pass) once");
	CHECK(rounds_ok(&a, 6, 2), "round r = repetition r, passes adjacent");
	CHECK(a.slot[0].config != a.slot[2].config ||
		      a.slot[2].config != a.slot[4].config,
	      "configurations interleaved, not all of one first");
	CHECK(!ftb_schedule_make(&b, 6, 5, 2, 42), "schedule again, same seed");
	CHECK(!ftb_schedule_make(&c, 6, 5, 2, 43), "schedule, other seed");
	for (size_t i = 0; i < a.n; i++) {
		same &= !memcmp(&a.slot[i], &b.slot[i], sizeof(a.slot[i]));
		differ |=
			memcmp(&a.slot[i], &c.slot[i], sizeof(a.slot[i])) != 0;
	}
	CHECK(same, "same seed, same order");
	CHECK(differ, "another seed, another order");
	ftb_schedule_free(&a);
	ftb_schedule_free(&b);
	ftb_schedule_free(&c);
	CHECK(ftb_schedule_make(&a, 0, 1, 1, 1) == -EINVAL,
	      "no configurations refused");
}

/* Configurations 1 and 3 are the twins of 0 and 2 (groups 1, 1, 3, 3). */
static void grouped(void)
{
	static const int group[] = { 1, 1, 3, 3, 4 };
	struct ftb_schedule g, plain, same;
	int adjacent = 1, identical = 1, complete = 1;
	int seen[5][4] = { { 0 } };

	CHECK(!ftb_schedule_grouped(&g, 5, group, 4, 1, 9), "grouped schedule");
	for (size_t i = 0; i < g.n; i++) {
		const struct ftb_slot *s = &g.slot[i];

		seen[s->config][s->repetition]++;
		/* A pair's members come one after the other, same round. */
		if (s->config < 4 &&
		    (i % 5 == 0 || g.slot[i - 1].config >= 4 ||
		     group[g.slot[i - 1].config] != group[s->config])) {
			const struct ftb_slot *t = &g.slot[i + 1];

			adjacent &= group[t->config] == group[s->config] &&
				    t->repetition == s->repetition;
			i++;
			seen[t->config][t->repetition]++;
		}
	}
	for (int c = 0; c < 5; c++)
		for (int r = 0; r < 4; r++)
			complete &= seen[c][r] == 1;
	CHECK(g.n == 20 && complete,
	      "grouped: every configuration and round once");
	CHECK(adjacent, "grouped: a point and its twin back to back");
	CHECK(!ftb_schedule_make(&plain, 5, 4, 2, 9) &&
		      !ftb_schedule_grouped(&same, 5, NULL, 4, 2, 9),
	      "ungrouped schedules");
	for (size_t i = 0; i < plain.n; i++)
		identical &=
			plain.slot[i].config == same.slot[i].config &&
			plain.slot[i].repetition == same.slot[i].repetition &&
			plain.slot[i].pass == same.slot[i].pass;
	CHECK(identical, "no groups: ftb_schedule_make's order, slot by slot");
	ftb_schedule_free(&same);
	CHECK(ftb_schedule_grouped(&same, 2, (const int[]){ 0, 2 }, 1, 1, 1) ==
		      -EINVAL,
	      "a group beyond the configurations refused");
	ftb_schedule_free(&g);
	ftb_schedule_free(&plain);
	ftb_schedule_free(&same);
}

static void names_and_pinning(void)
{
	struct ftb_param p[] = { { "relevant", "1" }, { "irrelevant", "100" } };
	char buf[128], small[10], err[256];

	CHECK(!ftb_config_name(buf, sizeof(buf), "ftrace-ops", "callops", p,
			       2) &&
		      !strcmp(buf,
			      "ftrace-ops/callops/relevant=1/irrelevant=100"),
	      "configuration name");
	CHECK(ftb_config_name(small, sizeof(small), "ftrace-ops", "callops", p,
			      2) == -ENAMETOOLONG,
	      "configuration name too long reported");
	CHECK(!ftb_pin_cpu(-1, err, sizeof(err)), "cpu -1: not pinned");
	CHECK(!ftb_pin_cpu(0, err, sizeof(err)), "pin to cpu 0");
	CHECK(ftb_pin_cpu(100000, err, sizeof(err)) < 0 && strstr(err, "--cpu"),
	      "impossible cpu refused with a message");
}

int main(void)
{
	arithmetic();
	measure();
	schedule();
	grouped();
	names_and_pinning();
	return check_exit();
}
