// SPDX-License-Identifier: GPL-2.0
/*
 * The fit rows of results.json: for configurations that differ only in
 * their swept parameter (ftb_config.fit_over, patching's sites), the
 * straight line cost = fixed + per * value by least squares over every
 * usable sample (harness/fit.c), for the time and every counter. Four
 * aggregate rows per line, as Google Benchmark writes one statistic per
 * aggregate row: "fixed", "fixed_se", "per_<param>", "per_<param>_se";
 * "fit_over" names the parameter, "iterations" the samples of the time's
 * fit (docs/results-format.md).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness/output.h"

enum { FIXED, FIXED_SE, PER, PER_SE, NSTATS };

/* Do a and b differ in nothing but parameter k (so one line holds both)? */
static int same_but(const struct ftb_config *a, const struct ftb_config *b,
		    int k)
{
	if (strcmp(a->scenario, b->scenario) != 0 ||
	    strcmp(a->variant, b->variant) != 0 || a->nparams != b->nparams ||
	    a->fit_over != b->fit_over)
		return 0;
	for (int i = 0; i < a->nparams; i++)
		if (i != k && strcmp(a->param[i].value, b->param[i].value) != 0)
			return 0;
	return 1;
}

/* The first configuration of its line: none before it shares the line. */
static int leads(const struct ftb_run *r, int c)
{
	int k = r->configs[c].fit_over - 1;

	if (k < 0 || k >= r->configs[c].nparams)
		return 0;
	for (int e = 0; e < c; e++)
		if (same_but(&r->configs[e], &r->configs[c], k))
			return 0;
	return 1;
}

/* Every usable sample of the line's configurations for one column. */
static int line_of(const struct ftb_run *r, int lead, int pass, int counter,
		   struct ftb_line *out)
{
	const struct ftb_config *c = &r->configs[lead];
	int k = c->fit_over - 1, n = 0, ret;
	size_t cap = (size_t)r->nconfigs * (size_t)r->reps;
	double *x = calloc(cap, sizeof(*x)), *y = calloc(cap, sizeof(*y));

	if (!x || !y) {
		free(x);
		free(y);
		return -ENOMEM;
	}
	for (int m = lead; m < r->nconfigs; m++) {
		double at;
		int got;

		if (r->error[m] || !same_but(&r->configs[m], c, k))
			continue;
		at = strtod(r->configs[m].param[k].value, NULL);
		got = ftb_run_values(r, m, pass, counter, y + n);
		for (int i = 0; i < got; i++)
			x[n + i] = at;
		n += got;
	}
	ret = ftb_fit_line(x, y, (size_t)n, out);
	free(x);
	free(y);
	return ret;
}

static double stat_of(const struct ftb_line *l, int stat)
{
	const double v[NSTATS] = { l->fixed, l->fixed_se, l->per, l->per_se };

	return v[stat];
}

/* The line's name: the configuration's without the swept parameter. */
static int line_name(const struct ftb_config *c, char *buf, size_t len)
{
	struct ftb_param rest[FTB_MAX_PARAMS];
	int n = 0;

	for (int i = 0; i < c->nparams; i++)
		if (i != c->fit_over - 1)
			rest[n++] = c->param[i];
	return ftb_config_name(buf, len, c->scenario, c->variant, rest, n);
}

static void head(struct ftb_json *j, const struct ftb_run *r, int lead,
		 const char *run_name, const char *stat, size_t points)
{
	const struct ftb_config *c = &r->configs[lead];
	char name[600];

	snprintf(name, sizeof(name), "%s_%s", run_name, stat);
	ftb_json_begin(j, '{');
	ftb_json_key(j, "name");
	ftb_json_str(j, name);
	ftb_json_key(j, "family_index");
	ftb_json_int(j, lead);
	ftb_json_key(j, "per_family_instance_index");
	ftb_json_int(j, 0);
	ftb_json_key(j, "run_name");
	ftb_json_str(j, run_name);
	ftb_aggregate_fields(j, r->reps, stat, points);
	ftb_json_key(j, "fit_over");
	ftb_json_str(j, c->param[c->fit_over - 1].key);
	ftb_row_config(j, r, lead, c->fit_over - 1);
}

/* The four rows of one line: every column's statistic in each. */
static int line_rows(struct ftb_json *j, const struct ftb_run *r, int lead)
{
	const struct ftb_config *c = &r->configs[lead];
	struct ftb_line time = { 0 }, *col;
	char run_name[512], stat[64];
	int ret = line_name(c, run_name, sizeof(run_name));

	if (ret)
		return ret;
	col = calloc((size_t)r->ncols + 1, sizeof(*col));
	if (!col)
		return -ENOMEM;
	/* No line through the time (one value swept so far): no rows. */
	ret = line_of(r, lead, 0, -1, &time);
	if (ret) {
		free(col);
		return ret == -EDOM ? 0 : ret;
	}
	for (int k = 0; k < r->ncols && !ret; k++)
		if (line_of(r, lead, r->col[k].pass, r->col[k].index,
			    &col[k]) == -ENOMEM)
			ret = -ENOMEM;
	for (int s = 0; s < NSTATS && !ret; s++) {
		snprintf(stat, sizeof(stat), "%s%s%s",
			 s < PER ? "fixed" : "per_",
			 s < PER ? "" : c->param[c->fit_over - 1].key,
			 s == FIXED_SE || s == PER_SE ? "_se" : "");
		head(j, r, lead, run_name, stat, time.n);
		ftb_json_key(j, "real_time");
		ftb_json_num(j, stat_of(&time, s));
		ftb_json_key(j, "cpu_time");
		ftb_json_num(j, stat_of(&time, s));
		ftb_json_key(j, "time_unit");
		ftb_json_str(j, "ns");
		for (int k = 0; k < r->ncols; k++) {
			ftb_json_key(j, r->col[k].name);
			ftb_json_num(j, stat_of(&col[k], s));
		}
		ftb_json_end(j, '}');
	}
	free(col);
	return ret;
}

int ftb_results_fits(struct ftb_json *j, const struct ftb_run *r)
{
	int ret = 0;

	for (int c = 0; c < r->nconfigs && !ret; c++)
		if (leads(r, c))
			ret = line_rows(j, r, c);
	return ret;
}
