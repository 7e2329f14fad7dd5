// SPDX-License-Identifier: GPL-2.0
/*
 * Event names to perf_event_attr encodings.
 *
 * Resolution order: raw codes (rNNNN), libpfm4 (core tables and its perf
 * generic table), our own perf generic table (libpfm drops its perf table
 * when LIBPFM_FORCE_PMU is set, and may be absent), then on arm64 the ARMv8
 * common architectural event numbers, for cores libpfm has no table for
 * (Cortex-A72, A76, Apple): the source of each encoding is recorded.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "harness/internal.h"

#ifdef HAVE_LIBPFM
#include <perfmon/pfmlib_perf_event.h>
#endif

#ifndef FTB_LIBPFM_PKG
#define FTB_LIBPFM_PKG ""
#endif

struct preset {
	const char *name;
	const char *events;
};

/*
 * Retired events first on arm64: the generic branches/branch-misses map to
 * PC_WRITE_RETIRED / BR_MIS_PRED (speculative) on many kernels.
 */
static const struct preset presets[] = {
#if defined(__aarch64__)
	{ "default", "CPU_CYCLES,INST_RETIRED,BR_RETIRED,BR_MIS_PRED_RETIRED" },
	{ "frontend", "CPU_CYCLES,STALL_FRONTEND,STALL_BACKEND,INST_RETIRED" },
	{ "indirect", "CPU_CYCLES,BR_INDIRECT_SPEC,BR_RETURN_SPEC,BR_IND_MIS_"
		      "PRED_RETIRED" },
	{ "icache", "CPU_CYCLES,L1I_CACHE_REFILL,L1I_TLB_REFILL,ITLB_WALK" },
#else
	{ "default", "cycles,instructions,branches,branch-misses" },
	{ "frontend", "cycles,stalled-cycles-frontend,stalled-cycles-backend,"
		      "instructions" },
	{ "indirect", "cycles,branches,branch-misses" },
	{ "icache", "cycles,L1-icache-load-misses,iTLB-load-misses" },
#endif
};

#define NPRESETS (int)(sizeof(presets) / sizeof(presets[0]))

struct named {
	const char *name;
	uint32_t type;
	uint64_t config;
};

#define HWC(op, r)                                                       \
	(PERF_COUNT_HW_CACHE_##op | (PERF_COUNT_HW_CACHE_OP_READ << 8) | \
	 ((uint64_t)PERF_COUNT_HW_CACHE_RESULT_##r << 16))

/* perf(1)'s generic names. */
static const struct named generic[] = {
	{ "cycles", PERF_TYPE_HARDWARE, PERF_COUNT_HW_CPU_CYCLES },
	{ "cpu-cycles", PERF_TYPE_HARDWARE, PERF_COUNT_HW_CPU_CYCLES },
	{ "instructions", PERF_TYPE_HARDWARE, PERF_COUNT_HW_INSTRUCTIONS },
	{ "cache-references", PERF_TYPE_HARDWARE,
	  PERF_COUNT_HW_CACHE_REFERENCES },
	{ "cache-misses", PERF_TYPE_HARDWARE, PERF_COUNT_HW_CACHE_MISSES },
	{ "branches", PERF_TYPE_HARDWARE, PERF_COUNT_HW_BRANCH_INSTRUCTIONS },
	{ "branch-instructions", PERF_TYPE_HARDWARE,
	  PERF_COUNT_HW_BRANCH_INSTRUCTIONS },
	{ "branch-misses", PERF_TYPE_HARDWARE, PERF_COUNT_HW_BRANCH_MISSES },
	{ "bus-cycles", PERF_TYPE_HARDWARE, PERF_COUNT_HW_BUS_CYCLES },
	{ "stalled-cycles-frontend", PERF_TYPE_HARDWARE,
	  PERF_COUNT_HW_STALLED_CYCLES_FRONTEND },
	{ "stalled-cycles-backend", PERF_TYPE_HARDWARE,
	  PERF_COUNT_HW_STALLED_CYCLES_BACKEND },
	{ "ref-cycles", PERF_TYPE_HARDWARE, PERF_COUNT_HW_REF_CPU_CYCLES },
	{ "cpu-clock", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_CPU_CLOCK },
	{ "task-clock", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_TASK_CLOCK },
	{ "page-faults", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_PAGE_FAULTS },
	{ "faults", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_PAGE_FAULTS },
	{ "context-switches", PERF_TYPE_SOFTWARE,
	  PERF_COUNT_SW_CONTEXT_SWITCHES },
	{ "cs", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_CONTEXT_SWITCHES },
	{ "cpu-migrations", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_CPU_MIGRATIONS },
	{ "migrations", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_CPU_MIGRATIONS },
	{ "minor-faults", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_PAGE_FAULTS_MIN },
	{ "major-faults", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_PAGE_FAULTS_MAJ },
	{ "L1-icache-loads", PERF_TYPE_HW_CACHE, HWC(L1I, ACCESS) },
	{ "L1-icache-load-misses", PERF_TYPE_HW_CACHE, HWC(L1I, MISS) },
	{ "iTLB-loads", PERF_TYPE_HW_CACHE, HWC(ITLB, ACCESS) },
	{ "iTLB-load-misses", PERF_TYPE_HW_CACHE, HWC(ITLB, MISS) },
};

#if defined(__aarch64__)
/* ARMv8/v9 common architectural and microarchitectural event numbers. */
static const struct named armv8[] = {
	{ "L1I_CACHE_REFILL", PERF_TYPE_RAW, 0x01 },
	{ "L1I_TLB_REFILL", PERF_TYPE_RAW, 0x02 },
	{ "INST_RETIRED", PERF_TYPE_RAW, 0x08 },
	{ "PC_WRITE_RETIRED", PERF_TYPE_RAW, 0x0c },
	{ "BR_IMMED_RETIRED", PERF_TYPE_RAW, 0x0d },
	{ "BR_RETURN_RETIRED", PERF_TYPE_RAW, 0x0e },
	{ "BR_MIS_PRED", PERF_TYPE_RAW, 0x10 },
	{ "CPU_CYCLES", PERF_TYPE_RAW, 0x11 },
	{ "BR_PRED", PERF_TYPE_RAW, 0x12 },
	{ "L1I_CACHE", PERF_TYPE_RAW, 0x14 },
	{ "INST_SPEC", PERF_TYPE_RAW, 0x1b },
	{ "BR_RETIRED", PERF_TYPE_RAW, 0x21 },
	{ "BR_MIS_PRED_RETIRED", PERF_TYPE_RAW, 0x22 },
	{ "STALL_FRONTEND", PERF_TYPE_RAW, 0x23 },
	{ "STALL_BACKEND", PERF_TYPE_RAW, 0x24 },
	{ "ITLB_WALK", PERF_TYPE_RAW, 0x35 },
	{ "BR_RETURN_SPEC", PERF_TYPE_RAW, 0x79 },
	{ "BR_INDIRECT_SPEC", PERF_TYPE_RAW, 0x7a },
	{ "BR_IND_MIS_PRED_RETIRED", PERF_TYPE_RAW, 0x8113 },
};
#endif

static const struct preset *find_preset(const char *name, size_t len)
{
	for (int i = 0; i < NPRESETS; i++)
		if (strlen(presets[i].name) == len &&
		    !strncmp(presets[i].name, name, len))
			return &presets[i];
	return NULL;
}

/* Splits a comma list into g, one event per element. */
static int parse_list(const char *s, size_t len, struct ftb_event_group *g,
		      char *err, size_t errlen)
{
	const char *end = s + len;

	memset(g, 0, sizeof(*g));
	while (s < end) {
		const char *c = memchr(s, ',', (size_t)(end - s));
		size_t n = (size_t)((c ? c : end) - s);

		if (n == 0 || n >= sizeof(g->ev[0].name)) {
			ftb_errf(err, errlen, "bad event name in --events");
			return -EINVAL;
		}
		if (g->n == FTB_MAX_COUNTERS) {
			ftb_errf(err, errlen, "more than %d events in a group",
				 FTB_MAX_COUNTERS);
			return -E2BIG;
		}
		memcpy(g->ev[g->n].name, s, n);
		g->ev[g->n++].name[n] = '\0';
		s += n + (c ? 1 : 0);
	}
	return 0;
}

static int add_group(const char *s, size_t len, struct ftb_event_group *g,
		     int maxg, int *ng, char *err, size_t errlen)
{
	const struct preset *p = find_preset(s, len);
	int ret;

	if (len == 3 && !strncmp(s, "all", 3)) {
		for (int i = 0; i < NPRESETS; i++) {
			const char *e = presets[i].events;

			ret = add_group(e, strlen(e), g, maxg, ng, err, errlen);
			if (ret)
				return ret;
		}
		return 0;
	}
	if (*ng == maxg) {
		ftb_errf(err, errlen, "more than %d event groups", maxg);
		return -E2BIG;
	}
	if (p)
		ret = parse_list(p->events, strlen(p->events), &g[*ng], err,
				 errlen);
	else
		ret = parse_list(s, len, &g[*ng], err, errlen);
	if (!ret)
		(*ng)++;
	return ret;
}

int ftb_events_parse(const char *spec, struct ftb_event_group *g, int maxg,
		     int *ng, char *err, size_t errlen)
{
	*ng = 0;
	if (!spec || !*spec)
		spec = "default";
	while (*spec) {
		const char *semi = strchr(spec, ';');
		size_t len = semi ? (size_t)(semi - spec) : strlen(spec);
		int ret;

		if (len == 0) {
			ftb_errf(err, errlen, "empty event group in --events");
			return -EINVAL;
		}
		ret = add_group(spec, len, g, maxg, ng, err, errlen);
		if (ret)
			return ret;
		spec += len + (semi ? 1 : 0);
	}
	return 0;
}

static int resolve_raw(struct ftb_event *ev)
{
	char *end;
	unsigned long long v;

	if (ev->name[0] != 'r' || !ev->name[1])
		return -ENOENT;
	errno = 0;
	v = strtoull(ev->name + 1, &end, 16);
	if (errno || *end)
		return -ENOENT;
	ev->type = PERF_TYPE_RAW;
	ev->config = v;
	snprintf(ev->source, sizeof(ev->source), "raw");
	return 0;
}

static int resolve_table(struct ftb_event *ev, const struct named *t, size_t n,
			 const char *source)
{
	for (size_t i = 0; i < n; i++) {
		if (strcmp(t[i].name, ev->name) != 0)
			continue;
		ev->type = t[i].type;
		ev->config = t[i].config;
		snprintf(ev->source, sizeof(ev->source), "%s", source);
		return 0;
	}
	return -ENOENT;
}

#ifdef HAVE_LIBPFM
static int pfm_state; /* 0 untried, 1 ready, -1 failed */
static char pfm_tables[128];

/* Names of the detected PMU tables other than libpfm's perf ones. */
static void pfm_list_tables(void)
{
	pfm_pmu_t p;

	pfm_for_all_pmus(p)
	{
		pfm_pmu_info_t pi;
		size_t used = strlen(pfm_tables);

		memset(&pi, 0, sizeof(pi));
		pi.size = sizeof(pi);
		if (pfm_get_pmu_info(p, &pi) != PFM_SUCCESS || !pi.is_present)
			continue;
		if (!strncmp(pi.name, "perf", 4))
			continue;
		snprintf(pfm_tables + used, sizeof(pfm_tables) - used, "%s%s",
			 used ? "," : "", pi.name);
	}
}

static int pfm_ready(void)
{
	if (!pfm_state) {
		pfm_state = pfm_initialize() == PFM_SUCCESS ? 1 : -1;
		if (pfm_state > 0)
			pfm_list_tables();
	}
	return pfm_state > 0;
}

static void pfm_table_of(int idx, char *buf, size_t len)
{
	pfm_event_info_t ei;
	pfm_pmu_info_t pi;

	memset(&ei, 0, sizeof(ei));
	memset(&pi, 0, sizeof(pi));
	ei.size = sizeof(ei);
	pi.size = sizeof(pi);
	if (pfm_get_event_info(idx, PFM_OS_NONE, &ei) != PFM_SUCCESS ||
	    pfm_get_pmu_info(ei.pmu, &pi) != PFM_SUCCESS) {
		snprintf(buf, len, "libpfm");
		return;
	}
	snprintf(buf, len, "libpfm:%s", pi.name);
}

static int resolve_pfm(struct ftb_event *ev)
{
	struct perf_event_attr attr;
	pfm_perf_encode_arg_t arg;

	if (!pfm_ready())
		return -ENOENT;
	memset(&attr, 0, sizeof(attr));
	memset(&arg, 0, sizeof(arg));
	arg.attr = &attr;
	arg.size = sizeof(arg);
	if (pfm_get_os_event_encoding(ev->name, PFM_PLM3, PFM_OS_PERF_EVENT_EXT,
				      &arg) != PFM_SUCCESS)
		return -ENOENT;
	ev->type = attr.type;
	ev->config = attr.config;
	ev->config1 = attr.config1;
	ev->config2 = attr.config2;
	pfm_table_of(arg.idx, ev->source, sizeof(ev->source));
	return 0;
}

const char *ftb_pfm_core_tables(void)
{
	return pfm_ready() ? pfm_tables : "";
}

const char *ftb_pfm_version(void)
{
	static char v[48];

	snprintf(v, sizeof(v), "%s%sapi %u.%u", FTB_LIBPFM_PKG,
		 *FTB_LIBPFM_PKG ? " " : "", PFM_MAJ_VERSION(pfm_get_version()),
		 PFM_MIN_VERSION(pfm_get_version()));
	return v;
}
#else
static int resolve_pfm(struct ftb_event *ev)
{
	(void)ev;
	return -ENOENT;
}

const char *ftb_pfm_core_tables(void)
{
	return "";
}

const char *ftb_pfm_version(void)
{
	return "none (built without libpfm)";
}
#endif

int ftb_event_resolve(struct ftb_event *ev, char *err, size_t errlen)
{
	ev->config1 = ev->config2 = 0;
	if (!resolve_raw(ev) || !resolve_pfm(ev) ||
	    !resolve_table(ev, generic, sizeof(generic) / sizeof(generic[0]),
			   "generic"))
		return 0;
#if defined(__aarch64__)
	if (!resolve_table(ev, armv8, sizeof(armv8) / sizeof(armv8[0]),
			   "armv8-common"))
		return 0;
#endif
	ftb_errf(err, errlen,
		 "unknown event '%s': not in libpfm's tables (%s), not a perf "
		 "generic name, not a raw code rNN; fix: use a name from "
		 "'perf list' or the core's raw code",
		 ev->name,
		 *ftb_pfm_core_tables() ? ftb_pfm_core_tables()
					: "no core table");
	return -ENOENT;
}
