/* SPDX-License-Identifier: GPL-2.0 */
/* The run directory's state, shared by output*.c only. */
#ifndef FTB_HARNESS_OUTPUT_H
#define FTB_HARNESS_OUTPUT_H

#include <limits.h>
#include <stdio.h>

#include "harness/internal.h"

#define FTB_MAX_COLUMNS (FTB_MAX_PASSES * FTB_MAX_COUNTERS)

struct ftb_column {
	char name[64];
	int pass, index; /* the first pass that measures it, and where */
};

struct ftb_run {
	char dir[PATH_MAX];
	int csv_fd;    /* samples.csv, appended a whole row per write(2) */
	size_t rows;   /* rows in samples.csv after the header */
	char date[40]; /* the run's: its first session's start */
	const struct ftb_config *configs;
	int nconfigs, reps, npasses;
	int base_reps; /* the repetitions asked for; reps: the store's */
	int keep_multiplexed;
	const struct ftb_backend *const *pass;
	const struct ftb_meta *meta;
	int ncols;
	struct ftb_column col[FTB_MAX_COLUMNS];
	int col_of[FTB_MAX_PASSES][FTB_MAX_COUNTERS];
	struct ftb_sample *sample; /* [config][rep][pass] */
	unsigned char *have;
	int *done;    /* samples stored per configuration */
	int *twin;    /* per configuration: its untraced twin, or -1 */
	int *stop;    /* per configuration: enum ftb_stop */
	char **error; /* per configuration: why it failed, or NULL */
	/* A resumed run: what its meta.json recorded (else tree NULL). */
	struct ftb_recorded recorded;
};

/* A run with its store and columns, no files yet (open and resume). */
int ftb_run_init(struct ftb_run **out, const struct ftb_run_spec *s, char *err,
		 size_t errlen);
size_t ftb_run_slot(const struct ftb_run *r, int config, int rep, int pass);
/* Usable (non-multiplexed) values of one counter (-1: time) into v. */
int ftb_run_values(const struct ftb_run *r, int config, int pass, int counter,
		   double *v);

int ftb_csv_open(struct ftb_run *r, char *err, size_t errlen);
/* The "params" field of configuration c: "k=v;k=v". */
void ftb_csv_params(const struct ftb_config *c, char *buf, size_t len);
/* samples.csv created with its header; flags adds to the open(2) flags. */
int ftb_csv_create(struct ftb_run *r, int flags, char *err, size_t errlen);
/* Reads a samples.csv stream back into r (output_resume.c); *good is the
 * offset after the last complete row, *header 0 when it has none yet. */
int ftb_csv_load(struct ftb_run *r, FILE *in, long *good, int *header,
		 char *err, size_t errlen);
/* meta.json of the run: the first session's, or a resumed run's. */
int ftb_run_meta_write(FILE *f, const void *run);
/* One row: a sample, or (s == NULL) a failed configuration. */
int ftb_csv_row(struct ftb_run *r, int config, int rep, int pass,
		const struct ftb_sample *s, const char *error);

int ftb_results_write(FILE *f, const void *run);
/* A row's scenario, variant, params (but parameter skip, or -1), backend. */
void ftb_row_config(struct ftb_json *j, const struct ftb_run *r, int config,
		    int skip);
/* An aggregate row's Google Benchmark fields, run_type to iterations. */
void ftb_aggregate_fields(struct ftb_json *j, int repetitions, const char *stat,
			  size_t samples);
/* The fit rows of results.json (output_fit.c): after every configuration. */
int ftb_results_fits(struct ftb_json *j, const struct ftb_run *r);

#endif
