/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The measurement engine, as the study runner (bench/) uses it.
 *
 *	struct ftb_meter *m;
 *	ftb_meter_open(&m, &mcfg, err, sizeof(err));	  pmu | time | emu
 *	ftb_pin_cpu(cpu, err, sizeof(err));
 *	ftb_meta_collect(&meta, m);
 *	ftb_run_open(&run, &spec, err, sizeof(err));	  results/<dir>/
 *	ftb_schedule_make(&sch, nconfigs, reps, ftb_meter_npasses(m), seed);
 *	for each slot s in sch:
 *		set up configuration s.config (if not the one set up already)
 *		ftb_measure(ftb_meter_pass(m, s.pass), &cfg.workload, &method, &x);
 *		ftb_run_append(run, s.config, s.repetition, s.pass, &x);
 *		tear down when the next slot needs another configuration
 *	ftb_meta_finish(&meta);
 *	ftb_run_finish(run, &meta);  ftb_run_close(run);  ftb_meter_close(m);
 *
 * Setup and teardown of a configuration (registering ops, patching sites)
 * stay with the caller and outside every measured window: ftb_measure only
 * runs the workload. Errors: functions return 0 or a negative errno and put
 * a one-line message (cause and fix) in err.
 */
#ifndef FTB_HARNESS_H
#define FTB_HARNESS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "harness/backend.h"

#define FTB_FORMAT_VERSION 1
#define FTB_MAX_PASSES 8
#define FTB_MAX_PARAMS 8
#define FTB_MAX_CPUS 256
#define FTB_MAX_OPTIONS 16

/* ---- Backends: one per pass (event group) ---- */

enum ftb_pmu_mode {
	FTB_PMU_AUTO, /* pmu, else a time backend with a one-line reason */
	FTB_PMU_PMU,  /* pmu or fail */
	FTB_PMU_TIME, /* the best time source of this ISA */
	FTB_PMU_EMU,  /* the qemu plugin's emulated PMU (harness/emu.c) */
};

struct ftb_meter_config {
	/*
	 * Event groups separated by ';', events in a group by ','. A group is
	 * a preset name (default, frontend, indirect, icache; "all" = every
	 * preset) or a list of events: core names (BR_MIS_PRED_RETIRED), perf
	 * generic names (cycles, branch-misses, task-clock) or raw codes
	 * (r22). NULL or "" = "default". Each group is measured in its own
	 * pass; pass 0 is the first group.
	 */
	const char *events;
	enum ftb_pmu_mode mode;
	int cpu;	  /* pinned CPU or -1: picks the PMU of its cluster */
	int no_user_read; /* 1: read() only, never the mmap page */
	FILE *log;	  /* where the fallback line goes; NULL = stderr */
	/*
	 * 1: some of the work measured runs in the kernel (patching: its
	 * mprotect and membarrier calls). Pass 0's first two events are
	 * then also counted with the kernel, as NAME+kernel beside the
	 * user-only NAME, where perf_event_paranoid allows (<= 1, or
	 * CAP_PERFMON); where not, one line and ftb_meter_kernel say why.
	 */
	int kernel;
};

struct ftb_meter;

int ftb_meter_open(struct ftb_meter **out, const struct ftb_meter_config *cfg,
		   char *err, size_t errlen);
int ftb_meter_npasses(const struct ftb_meter *m);
struct ftb_backend *ftb_meter_pass(struct ftb_meter *m, int pass);
/* The backend name of every pass ("pmu", "pmu-user", "time-tsc", ...). */
const char *ftb_meter_backend(const struct ftb_meter *m);
/* Why this backend: the fallback line, or "" when nothing fell back. */
const char *ftb_meter_reason(const struct ftb_meter *m);
/* The event names as measured, groups joined by ';' (for provenance). */
const char *ftb_meter_events(const struct ftb_meter *m);
/* libpfm PMU tables that resolved events ("arm_n1", "perf"), or "". */
const char *ftb_meter_pfm_table(const struct ftb_meter *m);
/* Ticks per second of a time backend (0 for pmu/emu). */
uint64_t ftb_meter_tick_hz(const struct ftb_meter *m);
/*
 * Kernel counts (ftb_meter_config.kernel): 1 when NAME+kernel counters
 * are measured, else 0; *note says what was counted or why not ("" when
 * they were not asked for).
 */
int ftb_meter_kernel(const struct ftb_meter *m, const char **note);
/* Events left out because the core PMU does not list them ("a,b" or ""). */
const char *ftb_meter_unimplemented(const struct ftb_meter *m);
/* The core PMU's counters (event counters + cycle counter), or -1. */
int ftb_meter_counters(const struct ftb_meter *m);
void ftb_meter_close(struct ftb_meter *m);

/* ---- Method ---- */

struct ftb_method {
	uint64_t calls;	     /* M: a sample measures M and 2M calls */
	uint64_t warmup;     /* calls run before each sample's windows */
	int repetitions;     /* R samples per configuration and pass */
	uint64_t order_seed; /* the scheduler's shuffle seed */
};

/* One sample: every value per call, (window(2M) - window(M)) / M. */
struct ftb_sample {
	int ncounters;
	double value[FTB_MAX_COUNTERS];
	double time_ns;
	uint64_t calls;
	int multiplexed; /* a window multiplexed, unreadable or preempted */
};

/* Pins the calling thread to cpu (no-op for cpu < 0). */
int ftb_pin_cpu(int cpu, char *err, size_t errlen);

/* Warm-up, then window(M), window(2M); fills *out. Never prints. */
int ftb_measure(struct ftb_backend *b, const struct ftb_workload *w,
		const struct ftb_method *method, struct ftb_sample *out);

/* The N-vs-2N arithmetic alone (exposed for tests and other backends). */
void ftb_sample_from_windows(const struct ftb_counts *m1,
			     const struct ftb_counts *m2, int ncounters,
			     uint64_t calls, struct ftb_sample *out);

/* ---- Scheduler: interleaved, randomized, seeded ---- */

struct ftb_slot {
	int config, repetition, pass;
};

struct ftb_schedule {
	size_t n;
	struct ftb_slot *slot;
};

/*
 * Repetition r of every configuration comes in round r, configurations in
 * a fresh seeded shuffle each round; the passes of one configuration stay
 * adjacent within a round (one setup serves them), in shuffled order.
 */
int ftb_schedule_make(struct ftb_schedule *s, int nconfigs, int repetitions,
		      int npasses, uint64_t seed);
void ftb_schedule_free(struct ftb_schedule *s);

/* ---- Statistics ---- */

struct ftb_summary {
	size_t n;		 /* values used */
	double median, min, mad; /* mad: median absolute deviation, unscaled */
};

/* Over v[0..n-1] (not modified); n == 0 gives NaNs. -ENOMEM possible. */
int ftb_summarize(const double *v, size_t n, struct ftb_summary *out);

/* y = fixed + per * x by least squares (harness/fit.c). */
struct ftb_line {
	size_t n;		 /* points */
	double fixed, per;	 /* NaN when there is no line */
	double fixed_se, per_se; /* standard errors; NaN below 3 points */
};

/* 0, or -EDOM when the points give no line (fewer than 2, one x). */
int ftb_fit_line(const double *x, const double *y, size_t n,
		 struct ftb_line *out);
double ftb_median_sorted(const double *sorted, size_t n);

/* ---- Configurations ---- */

struct ftb_param {
	const char *key;
	const char *value; /* integers are written as JSON numbers */
};

struct ftb_config {
	const char *name; /* "SCENARIO/VARIANT/k=v/..." (ftb_config_name) */
	const char *scenario;
	const char *variant;
	int nparams;
	struct ftb_param param[FTB_MAX_PARAMS]; /* in declared order */
	struct ftb_workload workload;
	/*
	 * 1 + the index of the numeric parameter results.json fits the cost
	 * against (a straight line over the configurations that differ only
	 * in it, docs/results-format.md), or 0: none.
	 */
	int fit_over;
};

/* Writes "scenario/variant/k=v/..." into buf; -ENAMETOOLONG if cut. */
int ftb_config_name(char *buf, size_t len, const char *scenario,
		    const char *variant, const struct ftb_param *p, int n);

/* ---- Provenance ---- */

/* CTR_EL0 decoded (harness/ctr.c): what an instruction write must do. */
struct ftb_ctr {
	uint64_t value;
	unsigned int iminline, dminline; /* line sizes in bytes */
	int idc;	  /* 1: no data-cache clean needed for I/D coherence */
	int dic;	  /* 1: no instruction-cache invalidate needed */
	const char *l1ip; /* L1 instruction cache policy: VIPT, PIPT, ... */
};

void ftb_ctr_decode(uint64_t value, struct ftb_ctr *c);
/* Reads this CPU's CTR_EL0: 0, or -ENOSYS off arm64. */
int ftb_ctr_read(struct ftb_ctr *c);

#define FTB_MAX_CONDITIONS 8

struct ftb_condition {
	char kind[24]; /* unimplemented-event, unpinned, zero-counter */
	char detail[400];
};

struct ftb_meta {
	/* Filled by the caller before ftb_meta_collect. */
	const char *command_line;
	const char *executable;
	int cpu;
	int ncorpus;
	struct ftb_param corpus[FTB_MAX_PARAMS]; /* funcs_built, seed, ... */
	struct ftb_method method;
	/*
	 * The run's options as the study's command line gave them (names,
	 * integers or words): what --resume restores (meta.json "options").
	 */
	int noptions;
	struct ftb_param options[FTB_MAX_OPTIONS];
	const char *sysfs_root; /* "" or NULL normally; tests point it away */

	/* Filled by ftb_meta_collect / ftb_meta_finish. */
	char date[40], host[65], arch[16], cpu_model[128], kernel[160];
	char ftbench_version[32], git_revision[64], compiler[96], cflags[512];
	int ncpus, nmidr;
	char midr[FTB_MAX_CPUS][20];
	int perf_event_paranoid, perf_user_access; /* -99: unknown */
	char pmu_name[64];
	int pmu_type; /* -1: none */
	char libpfm_version[32], libpfm_table[128];
	char backend[32], backend_reason[768], events[512];
	uint64_t tick_hz;
	int kernel_requested, kernel_counted; /* ftb_meter_kernel */
	char kernel_note[640];
	int have_ctr; /* arm64: ctr holds CTR_EL0 */
	struct ftb_ctr ctr;
	char governor_before[32], governor_after[32];
	long freq_khz_before, freq_khz_after; /* -1: unknown */
	double mhz_per_cpu;
	int cpu_scaling_enabled;
	/* The core PMU as the pmu backend found it (-1/"": unknown). */
	int pmu_counters;	 /* event counters + the cycle counter */
	int pmu_counter_width;	 /* the mmap page's pmc_width */
	char read_path[48];	 /* "user-space (mmap page)", "read(2)", "" */
	char unimplemented[256]; /* events the PMU does not list, a,b */
	/* Conditions the run could not measure under (conditions.c). */
	int nconditions;
	struct ftb_condition conditions[FTB_MAX_CONDITIONS];
};

/* Appends a condition (kind and a one-line detail) to meta.json's list. */
void ftb_meta_condition(struct ftb_meta *m, const char *kind, const char *fmt,
			...) __attribute__((format(printf, 3, 4)));
/* Is this a counter that counts in any window (cycles, instructions)? */
int ftb_counter_must_count(const char *name);

/*
 * Watches the samples of a session for must-count counters that read 0 in
 * every sample of a configuration (only configurations sampled in this
 * session are judged: a resumed run's earlier samples are not seen).
 */
struct ftb_zero_watch {
	int nconfigs, npasses;
	uint8_t *seen, *nonzero; /* [config][pass][counter] */
};
int ftb_zero_watch_init(struct ftb_zero_watch *w, int nconfigs, int npasses);
void ftb_zero_watch_sample(struct ftb_zero_watch *w, int config, int pass,
			   const struct ftb_sample *s);
/* Adds one zero-counter condition per such counter (and a log line). */
int ftb_zero_watch_report(const struct ftb_zero_watch *w,
			  const struct ftb_backend *const *pass,
			  const char *const *config_name, struct ftb_meta *m,
			  FILE *log);
void ftb_zero_watch_free(struct ftb_zero_watch *w);

/* Reads the machine and the meter (m may be NULL). Never fails hard. */
void ftb_meta_collect(struct ftb_meta *m, const struct ftb_meter *meter);
/* Governor and frequency after the run. */
void ftb_meta_finish(struct ftb_meta *m);

/* ---- Run directory: samples.csv, results.json, meta.json ---- */

struct ftb_run_spec {
	const char *dir; /* NULL: <results_root>/<date>-<host>-<arch>[-N] */
	const char *results_root; /* NULL: "results" */
	const struct ftb_config *configs;
	int nconfigs;
	int repetitions;
	const struct ftb_backend *const *pass; /* ftb_meter_pass(m, i) */
	int npasses;
	const struct ftb_meta *meta; /* written as meta.json at open */
	int keep_multiplexed; /* 1: aggregates use multiplexed samples too */
};

struct ftb_run;

/* Creates the directory (refusing one that already holds a run). */
int ftb_run_open(struct ftb_run **out, const struct ftb_run_spec *spec,
		 char *err, size_t errlen);
/*
 * Continues an interrupted run in spec->dir: same format_version, counters
 * and configurations, or refused with a one-line message. Its samples.csv
 * is read back and appended to; meta.json is rewritten by ftb_run_finish.
 */
int ftb_run_resume(struct ftb_run **out, const struct ftb_run_spec *spec,
		   char *err, size_t errlen);
/* 1 when that sample is already stored (or its configuration failed). */
int ftb_run_has(const struct ftb_run *r, int config, int repetition, int pass);
const char *ftb_run_dir(const struct ftb_run *r);
/* Appends one samples.csv row (flushed); rewrites results.json when the
 * configuration has all its samples. */
int ftb_run_append(struct ftb_run *r, int config, int repetition, int pass,
		   const struct ftb_sample *s);
/* A configuration that could not be measured (its setup failed, ...). */
int ftb_run_fail(struct ftb_run *r, int config, const char *why);
/* The aggregate of one configuration over its non-multiplexed samples. */
int ftb_run_summary(const struct ftb_run *r, int config, int pass,
		    int counter /* -1 = time */, struct ftb_summary *out);
/*
 * 1, with the reason as one line in buf, when a configuration has samples
 * but no result: every sample of some pass was flagged (multiplexed, or
 * preempted under a time backend), so its aggregates would be empty. 0
 * when it has a result, no sample yet, or failed (its error says why).
 */
int ftb_run_no_result(const struct ftb_run *r, int config, char *buf,
		      size_t len);
/* Final results.json and meta.json (atomic). */
int ftb_run_finish(struct ftb_run *r, const struct ftb_meta *meta);
void ftb_run_close(struct ftb_run *r);

/* The crash test's kill point in a measuring child (harness/testkill.c). */
void ftb_test_kill_child(size_t begun);

/*
 * The format_version of an existing run directory: 0 and *version, or
 * -ENOENT when it holds none. Readers refuse a version they do not know.
 */
int ftb_run_dir_version(const char *dir, int *version);

/*
 * What a run directory's meta.json recorded, read back to resume it: the
 * options (meta.json "options"), where and how it was measured, and how
 * often it was resumed. Every string is owned by the struct.
 */
struct ftb_recorded {
	int noptions;
	struct ftb_param option[FTB_MAX_OPTIONS];
	const char *command_line, *date, *host, *arch, *backend;
	int nresumes;
	void *tree;
};

/* Reads dir/meta.json; -errno with a one-line message naming the file. */
int ftb_recorded_read(const char *dir, struct ftb_recorded *out, char *err,
		      size_t errlen);
/* The same from the file's bytes (path is for messages). */
int ftb_recorded_parse(const char *text, size_t len, const char *path,
		       struct ftb_recorded *out, char *err, size_t errlen);
void ftb_recorded_free(struct ftb_recorded *r);

#endif
