// SPDX-License-Identifier: GPL-2.0
/*
 * The time backends: one counter, "ticks", from the ISA's timer (named in
 * the backend: time-cntvct, time-tsc, time-clock). Never called cycles.
 *
 * A time window also counts the time the thread was switched out, and one
 * preemption outweighs the whole difference N-vs-2N measures. So each
 * window also reads the task's context-switches software event (it works
 * where hardware counters do not, as in VMs) and a window with a switch
 * is flagged like a multiplexed one: kept in samples.csv, left out of the
 * statistics.
 *
 * FTBENCH_TEST_SLICE_NS=N (tests only) replaces that event by a simulated
 * scheduler that switches the thread out whenever it has run N ns: a
 * window longer than N is flagged, a shorter one never is. Which windows
 * get flagged then depends on their length alone, not on the machine's
 * load, so a test can tell windows too long for a time slice from short
 * ones exactly (tests/patching.t).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness/internal.h"

#define NO_COUNT UINT64_MAX

struct time_priv {
	struct ftb_clock clk;
	uint64_t t0;
	int cs_fd; /* context-switches of this thread, or -1 */
	uint64_t cs0;
	uint64_t slice_ns; /* FTBENCH_TEST_SLICE_NS, or 0 */
};

static uint64_t switches(const struct time_priv *p)
{
	uint64_t v;

	if (p->cs_fd < 0 ||
	    ftb_pmu_sys.read(p->cs_fd, &v, sizeof(v)) != (ssize_t)sizeof(v))
		return NO_COUNT;
	return v;
}

static void time_start(struct ftb_backend *b)
{
	struct time_priv *p = b->priv;

	p->cs0 = switches(p);
	p->t0 = p->clk.now();
}

static void time_stop(struct ftb_backend *b, struct ftb_counts *out)
{
	struct time_priv *p = b->priv;
	uint64_t ticks = p->clk.now() - p->t0;
	uint64_t cs1 = switches(p);

	memset(out, 0, sizeof(*out));
	out->value[0] = ticks;
	out->time_ns = ftb_clock_ns(&p->clk, ticks);
	out->enabled = out->running = out->time_ns;
	if (p->slice_ns)
		out->multiplexed = out->time_ns > p->slice_ns;
	else
		out->multiplexed =
			p->cs0 != NO_COUNT && cs1 != NO_COUNT && cs1 != p->cs0;
}

static void time_close(struct ftb_backend *b)
{
	struct time_priv *p = b->priv;

	if (p && p->cs_fd >= 0)
		close(p->cs_fd);
	free(p);
	b->priv = NULL;
}

/*
 * Kernel and user switches alike: no exclude bits. Returns the fd, or -1
 * with why in note (preemption then goes undetected, and says so).
 */
static int open_switches(char *note, size_t len)
{
	struct perf_event_attr a;
	long fd;

	memset(&a, 0, sizeof(a));
	a.size = sizeof(a);
	a.type = PERF_TYPE_SOFTWARE;
	a.config = PERF_COUNT_SW_CONTEXT_SWITCHES;
	fd = ftb_pmu_sys.perf_event_open(&a, 0, -1, -1, PERF_FLAG_FD_CLOEXEC);
	if (fd >= 0)
		return (int)fd;
	snprintf(note, len,
		 "preempted windows not detected (context-switches event: "
		 "%s)",
		 strerror(errno));
	return -1;
}

static uint64_t test_slice_ns(void)
{
	const char *env = getenv("FTBENCH_TEST_SLICE_NS");
	char *end = NULL;
	unsigned long long v = env ? strtoull(env, &end, 10) : 0;

	return end && !*end ? (uint64_t)v : 0;
}

int ftb_time_open(struct ftb_backend *b, const struct ftb_clock *clk)
{
	struct time_priv *p = calloc(1, sizeof(*p));

	if (!p)
		return -ENOMEM;
	p->clk = *clk;
	memset(b, 0, sizeof(*b));
	p->cs_fd = open_switches(b->reason, sizeof(b->reason));
	p->slice_ns = test_slice_ns();
	b->name = clk->name;
	b->flagged = "the thread was switched out during a window";
	b->ncounters = 1;
	b->counter_name[0] = "ticks";
	b->start = time_start;
	b->stop = time_stop;
	b->close = time_close;
	b->priv = p;
	b->tick_hz = clk->hz;
	return 0;
}
