// SPDX-License-Identifier: GPL-2.0
/*
 * What a run cannot measure under: events the core PMU does not list in
 * sysfs (PMCEID) are taken out of the groups; must-count counters that
 * read 0 are flagged; the PMU's counters are probed by group size.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness/internal.h"
#include "tests/unit/check.h"
#include "tests/unit/fake_tree.h"

static char root[256] = "/tmp/ftb-cond-XXXXXX";

static void put(const char *rel, const char *text)
{
	fake_put(root, rel, text);
}

static void ev(struct ftb_event_group *g, const char *name, uint32_t type,
	       uint64_t config)
{
	struct ftb_event *e = &g->ev[g->n++];

	memset(e, 0, sizeof(*e));
	snprintf(e->name, sizeof(e->name), "%s", name);
	e->type = type;
	e->config = config;
}

static void listed(void)
{
	const char *d = "/sys/bus/event_source/devices/armv8_pmuv3";

	/* QEMU's neoverse-n1 with -icount: what its PMCEID says. */
	put("/sys/bus/event_source/devices/armv8_pmuv3/type", "9\n");
	put("/sys/bus/event_source/devices/armv8_pmuv3/events/cpu_cycles",
	    "event=0x0011\n");
	put("/sys/bus/event_source/devices/armv8_pmuv3/events/inst_retired",
	    "event=0x0008\n");
	put("/sys/bus/event_source/devices/armv8_pmuv3/events/stall_frontend",
	    "event=0x0023\n");
	put("/sys/bus/event_source/devices/other/type", "10\n");
	(void)d;
	CHECK(ftb_pmu_event_listed(root, "armv8_pmuv3", 0x11) == 1,
	      "CPU_CYCLES (0x11) listed");
	CHECK(ftb_pmu_event_listed(root, "armv8_pmuv3", 0x21) == 0,
	      "BR_RETIRED (0x21) not listed");
	CHECK(ftb_pmu_event_listed(root, "other", 0x21) == -ENOENT,
	      "a PMU without events/ tells nothing");
}

static void dropped(void)
{
	struct ftb_event_group g[3] = { 0 };
	char list[256];
	int ng = 3;

	ev(&g[0], "CPU_CYCLES", 9, 0x11);
	ev(&g[0], "INST_RETIRED", 9, 0x08);
	ev(&g[0], "BR_RETIRED", 9, 0x21);
	ev(&g[0], "BR_MIS_PRED_RETIRED", 9, 0x22);
	ev(&g[1], "BR_INDIRECT_SPEC", 9, 0x7a);
	ev(&g[2], "task-clock", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_TASK_CLOCK);
	ev(&g[2], "r23", 9, 0x23);
	CHECK(ftb_events_drop_unlisted(root, "armv8_pmuv3", 9, g, &ng, list,
				       sizeof(list)) == 1,
	      "unimplemented events dropped");
	CHECK(!strcmp(list, "BR_RETIRED,BR_MIS_PRED_RETIRED,BR_INDIRECT_SPEC"),
	      "they are named: %s", list);
	CHECK(ng == 2 && g[0].n == 2 &&
		      !strcmp(g[0].ev[1].name, "INST_RETIRED"),
	      "the default group keeps CPU_CYCLES, INST_RETIRED");
	CHECK(g[1].n == 2 && !strcmp(g[1].ev[0].name, "task-clock") &&
		      !strcmp(g[1].ev[1].name, "r23"),
	      "an emptied group goes; other PMUs' events and listed raw "
	      "codes stay");
	ng = 1;
	g[0].n = 0;
	ev(&g[0], "BR_RETIRED", 9, 0x21);
	ftb_events_drop_unlisted(root, "armv8_pmuv3", 9, g, &ng, list,
				 sizeof(list));
	CHECK(ng == 0, "nothing left when no event is implemented");
	ng = 1;
	g[0].n = 0;
	ev(&g[0], "BR_RETIRED", 10, 0x21);
	CHECK(!ftb_events_drop_unlisted(root, "other", 10, g, &ng, list,
					sizeof(list)) &&
		      ng == 1 && !*list,
	      "no events/ directory: nothing dropped");
}

static void zero_counters(void)
{
	struct ftb_backend b = { .ncounters = 3,
				 .counter_name = { "CPU_CYCLES", "INST_RETIRED",
						   "STALL_FRONTEND" } };
	const struct ftb_backend *pass[1] = { &b };
	const char *names[3] = { "a/list", "b/list", "c/list" };
	struct ftb_sample s = { .ncounters = 3 };
	struct ftb_zero_watch w;
	struct ftb_meta *m = calloc(1, sizeof(*m));
	FILE *log = fopen("/dev/null", "w");

	CHECK(ftb_counter_must_count("INST_RETIRED") &&
		      ftb_counter_must_count("cycles") &&
		      !ftb_counter_must_count("STALL_FRONTEND") &&
		      !ftb_counter_must_count("BR_RETIRED"),
	      "cycles and instructions must count; stalls need not");
	CHECK(!ftb_zero_watch_init(&w, 3, 1), "zero watch");
	/* config 0: all counting; config 1: instructions 0 twice; 2 unseen */
	s.value[0] = 120, s.value[1] = 122, s.value[2] = 0;
	ftb_zero_watch_sample(&w, 0, 0, &s);
	s.value[1] = 0;
	ftb_zero_watch_sample(&w, 1, 0, &s);
	ftb_zero_watch_sample(&w, 1, 0, &s);
	CHECK(ftb_zero_watch_report(&w, pass, names, m, log) == 1 &&
		      m->nconditions == 1 &&
		      !strcmp(m->conditions[0].kind, "zero-counter"),
	      "one zero-counter condition");
	CHECK(strstr(m->conditions[0].detail,
		     "INST_RETIRED read 0 in every sample of 1 of 2 "
		     "configurations (first: b/list)") != NULL,
	      "it names the counter, the count and the configuration: %s",
	      m->conditions[0].detail);
	ftb_zero_watch_free(&w);
	fclose(log);
	free(m);
}

/* A fake kernel whose PMU has `slots` counters: the n+1-th open fails. */
static int slots, opened;

static long fake_open(struct perf_event_attr *a, pid_t pid, int cpu,
		      int group_fd, unsigned long flags)
{
	(void)a, (void)pid, (void)cpu, (void)group_fd, (void)flags;
	if (opened == slots) {
		errno = EINVAL;
		return -1;
	}
	opened++;
	return dup(0);
}

static void counters(void)
{
	ftb_pmu_sys.perf_event_open = fake_open;
	slots = 7, opened = 0;
	CHECK(ftb_pmu_count_counters(9) == 7,
	      "7 counters (6 + the cycle counter) probed");
	slots = 0, opened = 0;
	CHECK(ftb_pmu_count_counters(9) == -1, "no PMU: -1");
	ftb_pmu_sys_reset();
}

int main(void)
{
	char cmd[300];

	if (!mkdtemp(root)) {
		CHECK(0, "temporary directory");
		return check_exit();
	}
	listed();
	dropped();
	zero_counters();
	counters();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	if (system(cmd))
		CHECK(0, "cleanup");
	return check_exit();
}
