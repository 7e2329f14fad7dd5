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
#define FTB_MAX_WINDOWS 64 /* pairs of windows per sample */

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
	int windows;	     /* K pairs of windows (M, 2M); 0 means 1 */
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

/*
 * Warm-up, then K times window(M), window(2M); per call, for every
 * counter and the time, (min of the 2M windows - min of the M windows) / M
 * over the windows that were not preempted or multiplexed (all of them,
 * and the sample flagged, when no M or no 2M window is clean). Fills
 * *out. Never prints.
 */
int ftb_measure(struct ftb_backend *b, const struct ftb_workload *w,
		const struct ftb_method *method, struct ftb_sample *out);

/*
 * The fewest calls per window for which one tick of a timer of tick_hz
 * is at most resolution_ns per call (M >= 1e9 / (tick_hz * resolution)).
 */
uint64_t ftb_method_min_calls(uint64_t tick_hz, double resolution_ns);

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
/*
 * The same with configurations in groups (group[c] in [0, nconfigs), or
 * NULL: each its own): each round shuffles the groups, and the members of
 * a group come one after the other, in a shuffled order. A traced point
 * and its untraced twin in one group are measured back to back. With each
 * configuration its own group, the order is ftb_schedule_make's.
 */
int ftb_schedule_grouped(struct ftb_schedule *s, int nconfigs, const int *group,
			 int repetitions, int npasses, uint64_t seed);
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

/* ---- Estimators (estimate.c) ---- */

#define FTB_CONFIDENCE 0.95

/* A point estimate and its order-statistic interval at FTB_CONFIDENCE. */
struct ftb_estimate {
	size_t n;
	double value, lo, hi;
	int reached; /* 0: too few values for the confidence (lo, hi = range) */
};

/* The q-quantile of sorted v (linear between order statistics). */
double ftb_quantile_sorted(const double *v, size_t n, double q);
/*
 * 0-based indices of the sorted values bounding the q-quantile with at
 * least `confidence`: returns 1, or 0 (and the whole range) when n is too
 * small for it; -EINVAL for n == 0.
 */
int ftb_os_ci(size_t n, double q, double confidence, size_t *lo, size_t *hi);
int ftb_estimate_sorted(const double *v, size_t n, double q,
			struct ftb_estimate *out);
/* The q-quantile of v (not modified) and its interval; -ENOMEM possible. */
int ftb_estimate(const double *v, size_t n, double q, struct ftb_estimate *out);
/* The median of traced[i] - untraced[i] and its interval. */
int ftb_paired_estimate(const double *traced, const double *untraced, size_t n,
			struct ftb_estimate *out);
/* (hi - lo) / 2, or infinity when the interval is not reached. */
double ftb_estimate_halfwidth(const struct ftb_estimate *e);

/* ---- The adaptive stop rule (adapt.c) ---- */

/*
 * The adaptive method's constants (docs/method.md): the CI half-width
 * wanted for a paired overhead, in ns per call (time backends) or counts
 * per call (pmu, emu: a fraction of a cycle), or a fraction of the
 * overhead when that is wider (0.5% of a 170 ns walk of 100 ops is
 * 0.85 ns: it must not spend the budget the single ops need); the seconds
 * of extra rounds a scenario may spend; the most repetitions, as a factor
 * of those asked; rounds per measuring child.
 */
#define FTB_TARGET 0.05	     /* ns (time backends) or counts (pmu, emu) */
#define FTB_TARGET_REL 0.005 /* or this fraction of the overhead, if wider */
#define FTB_ADAPT_BUDGET_S 30.0
#define FTB_ADAPT_MAX_FACTOR 8
#define FTB_ADAPT_BATCH 2

enum ftb_stop {
	FTB_STOP_RUNNING,  /* measure another round */
	FTB_STOP_TARGET,   /* the interval is as narrow as the target */
	FTB_STOP_BUDGET,   /* the extra rounds' time budget ran out */
	FTB_STOP_MAX,	   /* the most repetitions the run stores */
	FTB_STOP_FIXED,	   /* not adaptive: the repetitions asked for */
	FTB_STOP_UNTRACED, /* the untraced twin: measured for its pairs */
	FTB_STOP_NR
};

struct ftb_adapt {
	double target;	     /* CI half-width wanted, in the metric's unit */
	double target_rel;   /* or this fraction of |overhead|, when wider */
	double budget_s;     /* seconds of extra rounds, from ftb_adapt_start */
	int min_reps;	     /* the base rounds: never stop before them */
	int max_reps;	     /* never measure more */
	double (*now)(void); /* seconds; NULL: CLOCK_MONOTONIC */
	double t0;
};

const char *ftb_stop_name(enum ftb_stop s);
double ftb_monotonic_s(void);
void ftb_adapt_start(struct ftb_adapt *a);
/* After a round of reps samples whose paired estimate is e. */
enum ftb_stop ftb_adapt_check(const struct ftb_adapt *a,
			      const struct ftb_estimate *e, int reps);

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
	/* The adaptive method of paired scenarios (meta.json "method"). */
	struct {
		int windows;	     /* K, in paired scenarios */
		int max_repetitions; /* the store's */
		double target;	     /* CI half-width wanted */
		double target_rel;   /* or this fraction of the overhead */
		const char *target_metric; /* "real_time" or a counter */
		double budget_s;	   /* extra rounds, per scenario */
	} adaptive;
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
	/* Adaptive runs store up to this many (0: repetitions). */
	int max_repetitions;
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
 * The untraced twin of a configuration (-1: none): its overhead is the
 * paired estimate over the repetitions both hold (ftb_run_overhead), in
 * results.json with the stop reason set by ftb_run_set_stop.
 */
int ftb_run_set_twin(struct ftb_run *r, int config, int twin);
int ftb_run_set_stop(struct ftb_run *r, int config, enum ftb_stop stop);
/* Repetitions of a configuration with at least one pass stored. */
int ftb_run_count(const struct ftb_run *r, int config);
/*
 * Traced minus untraced twin, per pair (same repetition, both usable), of
 * one counter (-1: time): the median difference and its interval.
 * -ENOENT without a twin.
 */
int ftb_run_overhead(const struct ftb_run *r, int config, int pass, int counter,
		     struct ftb_estimate *out);
/* Rewrites results.json with what is stored (atomic). */
int ftb_run_flush(struct ftb_run *r);
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
