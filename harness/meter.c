// SPDX-License-Identifier: GPL-2.0
/*
 * The meter: the backends of a run, one per pass, chosen from --pmu and
 * --events. In auto mode a PMU that cannot be used gives one line naming
 * the cause and the fix, then a time backend; never silently.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness/internal.h"

struct ftb_meter {
	int npasses;
	struct ftb_backend pass[FTB_MAX_PASSES];
	struct ftb_clock clk;
	char reason[768];
	char events[512];
	char pfm_table[128];
	char note[400]; /* how events were encoded, when it matters */
	int kernel_asked, kernel_counted;
	char kernel_note[640];
	char unimpl[256]; /* events the core PMU does not list, a,b */
	int counters;	  /* the PMU's counters (probed), or -1 */
};

/* Weak: binaries built without harness/emu.c still link. */
extern int ftb_emu_open(struct ftb_backend *b,
			const struct ftb_backend_config *cfg)
	__attribute__((weak));

static void close_passes(struct ftb_meter *m)
{
	for (int i = 0; i < m->npasses; i++)
		if (m->pass[i].close)
			m->pass[i].close(&m->pass[i]);
	m->npasses = 0;
}

/* Appends one event name to m->events: ',' within a group, ';' between. */
static void add_event_name(struct ftb_meter *m, size_t *used, int first,
			   const char *name)
{
	*used += (size_t)snprintf(
		m->events + *used,
		*used < sizeof(m->events) ? sizeof(m->events) - *used : 0,
		"%s%s", *used ? (first ? ";" : ",") : "", name);
}

static void note_events(struct ftb_meter *m, const struct ftb_event_group *g,
			int ng)
{
	size_t used = 0;

	m->events[0] = '\0';
	for (int i = 0; i < ng; i++)
		for (int j = 0; j < g[i].n; j++)
			add_event_name(m, &used, !j, g[i].ev[j].name);
}

/* The counters as the passes measure them (kernel twins included). */
static void names_from_passes(struct ftb_meter *m)
{
	size_t used = 0;

	m->events[0] = '\0';
	for (int i = 0; i < m->npasses; i++)
		for (int j = 0; j < m->pass[i].ncounters; j++)
			add_event_name(m, &used, !j,
				       m->pass[i].counter_name[j]);
}

static void add_table(struct ftb_meter *m, const char *table)
{
	size_t used = strlen(m->pfm_table);

	if (strstr(m->pfm_table, table))
		return;
	snprintf(m->pfm_table + used, sizeof(m->pfm_table) - used, "%s%s",
		 used ? "," : "", table);
}

/*
 * Remembers the libpfm tables used, and says which events no table knew
 * (encoded from the ARMv8 common numbers: the core may not implement them).
 */
static void note_sources(struct ftb_meter *m, const struct ftb_event_group *g,
			 int ng)
{
	char list[256] = "";
	size_t used = 0;

	for (int i = 0; i < ng; i++) {
		for (int j = 0; j < g[i].n; j++) {
			const struct ftb_event *e = &g[i].ev[j];

			if (!strncmp(e->source, "libpfm:", 7))
				add_table(m, e->source + 7);
			if (strcmp(e->source, "armv8-common") != 0 ||
			    used >= sizeof(list) || strstr(list, e->name))
				continue;
			used += (size_t)snprintf(
				list + used, sizeof(list) - used, "%s%s=0x%llx",
				used ? " " : "", e->name,
				(unsigned long long)e->config);
		}
	}
	if (used)
		snprintf(
			m->note, sizeof(m->note),
			"not in libpfm's core tables (%s): %s encoded from the "
			"ARMv8 common event numbers (the core may not "
			"implement them)",
			*ftb_pfm_core_tables() ? ftb_pfm_core_tables()
					       : "none for this core",
			list);
}

/* Raw codes go to the PMU of the pinned CPU's cluster (big.LITTLE). */
static void retarget_raw(struct ftb_event_group *g, int ng, int type)
{
	for (int i = 0; i < ng; i++)
		for (int j = 0; j < g[i].n; j++)
			if (g[i].ev[j].type == PERF_TYPE_RAW)
				g[i].ev[j].type = (uint32_t)type;
}

/*
 * arm64: events the core does not implement (not in the PMU's sysfs
 * events/, i.e. PMCEID) open and read 0; they are left out and named.
 * x86's sysfs events/ lists only aliases, so nothing is judged there.
 */
static int drop_unimplemented(struct ftb_meter *m, struct ftb_event_group *g,
			      int *ng, const char *pmu, int type, FILE *log,
			      char *err, size_t errlen)
{
#if defined(__aarch64__)
	if (!ftb_events_drop_unlisted(NULL, pmu, (uint32_t)type, g, ng,
				      m->unimpl, sizeof(m->unimpl)))
		return 0;
	if (!*ng) {
		ftb_errf(err, errlen,
			 "no event asked for is implemented by PMU %s "
			 "(its sysfs events/, from PMCEID, lists none of %s)",
			 pmu, m->unimpl);
		return -ENOENT;
	}
	fprintf(log,
		"ftbench: not implemented by PMU %s (not in its sysfs events/, "
		"from PMCEID): %s: left out of the counts\n",
		pmu, m->unimpl);
#else
	(void)m, (void)g, (void)ng, (void)pmu, (void)type, (void)log;
	(void)err, (void)errlen;
#endif
	return 0;
}

static int resolve_all(struct ftb_event_group *g, int ng, char *err,
		       size_t errlen)
{
	for (int i = 0; i < ng; i++)
		for (int j = 0; j < g[i].n; j++) {
			int ret = ftb_event_resolve(&g[i].ev[j], err, errlen);

			if (ret)
				return ret;
		}
	return 0;
}

/*
 * The kernel twins: pass 0's first KERNEL_TWINS events (cycles and
 * instructions in the default set) once more, counted in the kernel too.
 * Task-bound like the rest, they see the system calls the workload makes
 * (and interrupts taken while it runs), never another task's work.
 */
#define KERNEL_TWINS 2
#define KERNEL_SUFFIX "+kernel"

static int add_twins(struct ftb_event_group *g)
{
	int n = g->n < KERNEL_TWINS ? g->n : KERNEL_TWINS;

	if (g->n + n > FTB_MAX_COUNTERS)
		return -E2BIG;
	for (int i = 0; i < n; i++) {
		struct ftb_event *t = &g->ev[g->n + i];

		*t = g->ev[i];
		t->kernel = 1;
		snprintf(t->name, sizeof(t->name), "%.*s%s",
			 (int)(sizeof(t->name) - sizeof(KERNEL_SUFFIX)),
			 g->ev[i].name, KERNEL_SUFFIX);
	}
	g->n += n;
	return 0;
}

/* Why the kernel could not be counted, as one line. */
static void kernel_refused(struct ftb_meter *m, int ret, const char *why,
			   int paranoid)
{
	if (ret == -EACCES || ret == -EPERM)
		snprintf(m->kernel_note, sizeof(m->kernel_note),
			 "kernel not counted: perf_event_paranoid=%d allows "
			 "user-space counts only (the kernel's need <= 1, or "
			 "CAP_PERFMON); the kernel-inclusive cost is real_time "
			 "(wall time)",
			 paranoid);
	else
		snprintf(m->kernel_note, sizeof(m->kernel_note),
			 "kernel not counted: %s; the kernel-inclusive cost is "
			 "real_time (wall time)",
			 why);
}

/* Pass 0 with its kernel twins, else (noted) without them. */
static int open_pass0(struct ftb_meter *m, const struct ftb_meter_config *cfg,
		      const struct ftb_event_group *g0,
		      const struct ftb_pmu_options *o, char *err, size_t errlen)
{
	struct ftb_event_group twin = *g0;
	char why[400];
	int ret;

	if (!cfg->kernel)
		return ftb_pmu_open(&m->pass[0], g0, o, &m->clk, err, errlen);
	ret = add_twins(&twin);
	if (!ret)
		ret = ftb_pmu_open(&m->pass[0], &twin, o, &m->clk, why,
				   sizeof(why));
	else
		snprintf(why, sizeof(why),
			 "no room for the kernel twins in a group of %d events",
			 g0->n);
	if (!ret) {
		m->kernel_counted = 1;
		snprintf(m->kernel_note, sizeof(m->kernel_note),
			 "kernel counted: the first %d events of pass 0 again "
			 "as NAME" KERNEL_SUFFIX " (user and kernel) beside "
			 "the user-only NAME",
			 twin.n - g0->n);
		return 0;
	}
	kernel_refused(m, ret, why, o->paranoid);
	return ftb_pmu_open(&m->pass[0], g0, o, &m->clk, err, errlen);
}

/*
 * *bad_input is set when the request itself is wrong (an unknown name, a
 * malformed list): that is an error on every machine, never a fallback.
 */
static int open_pmu(struct ftb_meter *m, const struct ftb_meter_config *cfg,
		    FILE *log, int *bad_input, char *err, size_t errlen)
{
	struct ftb_event_group g[FTB_MAX_PASSES];
	struct ftb_pmu_options o = {
		.cpu = cfg->cpu,
		.user_read = !cfg->no_user_read,
		.paranoid = ftb_sysctl_int(NULL, "perf_event_paranoid"),
		.user_access = ftb_sysctl_int(NULL, "perf_user_access"),
	};
	char pmu[64];
	int ng, ret, type;

	*bad_input = 0;
	ret = ftb_events_parse(cfg->events, g, FTB_MAX_PASSES, &ng, err,
			       errlen);
	if (!ret)
		ret = resolve_all(g, ng, err, errlen);
	if (ret) {
		*bad_input = 1;
		return ret;
	}
	if (!ftb_core_pmu(NULL, cfg->cpu, pmu, sizeof(pmu), &type)) {
		retarget_raw(g, ng, type);
		ret = drop_unimplemented(m, g, &ng, pmu, type, log, err,
					 errlen);
		if (ret)
			return ret;
#if defined(__aarch64__)
		m->counters = ftb_pmu_count_counters((uint32_t)type);
#endif
	}
	note_events(m, g, ng);
	note_sources(m, g, ng);
	for (int i = 0; i < ng; i++) {
		ret = i ? ftb_pmu_open(&m->pass[i], &g[i], &o, &m->clk, err,
				       errlen)
			: open_pass0(m, cfg, &g[0], &o, err, errlen);
		if (ret) {
			close_passes(m);
			return ret;
		}
		m->npasses = i + 1;
	}
	if (m->kernel_counted)
		names_from_passes(m);
	/* Only counts that were taken need the note on their encoding. */
	snprintf(m->reason, sizeof(m->reason), "%s%s%s", m->pass[0].reason,
		 *m->pass[0].reason && *m->note ? "; " : "", m->note);
	if (*m->note)
		fprintf(log, "ftbench: %s\n", m->note);
	return 0;
}

/* Appends "; text" (or "text" to an empty reason). */
static void add_reason(struct ftb_meter *m, const char *text)
{
	size_t used = strlen(m->reason);

	if (*text)
		snprintf(m->reason + used, sizeof(m->reason) - used, "%s%s",
			 used ? "; " : "", text);
}

static int open_time(struct ftb_meter *m)
{
	int ret = ftb_time_open(&m->pass[0], &m->clk);

	if (ret)
		return ret;
	m->npasses = 1;
	snprintf(m->events, sizeof(m->events), "ticks");
	add_reason(m, m->clk.note);
	add_reason(m, m->pass[0].reason);
	return 0;
}

static int open_emu(struct ftb_meter *m, const struct ftb_meter_config *cfg,
		    char *err, size_t errlen)
{
	struct ftb_backend_config bc = { .events = cfg->events,
					 .cpu = cfg->cpu };
	int ret;

	if (!ftb_emu_open) {
		ftb_errf(
			err, errlen,
			"--pmu=emu: this binary was built without the emulated "
			"PMU (harness/emu.c); fix: rebuild, and run it under "
			"scripts/qemu-emu");
		return -ENOSYS;
	}
	ret = ftb_emu_open(&m->pass[0], &bc);
	if (ret) {
		ftb_errf(err, errlen, "%s", m->pass[0].reason);
		return ret;
	}
	m->npasses = 1;
	snprintf(m->reason, sizeof(m->reason), "%s", m->pass[0].reason);
	note_events(m, NULL, 0);
	for (int i = 0; i < m->pass[0].ncounters; i++)
		snprintf(m->events + strlen(m->events),
			 sizeof(m->events) - strlen(m->events), "%s%s",
			 i ? "," : "", m->pass[0].counter_name[i]);
	return 0;
}

static int open_auto(struct ftb_meter *m, const struct ftb_meter_config *cfg,
		     FILE *log, char *err, size_t errlen)
{
	char why[400];

	/* Under the emulated-PMU launcher, the plugin is the PMU. */
	if (getenv("FTBENCH_EMU_OUT") && ftb_emu_open)
		return open_emu(m, cfg, err, errlen);
	int bad;

	if (!open_pmu(m, cfg, log, &bad, why, sizeof(why)))
		return 0;
	if (bad) {
		ftb_errf(err, errlen, "%s", why);
		return -EINVAL;
	}
	snprintf(m->reason, sizeof(m->reason), "no PMU counters: %s", why);
	if (open_time(m)) {
		ftb_errf(err, errlen, "%s; and no time backend", m->reason);
		return -ENOMEM;
	}
	fprintf(log, "ftbench: %s; measuring time with %s instead\n", m->reason,
		m->pass[0].name);
	return 0;
}

/* A time or emulated backend: what its numbers hold of the kernel. */
static void kernel_elsewhere(struct ftb_meter *m)
{
	if (!strncmp(m->pass[0].name, "pmu", 3))
		return;
	if (!strcmp(m->pass[0].name, "emu"))
		snprintf(m->kernel_note, sizeof(m->kernel_note),
			 "kernel not counted: the emulated PMU sees user-space "
			 "instructions only, and real_time is qemu's");
	else
		snprintf(m->kernel_note, sizeof(m->kernel_note),
			 "kernel counted in time only: no PMU, so real_time "
			 "(wall time, the kernel included) and no user-only "
			 "part");
}

int ftb_meter_open(struct ftb_meter **out, const struct ftb_meter_config *cfg,
		   char *err, size_t errlen)
{
	struct ftb_meter *m = calloc(1, sizeof(*m));
	FILE *log = cfg->log ? cfg->log : stderr;
	int ret;

	if (!m)
		return -ENOMEM;
	ftb_clock_init(&m->clk);
	m->counters = -1;
	switch (cfg->mode) {
	case FTB_PMU_PMU: {
		int bad;

		ret = open_pmu(m, cfg, log, &bad, err, errlen);
		break;
	}
	case FTB_PMU_TIME:
		snprintf(m->reason, sizeof(m->reason),
			 "time backend requested (--pmu=time)");
		ret = open_time(m);
		break;
	case FTB_PMU_EMU:
		ret = open_emu(m, cfg, err, errlen);
		break;
	default:
		ret = open_auto(m, cfg, log, err, errlen);
		break;
	}
	if (ret) {
		free(m);
		return ret;
	}
	m->kernel_asked = cfg->kernel;
	if (cfg->kernel) {
		kernel_elsewhere(m);
		if (!m->kernel_counted)
			fprintf(log, "ftbench: %s\n", m->kernel_note);
	}
	fflush(log);
	*out = m;
	return 0;
}

int ftb_meter_npasses(const struct ftb_meter *m)
{
	return m->npasses;
}

struct ftb_backend *ftb_meter_pass(struct ftb_meter *m, int pass)
{
	if (pass < 0 || pass >= m->npasses)
		return NULL;
	return &m->pass[pass];
}

const char *ftb_meter_backend(const struct ftb_meter *m)
{
	return m->pass[0].name;
}

const char *ftb_meter_reason(const struct ftb_meter *m)
{
	return m->reason;
}

const char *ftb_meter_events(const struct ftb_meter *m)
{
	return m->events;
}

const char *ftb_meter_pfm_table(const struct ftb_meter *m)
{
	return m->pfm_table;
}

const char *ftb_meter_unimplemented(const struct ftb_meter *m)
{
	return m->unimpl;
}

int ftb_meter_counters(const struct ftb_meter *m)
{
	return m->counters;
}

uint64_t ftb_meter_tick_hz(const struct ftb_meter *m)
{
	return m->pass[0].tick_hz;
}

int ftb_meter_kernel(const struct ftb_meter *m, const char **note)
{
	*note = m->kernel_asked ? m->kernel_note : "";
	return m->kernel_counted;
}

void ftb_meter_close(struct ftb_meter *m)
{
	if (!m)
		return;
	close_passes(m);
	free(m);
}
