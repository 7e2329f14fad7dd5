// SPDX-License-Identifier: GPL-2.0
/*
 * Event names to encodings: presets and groups, raw codes, perf generic
 * names, libpfm tables. Under qemu-aarch64 the arm64 tables are checked
 * with LIBPFM_FORCE_PMU (qemu shows libpfm the host's /proc/cpuinfo), set
 * by tests/harness.t together with FTB_TEST_PFM_TABLE.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "harness/internal.h"
#include "tests/unit/check.h"

static int resolve(const char *name, struct ftb_event *ev)
{
	char err[512];

	memset(ev, 0, sizeof(*ev));
	snprintf(ev->name, sizeof(ev->name), "%s", name);
	return ftb_event_resolve(ev, err, sizeof(err));
}

static void groups(void)
{
	struct ftb_event_group g[FTB_MAX_PASSES];
	char err[256];
	int ng;

	CHECK(!ftb_events_parse(NULL, g, FTB_MAX_PASSES, &ng, err,
				sizeof(err)) &&
		      ng == 1 && g[0].n == 4,
	      "no --events: the default group of 4");
#if defined(__aarch64__)
	CHECK(!strcmp(g[0].ev[0].name, "CPU_CYCLES") &&
		      !strcmp(g[0].ev[3].name, "BR_MIS_PRED_RETIRED"),
	      "arm64 default set: CPU_CYCLES ... BR_MIS_PRED_RETIRED");
#else
	CHECK(!strcmp(g[0].ev[0].name, "cycles"),
	      "default set leads with cycles");
#endif
	CHECK(!ftb_events_parse("default;frontend;r11,r8", g, FTB_MAX_PASSES,
				&ng, err, sizeof(err)) &&
		      ng == 3 && g[2].n == 2 && !strcmp(g[2].ev[1].name, "r8"),
	      "groups split on ';', events on ','");
	CHECK(!ftb_events_parse("all", g, FTB_MAX_PASSES, &ng, err,
				sizeof(err)) &&
		      ng == 4,
	      "all = the four presets, one pass each");
	CHECK(ftb_events_parse("cycles,,x", g, FTB_MAX_PASSES, &ng, err,
			       sizeof(err)) == -EINVAL,
	      "empty event name refused");
	CHECK(ftb_events_parse("a;;b", g, FTB_MAX_PASSES, &ng, err,
			       sizeof(err)) == -EINVAL,
	      "empty group refused");
	CHECK(ftb_events_parse("r1,r2,r3,r4,r5,r6,r7,r8,r9,ra,rb,rc,rd,re,rf,"
			       "r10,r11",
			       g, FTB_MAX_PASSES, &ng, err,
			       sizeof(err)) == -E2BIG,
	      "more than FTB_MAX_COUNTERS events refused");
}

static void raw_and_generic(void)
{
	struct ftb_event ev;
	char err[512];

	CHECK(!resolve("r22", &ev) && ev.type == PERF_TYPE_RAW &&
		      ev.config == 0x22,
	      "r22 -> raw 0x22");
	CHECK(!resolve("r8113", &ev) && ev.config == 0x8113,
	      "r8113 -> raw 0x8113");
	CHECK(!resolve("task-clock", &ev) && ev.type == PERF_TYPE_SOFTWARE &&
		      ev.config == PERF_COUNT_SW_TASK_CLOCK,
	      "task-clock -> software (%s)", ev.source);
	CHECK(!resolve("context-switches", &ev) &&
		      ev.type == PERF_TYPE_SOFTWARE &&
		      ev.config == PERF_COUNT_SW_CONTEXT_SWITCHES,
	      "context-switches -> software");
	memset(&ev, 0, sizeof(ev));
	snprintf(ev.name, sizeof(ev.name), "NO_SUCH_EVENT_X");
	CHECK(ftb_event_resolve(&ev, err, sizeof(err)) == -ENOENT &&
		      strstr(err, "unknown event 'NO_SUCH_EVENT_X'") &&
		      strstr(err, "fix:"),
	      "unknown event: one line with cause and fix");
}

/* Without a forced table (this VM, qemu): generic perf names. */
static void generic_names(void)
{
	struct ftb_event ev;

	if (getenv("FTB_TEST_PFM_TABLE")) {
		SKIP("generic names", "libpfm forced to a core table");
		return;
	}
	CHECK(!resolve("cycles", &ev) && ev.type == PERF_TYPE_HARDWARE &&
		      ev.config == PERF_COUNT_HW_CPU_CYCLES,
	      "cycles -> hardware cpu-cycles (%s)", ev.source);
	CHECK(!resolve("branch-misses", &ev) && ev.type == PERF_TYPE_HARDWARE &&
		      ev.config == PERF_COUNT_HW_BRANCH_MISSES,
	      "branch-misses -> hardware branch-misses (%s)", ev.source);
	CHECK(!resolve("L1-icache-load-misses", &ev) &&
		      ev.type == PERF_TYPE_HW_CACHE && ev.config == 0x10001,
	      "L1-icache-load-misses -> hw-cache L1I read miss (%s)",
	      ev.source);
	if (strncmp(ftb_pfm_version(), "none", 4) != 0)
		CHECK(!resolve("instructions", &ev) &&
			      !strcmp(ev.source, "libpfm:perf"),
		      "libpfm resolves generic names through its perf table");
	else
		SKIP("libpfm perf table", "built without libpfm");
}

#if defined(__aarch64__)
/* A forced libpfm core table: its own names, ours for what it lacks. */
static void forced_table(const char *t)
{
	char want[64];
	struct ftb_event ev;

	snprintf(want, sizeof(want), "libpfm:%s", t);
	CHECK(!resolve("INST_RETIRED", &ev) && ev.config == 0x08 &&
		      !strcmp(ev.source, want),
	      "INST_RETIRED -> 0x08 from libpfm's %s table", t);
	if (!strcmp(t, "arm_ac57")) {
		CHECK(!resolve("BRANCH_MISPRED", &ev) && ev.config == 0x10 &&
			      !strcmp(ev.source, want),
		      "A57 table names BR_MIS_PRED BRANCH_MISPRED (0x10)");
		CHECK(!resolve("BR_MIS_PRED_RETIRED", &ev) &&
			      ev.config == 0x22 &&
			      !strcmp(ev.source, "armv8-common"),
		      "name missing from the A57 table: ARMv8 number 0x22");
		return;
	}
	CHECK(!resolve("BR_MIS_PRED_RETIRED", &ev) && ev.config == 0x22 &&
		      !strcmp(ev.source, want),
	      "BR_MIS_PRED_RETIRED -> 0x22 from libpfm's %s table", t);
	CHECK(!resolve("STALL_FRONTEND", &ev) && ev.config == 0x23 &&
		      !strcmp(ev.source, want),
	      "STALL_FRONTEND -> 0x23 from libpfm's %s table", t);
}
#endif

/* arm64: the architectural numbers, from libpfm or from our fallback. */
static void arm64_names(void)
{
#if defined(__aarch64__)
	const char *t = getenv("FTB_TEST_PFM_TABLE");
	struct ftb_event ev;

	if (t && !strncmp(ftb_pfm_version(), "none", 4)) {
		SKIP("libpfm core table",
		     "built without libpfm (HAVE_LIBPFM=0)");
		return;
	}
	if (t) {
		forced_table(t);
		return;
	}
	CHECK(!resolve("BR_MIS_PRED_RETIRED", &ev) &&
		      ev.type == PERF_TYPE_RAW && ev.config == 0x22,
	      "BR_MIS_PRED_RETIRED -> 0x22 (%s)", ev.source);
	CHECK(!resolve("INST_RETIRED", &ev) && ev.config == 0x08,
	      "INST_RETIRED -> 0x08 (%s)", ev.source);
	CHECK(!resolve("STALL_FRONTEND", &ev) && ev.config == 0x23,
	      "STALL_FRONTEND -> 0x23 (%s)", ev.source);
	CHECK(!strcmp(ev.source, "armv8-common") ||
		      !strncmp(ev.source, "libpfm:", 7),
	      "without a libpfm core table: ARMv8 common numbers (%s)",
	      ev.source);
#else
	SKIP("arm64 event tables", "not an arm64 build");
#endif
}

int main(void)
{
	printf("# libpfm %s, core tables: '%s'\n", ftb_pfm_version(),
	       ftb_pfm_core_tables());
	groups();
	raw_and_generic();
	generic_names();
	arm64_names();
	return check_exit();
}
