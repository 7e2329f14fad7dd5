/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The study: named, parameterised scenarios (scenarios.c), each expanded
 * into points (one configuration per variant and parameter set), set up and
 * measured by the runner (runner.c) through the harness.
 */
#ifndef FTB_STUDY_H
#define FTB_STUDY_H

#include <stddef.h>
#include <stdint.h>

#include "bench/corpus.h"
#include "harness/harness.h"
#include "variants/variant.h"

#define FTB_MAX_POINTS 4096
#define FTB_PARAM_LEN 24

struct ftb_scenario;

/* One configuration: a scenario, a variant and its parameter values. */
struct ftb_point {
	const struct ftb_scenario *sc;
	const struct ftb_variant *v;
	int nparams;
	long val[FTB_MAX_PARAMS];
	char text[FTB_MAX_PARAMS][FTB_PARAM_LEN];
	uint64_t calls; /* M for this configuration */
};

/* What a configuration sets up and the workload runs over. */
struct ftb_ctx {
	const struct ftb_point *p;
	struct ftb_corpus *corpus;
	struct ftrace_ops **ops;
	size_t nops;
	const ftb_fn_t *fns; /* what order[] indexes: the corpus table */
	uint32_t *order;     /* function indices called in rotation */
	size_t norder;
	size_t next; /* rotation position */
	unsigned long sink;
	int tracee; /* calls the empty tracee (bench/tracees.c) instead */
	void *priv; /* scenario state (threads, patching ops) */
};

struct ftb_study_opts {
	size_t funcs;
	int quick;
};

struct ftb_scenario {
	const char *name;
	const char *question;
	int nparams;
	const char *param[FTB_MAX_PARAMS];
	const char *values; /* for `ftbench list` */
	int wide;     /* uses every built function, whatever --funcs says */
	int flavours; /* also runs the flavour variants (variant.h design) */
	/*
	 * Paired and adaptive (docs/method.md): K = windows pairs of windows
	 * per sample, each point measured next to its untraced twin, and
	 * rounds added until the paired overhead's interval reaches the
	 * target or the budget runs out. 0: one pair, the repetitions asked.
	 */
	int windows;
	int kernel;   /* its cost is partly in the kernel: count it there too */
	int fit_over; /* 1 + the parameter results.json fits cost against */
	/* Variants only this scenario runs (NULL-terminated), or NULL. */
	const struct ftb_variant *const *own;
	/* Append this scenario's points for variant v; returns how many. */
	int (*points)(const struct ftb_scenario *sc,
		      const struct ftb_variant *v,
		      const struct ftb_study_opts *o, struct ftb_point *out,
		      int max);
	int (*setup)(struct ftb_ctx *ctx, char *err, size_t errlen);
	void (*run)(void *ctx, uint64_t calls);
	void (*teardown)(struct ftb_ctx *ctx);
};

extern const struct ftb_scenario *const ftb_scenarios[];
const struct ftb_scenario *ftb_scenario_find(const char *name);

/* Shared pieces of scenarios (workload.c). */
void ftb_run_rotation(void *ctx, uint64_t calls);
void ftb_run_tracee(void *ctx, uint64_t calls);
void ftb_run_traced(void *ctx, uint64_t calls);
int ftb_ctx_add_ops(struct ftb_ctx *ctx, ftrace_func_t func,
		    const uint32_t *idx, size_t n, char *err, size_t errlen);
void ftb_ctx_release(struct ftb_ctx *ctx);
int ftb_ctx_rotation(struct ftb_ctx *ctx, size_t n, int random, uint64_t seed);
void ftb_cb_nop(unsigned long ip, unsigned long parent_ip,
		struct ftrace_ops *op, struct ftrace_regs *fregs);
void ftb_cb_ring(unsigned long ip, unsigned long parent_ip,
		 struct ftrace_ops *op, struct ftrace_regs *fregs);
unsigned long ftb_cb_ring_records(void);

/*
 * pairs.c: twin[c] is the untraced twin of c in a paired scenario (its
 * variant's own all-zero point, else `none` at the same point), or -1.
 */
void ftb_find_twins(const struct ftb_point *p, int n, int *twin);
/*
 * group[c] for the n configurations from first (scenario-relative): a
 * configuration joins its twin's group. Returns 1 when any pair exists.
 */
int ftb_pair_groups(const int *twin, int first, int n, int *group);
/* The patching scenario's kernel variant (kpatch.c). */
extern const struct ftb_variant ftb_variant_kernel;
int ftb_kpatch_available(void);
int ftb_kpatch_setup(size_t sites, int retarget, char *err, size_t errlen);

/* runner.c */
struct ftb_run_opts {
	const char *scenarios; /* comma list or NULL = default set */
	const char *variants;  /* comma list or NULL = all */
	const char *out;       /* run directory or NULL */
	const char *resume;    /* an interrupted run directory */
	const char *events;
	enum ftb_pmu_mode pmu;
	int cpu;
	int repetitions;
	uint64_t calls; /* 0: each scenario's own */
	uint64_t seed;
	int isolate; /* 1: each run of configurations in a child */
	int quiet;
	int report; /* run scripts/report on the result */
	const char *command_line;
	struct ftb_study_opts study;
	uint32_t given; /* options named on the command line (run_opts.c) */
};

int ftb_study_run(const struct ftb_run_opts *o);

#endif
