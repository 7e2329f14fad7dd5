// SPDX-License-Identifier: GPL-2.0
/*
 * results.json in Google Benchmark's schema (context + benchmarks[], with
 * iteration rows and median/min/mad aggregate rows) and meta.json.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness/output.h"

static const char *const aggregates[] = { "median", "min", "mad" };

static void context(struct ftb_json *j, const struct ftb_run *r)
{
	const struct ftb_meta *m = r->meta;

	ftb_json_key(j, "context");
	ftb_json_begin(j, '{');
	ftb_json_key(j, "date");
	ftb_json_str(j, r->date);
	ftb_json_key(j, "host_name");
	ftb_json_str(j, m->host);
	ftb_json_key(j, "executable");
	ftb_json_str(j, m->executable ? m->executable : "");
	ftb_json_key(j, "num_cpus");
	ftb_json_int(j, m->ncpus);
	ftb_json_key(j, "mhz_per_cpu");
	ftb_json_int(j, (long long)llround(m->mhz_per_cpu));
	ftb_json_key(j, "cpu_scaling_enabled");
	ftb_json_bool(j, m->cpu_scaling_enabled);
	ftb_json_key(j, "caches");
	ftb_json_begin(j, '[');
	ftb_json_end(j, ']');
	ftb_json_key(j, "library_build_type");
	ftb_json_str(j, "release");
	ftb_json_key(j, "format_version");
	ftb_json_int(j, FTB_FORMAT_VERSION);
	ftb_json_key(j, "ftbench_arch");
	ftb_json_str(j, m->arch);
	ftb_json_key(j, "backend");
	ftb_json_str(j, r->pass[0]->name);
	ftb_json_key(j, "backend_reason");
	ftb_json_str(j, m->backend_reason);
	ftb_json_key(j, "events");
	ftb_json_begin(j, '[');
	for (int c = 0; c < r->ncols; c++)
		ftb_json_str(j, r->col[c].name);
	ftb_json_end(j, ']');
	ftb_json_end(j, '}');
}

/* name, run_name, family fields and the configuration's own fields. */
static void row_head(struct ftb_json *j, const struct ftb_run *r, int config,
		     const char *suffix)
{
	const struct ftb_config *c = &r->configs[config];
	char name[512];

	snprintf(name, sizeof(name), "%s%s", c->name, suffix);
	ftb_json_key(j, "name");
	ftb_json_str(j, name);
	ftb_json_key(j, "family_index");
	ftb_json_int(j, config);
	ftb_json_key(j, "per_family_instance_index");
	ftb_json_int(j, 0);
	ftb_json_key(j, "run_name");
	ftb_json_str(j, c->name);
}

void ftb_row_config(struct ftb_json *j, const struct ftb_run *r, int config,
		    int skip)
{
	const struct ftb_config *c = &r->configs[config];

	ftb_json_key(j, "scenario");
	ftb_json_str(j, c->scenario);
	ftb_json_key(j, "variant");
	ftb_json_str(j, c->variant);
	ftb_json_key(j, "params");
	ftb_json_begin(j, '{');
	for (int i = 0; i < c->nparams; i++) {
		if (i == skip)
			continue;
		ftb_json_key(j, c->param[i].key);
		ftb_json_word(j, c->param[i].value);
	}
	ftb_json_end(j, '}');
	ftb_json_key(j, "backend");
	ftb_json_str(j, r->pass[0]->name);
}

static void times(struct ftb_json *j, double ns)
{
	ftb_json_key(j, "real_time");
	ftb_json_num(j, ns);
	ftb_json_key(j, "cpu_time");
	ftb_json_num(j, ns);
	ftb_json_key(j, "time_unit");
	ftb_json_str(j, "ns");
}

/* The Google Benchmark fields of a "run_type": "iteration" row. */
static void iteration_head(struct ftb_json *j, const struct ftb_run *r,
			   int config, int rep, long long iterations,
			   double time_ns)
{
	ftb_json_begin(j, '{');
	row_head(j, r, config, "");
	ftb_json_key(j, "run_type");
	ftb_json_str(j, "iteration");
	ftb_json_key(j, "repetitions");
	ftb_json_int(j, ftb_run_count(r, config));
	ftb_json_key(j, "repetition_index");
	ftb_json_int(j, rep);
	ftb_json_key(j, "threads");
	ftb_json_int(j, 1);
	ftb_json_key(j, "iterations");
	ftb_json_int(j, iterations);
	times(j, time_ns);
}

static void error_row(struct ftb_json *j, const struct ftb_run *r, int config)
{
	iteration_head(j, r, config, 0, 0, 0);
	ftb_row_config(j, r, config, -1);
	ftb_json_key(j, "error_occurred");
	ftb_json_bool(j, 1);
	ftb_json_key(j, "error_message");
	ftb_json_str(j, r->error[config]);
	ftb_json_end(j, '}');
}

/* The time of a repetition: pass 0's, else the first pass measured. */
static const struct ftb_sample *first_sample(const struct ftb_run *r,
					     int config, int rep)
{
	for (int p = 0; p < r->npasses; p++) {
		size_t k = ftb_run_slot(r, config, rep, p);

		if (r->have[k])
			return &r->sample[k];
	}
	return NULL;
}

static void iteration_counters(struct ftb_json *j, const struct ftb_run *r,
			       int config, int rep, int *mux)
{
	for (int c = 0; c < r->ncols; c++) {
		size_t k = ftb_run_slot(r, config, rep, r->col[c].pass);

		if (!r->have[k])
			continue;
		*mux |= r->sample[k].multiplexed;
		ftb_json_key(j, r->col[c].name);
		ftb_json_num(j, r->sample[k].value[r->col[c].index]);
	}
}

static void iteration_row(struct ftb_json *j, const struct ftb_run *r,
			  int config, int rep)
{
	const struct ftb_sample *s = first_sample(r, config, rep);
	int mux = s->multiplexed;

	iteration_head(j, r, config, rep, (long long)s->calls, s->time_ns);
	ftb_row_config(j, r, config, -1);
	iteration_counters(j, r, config, rep, &mux);
	ftb_json_key(j, "multiplexed");
	ftb_json_bool(j, mux);
	ftb_json_end(j, '}');
}

void ftb_aggregate_fields(struct ftb_json *j, int repetitions, const char *stat,
			  size_t samples)
{
	ftb_json_key(j, "run_type");
	ftb_json_str(j, "aggregate");
	ftb_json_key(j, "repetitions");
	ftb_json_int(j, repetitions);
	ftb_json_key(j, "threads");
	ftb_json_int(j, 1);
	ftb_json_key(j, "aggregate_name");
	ftb_json_str(j, stat);
	ftb_json_key(j, "aggregate_unit");
	ftb_json_str(j, "time");
	ftb_json_key(j, "iterations");
	ftb_json_int(j, (long long)samples);
}

static double pick(const struct ftb_summary *s, int agg)
{
	return agg == 0 ? s->median : agg == 1 ? s->min : s->mad;
}

/* Summary of one column (-1: time, from pass 0) of one configuration. */
static int column_summary(const struct ftb_run *r, int config, int col,
			  struct ftb_summary *s)
{
	if (col < 0)
		return ftb_run_summary(r, config, 0, -1, s);
	return ftb_run_summary(r, config, r->col[col].pass, r->col[col].index,
			       s);
}

/* "overhead_NAME", "_lo", "_hi": the paired estimate of one column. */
static int overhead_fields(struct ftb_json *j, const struct ftb_run *r,
			   int config, int col, const char *name, size_t *n)
{
	struct ftb_estimate e;
	char key[96];
	int ret = col < 0 ? ftb_run_overhead(r, config, 0, -1, &e)
			  : ftb_run_overhead(r, config, r->col[col].pass,
					     r->col[col].index, &e);

	if (ret)
		return ret;
	snprintf(key, sizeof(key), "overhead_%s", name);
	ftb_json_key(j, key);
	ftb_json_num(j, e.value);
	snprintf(key, sizeof(key), "overhead_%s_lo", name);
	ftb_json_key(j, key);
	ftb_json_num(j, e.reached ? e.lo : NAN);
	snprintf(key, sizeof(key), "overhead_%s_hi", name);
	ftb_json_key(j, key);
	ftb_json_num(j, e.reached ? e.hi : NAN);
	*n = e.n;
	return 0;
}

/*
 * On the median row: why the configuration stopped, and with a twin its
 * paired overhead per metric (docs/results-format.md).
 */
static int overhead_row_fields(struct ftb_json *j, const struct ftb_run *r,
			       int config)
{
	size_t n = 0;
	int ret = 0;

	ftb_json_key(j, "stop");
	ftb_json_str(j, ftb_stop_name(r->stop[config]));
	if (r->twin[config] < 0 || r->error[r->twin[config]])
		return 0;
	ftb_json_key(j, "untraced_twin");
	ftb_json_str(j, r->configs[r->twin[config]].name);
	ret = overhead_fields(j, r, config, -1, "real_time", &n);
	for (int c = 0; c < r->ncols && !ret; c++)
		ret = overhead_fields(j, r, config, c, r->col[c].name, &n);
	ftb_json_key(j, "overhead_pairs");
	ftb_json_int(j, (long long)n);
	return ret;
}

static int aggregate_row(struct ftb_json *j, const struct ftb_run *r,
			 int config, int agg)
{
	struct ftb_summary s;
	char suffix[16], why[512];
	int ret;

	snprintf(suffix, sizeof(suffix), "_%s", aggregates[agg]);
	ret = column_summary(r, config, -1, &s);
	if (ret)
		return ret;
	ftb_json_begin(j, '{');
	row_head(j, r, config, suffix);
	ftb_aggregate_fields(j, ftb_run_count(r, config), aggregates[agg], s.n);
	times(j, pick(&s, agg));
	ftb_row_config(j, r, config, -1);
	/* An empty aggregate always says why (never a silent null). */
	if (ftb_run_no_result(r, config, why, sizeof(why))) {
		ftb_json_key(j, "no_result");
		ftb_json_str(j, why);
	}
	for (int c = 0; c < r->ncols && !ret; c++) {
		ret = column_summary(r, config, c, &s);
		ftb_json_key(j, r->col[c].name);
		ftb_json_num(j, pick(&s, agg));
	}
	if (!ret && agg == 0)
		ret = overhead_row_fields(j, r, config);
	ftb_json_end(j, '}');
	return ret;
}

static int config_rows(struct ftb_json *j, const struct ftb_run *r, int config)
{
	int any = 0, ret = 0;

	if (r->error[config]) {
		error_row(j, r, config);
		return 0;
	}
	for (int rep = 0; rep < r->reps; rep++) {
		if (!first_sample(r, config, rep))
			continue;
		iteration_row(j, r, config, rep);
		any = 1;
	}
	for (int agg = 0; any && agg < 3 && !ret; agg++)
		ret = aggregate_row(j, r, config, agg);
	return ret;
}

int ftb_results_write(FILE *f, const void *arg)
{
	const struct ftb_run *r = arg;
	struct ftb_json j;
	int ret = 0;

	ftb_json_init(&j, f);
	ftb_json_begin(&j, '{');
	context(&j, r);
	ftb_json_key(&j, "benchmarks");
	ftb_json_begin(&j, '[');
	for (int c = 0; c < r->nconfigs && !ret; c++)
		ret = config_rows(&j, r, c);
	if (!ret)
		ret = ftb_results_fits(&j, r);
	ftb_json_end(&j, ']');
	ftb_json_end(&j, '}');
	return ret ? ret : ferror(f) ? -EIO : 0;
}
