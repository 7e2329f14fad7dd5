/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ftbench run's options: parsed from the command line, recorded in
 * meta.json's "options", and restored from there by --resume, where an
 * option given again must agree with the recorded one. Every function
 * returns 0, or -1 with a one-line message in err (exit status 2).
 */
#ifndef FTB_RUN_OPTS_H
#define FTB_RUN_OPTS_H

#include <stddef.h>

#include "bench/study.h"

/* The recorded options' text, written as meta.json "options". */
struct ftb_run_record {
	int n;
	struct ftb_param opt[FTB_MAX_OPTIONS];
	char text[FTB_MAX_OPTIONS][1024];
};

/* Whether name is in the comma list (NULL: every name is). */
int ftb_name_listed(const char *list, const char *name);

/* Defaults, then argv[1..argc-1] (argv[0] is "run"). */
int ftb_run_opts_parse(struct ftb_run_opts *o, int argc, char **argv, char *err,
		       size_t errlen);
/*
 * With --resume: the options recorded in rec (from file `what`, for
 * messages) fill every option not given, and must equal every one given.
 */
int ftb_run_opts_merge(struct ftb_run_opts *o, const struct ftb_recorded *rec,
		       const char *what, char *err, size_t errlen);
/* Reads o->resume's meta.json and merges it (ftb_run_opts_merge). */
int ftb_run_opts_resume(struct ftb_run_opts *o, char *err, size_t errlen);
/* Checks what depends on the corpus and fills the remaining defaults. */
int ftb_run_opts_finish(struct ftb_run_opts *o, char *err, size_t errlen);
/* The options as meta.json records them. */
void ftb_run_opts_record(const struct ftb_run_opts *o,
			 struct ftb_run_record *rec);

#endif
