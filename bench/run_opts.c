// SPDX-License-Identifier: GPL-2.0
/*
 * ftbench run's options (run_opts.h). One table says, for each option, how
 * it is parsed and how it is written in meta.json's "options": the same
 * setter takes the command line's text and the recorded text, and the same
 * printer gives the canonical text that is recorded and compared, so that
 * `--scenarios b,a` agrees with a run recorded as "a,b".
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>

#include "bench/cli.h"
#include "bench/run_opts.h"

#define LIST_MAX 1024 /* = sizeof(struct ftb_run_record).text[0] */

struct source {
	const char
		*what; /* "--reps", or "DIR/meta.json: options.repetitions" */
	int recorded;
	char *err;
	size_t errlen;
};

struct option {
	const char *name; /* on the command line */
	const char *key;  /* in meta.json "options"; NULL: not a run option */
	int flag;	  /* takes no value */
	int (*set)(struct ftb_run_opts *o, const char *v,
		   const struct source *src);
	void (*show)(const struct ftb_run_opts *o, char *buf, size_t len);
};

/* "WHAT: message" in err; returns -1. */
static int fail(const struct source *src, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int fail(const struct source *src, const char *fmt, ...)
{
	int n = snprintf(src->err, src->errlen, "%s: ", src->what);
	va_list ap;

	if (n < 0 || (size_t)n >= src->errlen)
		return -1;
	va_start(ap, fmt);
	vsnprintf(src->err + n, src->errlen - (size_t)n, fmt, ap);
	va_end(ap);
	return -1;
}

/* ---- Names: scenarios and variants ---- */

static const char *scenario_at(int i)
{
	return ftb_scenarios[i] ? ftb_scenarios[i]->name : NULL;
}

static const char *variant_at(int i)
{
	const struct ftb_variant *v = ftb_variant_at(i);

	return v ? v->name : NULL;
}

int ftb_name_listed(const char *list, const char *name)
{
	size_t n = strlen(name);

	if (!list)
		return 1;
	for (const char *p = list; (p = strstr(p, name)); p += n)
		if ((p == list || p[-1] == ',') && (!p[n] || p[n] == ','))
			return 1;
	return 0;
}

static int known(const char *(*at)(int), const char *name, size_t len)
{
	const char *k;

	for (int i = 0; (k = at(i)); i++)
		if (strlen(k) == len && !strncmp(k, name, len))
			return 1;
	return 0;
}

/* A comma list of known names, each once, none empty. */
static int check_list(const char *list, const char *(*at)(int),
		      const struct source *src)
{
	char item[128];

	if (!*list)
		return fail(src, "empty list");
	if (strlen(list) >= LIST_MAX)
		return fail(src, "list too long");
	for (const char *p = list;; p++) {
		const char *end = strchr(p, ',');
		size_t n = end ? (size_t)(end - p) : strlen(p);

		snprintf(item, sizeof(item), "%.*s", (int)n, p);
		if (!n)
			return fail(src, "empty name in '%s'", list);
		if (!known(at, p, n))
			return fail(src, "unknown name '%s' (see ftbench list)",
				    item);
		for (const char *q = list; q < p;) {
			const char *qe = strchr(q, ',');

			if ((size_t)(qe - q) == n && !strncmp(q, p, n))
				return fail(src, "'%s' given twice", item);
			q = qe + 1;
		}
		if (!end)
			return 0;
		p = end;
	}
}

/* The names of the list in the order the study runs them. */
static void show_list(const char *list, const char *(*at)(int), char *buf,
		      size_t len)
{
	size_t used = 0;
	const char *k;

	buf[0] = '\0';
	for (int i = 0; (k = at(i)) && used < len; i++)
		if (ftb_name_listed(list, k))
			used += (size_t)snprintf(buf + used, len - used, "%s%s",
						 used ? "," : "", k);
}

static int set_scenarios(struct ftb_run_opts *o, const char *v,
			 const struct source *src)
{
	o->scenarios = v;
	return check_list(v, scenario_at, src);
}

static void show_scenarios(const struct ftb_run_opts *o, char *buf, size_t len)
{
	show_list(o->scenarios, scenario_at, buf, len);
}

static int set_variants(struct ftb_run_opts *o, const char *v,
			const struct source *src)
{
	o->variants = v;
	return check_list(v, variant_at, src);
}

static void show_variants(const struct ftb_run_opts *o, char *buf, size_t len)
{
	show_list(o->variants, variant_at, buf, len);
}

/* ---- Numbers, words, flags ---- */

static int number(const char *v, uint64_t min, uint64_t max, uint64_t *out,
		  const struct source *src)
{
	return ftb_parse_u64_err(src->what, v, min, max, out, src->err,
				 src->errlen);
}

static int set_reps(struct ftb_run_opts *o, const char *v,
		    const struct source *src)
{
	uint64_t n;

	if (number(v, 1, 10000, &n, src))
		return -1;
	o->repetitions = (int)n;
	return 0;
}

static void show_reps(const struct ftb_run_opts *o, char *buf, size_t len)
{
	snprintf(buf, len, "%d", o->repetitions);
}

/* Recorded 0: each scenario's own M. */
static int set_calls(struct ftb_run_opts *o, const char *v,
		     const struct source *src)
{
	return number(v, src->recorded ? 0 : 1, 1000000000, &o->calls, src);
}

static void show_calls(const struct ftb_run_opts *o, char *buf, size_t len)
{
	snprintf(buf, len, "%llu", (unsigned long long)o->calls);
}

static int set_funcs(struct ftb_run_opts *o, const char *v,
		     const struct source *src)
{
	uint64_t n;

	if (number(v, 4, 1u << 20, &n, src))
		return -1;
	o->study.funcs = (size_t)n;
	return 0;
}

static void show_funcs(const struct ftb_run_opts *o, char *buf, size_t len)
{
	snprintf(buf, len, "%zu", o->study.funcs);
}

/* Recorded -1: not pinned. */
static int set_cpu(struct ftb_run_opts *o, const char *v,
		   const struct source *src)
{
	uint64_t n;

	if (src->recorded && !strcmp(v, "-1")) {
		o->cpu = -1;
		return 0;
	}
	if (number(v, 0, 4095, &n, src))
		return -1;
	o->cpu = (int)n;
	return 0;
}

static void show_cpu(const struct ftb_run_opts *o, char *buf, size_t len)
{
	snprintf(buf, len, "%d", o->cpu);
}

static int set_seed(struct ftb_run_opts *o, const char *v,
		    const struct source *src)
{
	return number(v, 0, UINT64_MAX, &o->seed, src);
}

static void show_seed(const struct ftb_run_opts *o, char *buf, size_t len)
{
	snprintf(buf, len, "%llu", (unsigned long long)o->seed);
}

static const char *const pmu_names[] = { "auto", "pmu", "time", "emu" };

static int set_pmu(struct ftb_run_opts *o, const char *v,
		   const struct source *src)
{
	for (int i = 0; i < 4; i++)
		if (!strcmp(v, pmu_names[i])) {
			o->pmu = (enum ftb_pmu_mode)i;
			return 0;
		}
	return fail(src, "'%s' is not auto, pmu, time or emu", v);
}

static void show_pmu(const struct ftb_run_opts *o, char *buf, size_t len)
{
	snprintf(buf, len, "%s", pmu_names[o->pmu]);
}

/* The harness parses the groups; here only what is recorded: "" = default. */
static int set_events(struct ftb_run_opts *o, const char *v,
		      const struct source *src)
{
	if (strlen(v) >= LIST_MAX)
		return fail(src, "too long");
	o->events = v;
	return 0;
}

static void show_events(const struct ftb_run_opts *o, char *buf, size_t len)
{
	snprintf(buf, len, "%s",
		 o->events && *o->events ? o->events : "default");
}

/* A flag: given (v NULL), or recorded as 0 or 1. */
static int flag_value(const char *v, int given, int *out,
		      const struct source *src)
{
	if (!v) {
		*out = given;
		return 0;
	}
	if (strcmp(v, "0") != 0 && strcmp(v, "1") != 0)
		return fail(src, "'%s' is not 0 or 1", v);
	*out = v[0] == '1';
	return 0;
}

static int set_quick(struct ftb_run_opts *o, const char *v,
		     const struct source *src)
{
	return flag_value(v, 1, &o->study.quick, src);
}

static void show_quick(const struct ftb_run_opts *o, char *buf, size_t len)
{
	snprintf(buf, len, "%d", o->study.quick);
}

/* Recorded as "isolate": --no-isolate gives 0. */
static int set_isolate(struct ftb_run_opts *o, const char *v,
		       const struct source *src)
{
	return flag_value(v, 0, &o->isolate, src);
}

static void show_isolate(const struct ftb_run_opts *o, char *buf, size_t len)
{
	snprintf(buf, len, "%d", o->isolate);
}

/* A directory name: never empty. */
static int dir_name(const char *v, const char **out, const struct source *src)
{
	if (!*v)
		return fail(src, "empty directory name");
	*out = v;
	return 0;
}

static int set_out(struct ftb_run_opts *o, const char *v,
		   const struct source *src)
{
	return dir_name(v, &o->out, src);
}

static int set_resume(struct ftb_run_opts *o, const char *v,
		      const struct source *src)
{
	return dir_name(v, &o->resume, src);
}

static int set_quiet(struct ftb_run_opts *o, const char *v,
		     const struct source *src)
{
	(void)v, (void)src;
	o->quiet = 1;
	return 0;
}

static const struct option options[] = {
	{ "--scenarios", "scenarios", 0, set_scenarios, show_scenarios },
	{ "--variants", "variants", 0, set_variants, show_variants },
	{ "--reps", "repetitions", 0, set_reps, show_reps },
	{ "--calls", "calls", 0, set_calls, show_calls },
	{ "--quick", "quick", 1, set_quick, show_quick },
	{ "--funcs", "funcs", 0, set_funcs, show_funcs },
	{ "--cpu", "cpu", 0, set_cpu, show_cpu },
	{ "--pmu", "pmu", 0, set_pmu, show_pmu },
	{ "--events", "events", 0, set_events, show_events },
	{ "--seed", "seed", 0, set_seed, show_seed },
	{ "--no-isolate", "isolate", 1, set_isolate, show_isolate },
	{ "--out", NULL, 0, set_out, NULL },
	{ "--resume", NULL, 0, set_resume, NULL },
	{ "--quiet", NULL, 1, set_quiet, NULL },
};

#define NOPTIONS (int)(sizeof(options) / sizeof(options[0]))
_Static_assert(NOPTIONS <= 32, "one bit of ftb_run_opts.given each");

static int option_at(const char *arg)
{
	for (int i = 0; i < NOPTIONS; i++)
		if (options[i].flag ? !strcmp(arg, options[i].name)
				    : ftb_opt_is(arg, options[i].name))
			return i;
	return -1;
}

int ftb_run_opts_parse(struct ftb_run_opts *o, int argc, char **argv, char *err,
		       size_t errlen)
{
	*o = (struct ftb_run_opts){ .pmu = FTB_PMU_AUTO,
				    .cpu = -1,
				    .seed = 1,
				    .isolate = 1,
				    .study = { .funcs = FTB_DEFAULT_FUNCS } };
	for (int i = 1; i < argc; i++) {
		int k = option_at(argv[i]);
		struct source src = { argv[i], 0, err, errlen };
		const char *v = NULL, *eq = strchr(argv[i], '=');

		if (k < 0) {
			snprintf(err, errlen,
				 "run: unknown option '%s' (see ftbench help)",
				 argv[i]);
			return -1;
		}
		src.what = options[k].name;
		if (o->given & (1u << k)) {
			snprintf(err, errlen, "run: %s given twice",
				 options[k].name);
			return -1;
		}
		o->given |= 1u << k;
		if (!options[k].flag) {
			if (!eq && i + 1 >= argc) {
				snprintf(err, errlen, "%s needs a value",
					 options[k].name);
				return -1;
			}
			v = eq ? eq + 1 : argv[++i];
		}
		if (options[k].set(o, v, &src))
			return -1;
	}
	return 0;
}

static const char *recorded_value(const struct ftb_recorded *rec,
				  const char *key)
{
	for (int i = 0; i < rec->noptions; i++)
		if (!strcmp(rec->option[i].key, key))
			return rec->option[i].value;
	return NULL;
}

/* Every recorded option must be one this ftbench knows. */
static int check_recorded_keys(const struct ftb_recorded *rec, const char *what,
			       char *err, size_t errlen)
{
	for (int i = 0; i < rec->noptions; i++) {
		int k;

		for (k = 0; k < NOPTIONS; k++)
			if (options[k].key &&
			    !strcmp(options[k].key, rec->option[i].key))
				break;
		if (k == NOPTIONS) {
			snprintf(err, errlen,
				 "%s: options.%s is not an option of this "
				 "ftbench; fix: resume with the ftbench that "
				 "began the run",
				 what, rec->option[i].key);
			return -1;
		}
	}
	return 0;
}

/* A given option against the recorded one, both in canonical text. */
static int agree(const struct ftb_run_opts *o, int k, const char *value,
		 const struct source *src)
{
	const struct option *opt = &options[k];
	struct ftb_run_opts as_recorded = *o;
	char given[LIST_MAX], recorded[LIST_MAX];

	if (opt->set(&as_recorded, value, src))
		return -1;
	opt->show(o, given, sizeof(given));
	opt->show(&as_recorded, recorded, sizeof(recorded));
	if (!strcmp(given, recorded))
		return 0;
	snprintf(src->err, src->errlen,
		 "--resume %s: %s%s%s differs from the run's %s = %s; a "
		 "resumed run keeps the options it began with",
		 o->resume, opt->name, opt->flag ? "" : " ",
		 opt->flag ? "" : given, opt->key, recorded);
	return -1;
}

int ftb_run_opts_merge(struct ftb_run_opts *o, const struct ftb_recorded *rec,
		       const char *what, char *err, size_t errlen)
{
	char where[512];

	if (check_recorded_keys(rec, what, err, errlen))
		return -1;
	for (int k = 0; k < NOPTIONS; k++) {
		const struct option *opt = &options[k];
		const char *value =
			opt->key ? recorded_value(rec, opt->key) : NULL;
		struct source src = { where, 1, err, errlen };

		if (!opt->key)
			continue;
		snprintf(where, sizeof(where), "%s: options.%s", what,
			 opt->key);
		if (!value) {
			snprintf(err, errlen, "%s is missing", where);
			return -1;
		}
		if (o->given & (1u << k) ? agree(o, k, value, &src)
					 : opt->set(o, value, &src))
			return -1;
	}
	return 0;
}

static int same_dir(const char *a, const char *b)
{
	struct stat sa, sb;

	if (stat(a, &sa) || stat(b, &sb))
		return !strcmp(a, b);
	return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

int ftb_run_opts_resume(struct ftb_run_opts *o, char *err, size_t errlen)
{
	/* Kept for the process's life: the options point into it. */
	static struct ftb_recorded rec;
	char what[PATH_MAX + 16], why[512];
	int version = 0;

	if (o->out && !same_dir(o->out, o->resume)) {
		snprintf(err, errlen,
			 "--out %s: a resumed run stays in its directory %s",
			 o->out, o->resume);
		return -1;
	}
	o->out = NULL;
	if (ftb_run_dir_version(o->resume, &version)) {
		snprintf(err, errlen,
			 "--resume %s: no ftbench run there (meta.json)",
			 o->resume);
		return -1;
	}
	if (version != FTB_FORMAT_VERSION) {
		snprintf(err, errlen,
			 "--resume %s: format version %d, this ftbench "
			 "writes %d",
			 o->resume, version, FTB_FORMAT_VERSION);
		return -1;
	}
	ftb_recorded_free(&rec);
	if (ftb_recorded_read(o->resume, &rec, why, sizeof(why))) {
		snprintf(err, errlen, "--resume: %s", why);
		return -1;
	}
	snprintf(what, sizeof(what), "%s/meta.json", o->resume);
	return ftb_run_opts_merge(o, &rec, what, err, errlen);
}

int ftb_run_opts_finish(struct ftb_run_opts *o, char *err, size_t errlen)
{
	if (o->study.funcs > ftb_corpus_params.funcs) {
		snprintf(err, errlen,
			 "--funcs %zu: the corpus was built with %lu "
			 "functions (make CORPUS_FUNCS=N)",
			 o->study.funcs, ftb_corpus_params.funcs);
		return -1;
	}
	if (!o->repetitions)
		o->repetitions = o->study.quick ? 3 : 10;
	return 0;
}

void ftb_run_opts_record(const struct ftb_run_opts *o,
			 struct ftb_run_record *rec)
{
	rec->n = 0;
	for (int k = 0; k < NOPTIONS && rec->n < FTB_MAX_OPTIONS; k++) {
		if (!options[k].key)
			continue;
		options[k].show(o, rec->text[rec->n], sizeof(rec->text[0]));
		rec->opt[rec->n].key = options[k].key;
		rec->opt[rec->n].value = rec->text[rec->n];
		rec->n++;
	}
}
