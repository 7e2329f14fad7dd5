// SPDX-License-Identifier: GPL-2.0
/* ftbench run: the study (runner.c), and the scenario half of ftbench list. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench/cli.h"
#include "bench/commands.h"
#include "bench/study.h"

static void check_names(const char *opt, const char *list,
			int (*known)(const char *))
{
	char buf[1024], *save = NULL;

	if (!list)
		return;
	if (!*list || strlen(list) >= sizeof(buf))
		ftb_die_usage("%s: empty or too long", opt);
	strcpy(buf, list);
	for (char *t = strtok_r(buf, ",", &save); t;
	     t = strtok_r(NULL, ",", &save))
		if (!known(t))
			ftb_die_usage(
				"%s: unknown name '%s' (see ftbench list)", opt,
				t);
}

static int known_scenario(const char *n)
{
	return !!ftb_scenario_find(n);
}

static int known_variant(const char *n)
{
	return !!ftb_variant_find(n);
}

static enum ftb_pmu_mode parse_pmu(const char *s)
{
	static const char *const names[] = { "auto", "pmu", "time", "emu" };

	for (int i = 0; i < 4; i++)
		if (!strcmp(s, names[i]))
			return (enum ftb_pmu_mode)i;
	ftb_die_usage("--pmu: '%s' is not auto, pmu, time or emu", s);
}

static void join_args(int argc, char **argv, char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (int i = 0; i < argc && used + 1 < len; i++)
		used += (size_t)snprintf(buf + used, len - used, "%s%s",
					 i ? " " : "", argv[i]);
}

/* A run to resume must exist and be of this format version. */
static void check_resume(const char *dir)
{
	int version = 0;

	if (ftb_run_dir_version(dir, &version))
		ftb_die_usage("--resume %s: no ftbench run there (meta.json)",
			      dir);
	if (version != FTB_FORMAT_VERSION)
		ftb_die_usage("--resume %s: format version %d, this ftbench "
			      "writes %d",
			      dir, version, FTB_FORMAT_VERSION);
}

static void parse_one(struct ftb_run_opts *o, int argc, char **argv, int *i)
{
	const char *a = argv[*i];

	if (ftb_opt_is(a, "--scenarios"))
		o->scenarios = ftb_opt_value(argc, argv, i);
	else if (ftb_opt_is(a, "--variants"))
		o->variants = ftb_opt_value(argc, argv, i);
	else if (ftb_opt_is(a, "--out"))
		o->out = ftb_opt_value(argc, argv, i);
	else if (ftb_opt_is(a, "--resume"))
		o->resume = ftb_opt_value(argc, argv, i);
	else if (ftb_opt_is(a, "--events"))
		o->events = ftb_opt_value(argc, argv, i);
	else if (ftb_opt_is(a, "--pmu"))
		o->pmu = parse_pmu(ftb_opt_value(argc, argv, i));
	else if (ftb_opt_is(a, "--cpu"))
		o->cpu = (int)ftb_parse_u64(a, ftb_opt_value(argc, argv, i), 0,
					    4095);
	else if (ftb_opt_is(a, "--reps"))
		o->repetitions = (int)ftb_parse_u64(
			a, ftb_opt_value(argc, argv, i), 1, 10000);
	else if (ftb_opt_is(a, "--calls"))
		o->calls = ftb_parse_u64(a, ftb_opt_value(argc, argv, i), 1,
					 1000000000);
	else if (ftb_opt_is(a, "--seed"))
		o->seed = ftb_parse_u64(a, ftb_opt_value(argc, argv, i), 0,
					UINT64_MAX);
	else if (ftb_opt_is(a, "--funcs"))
		o->study.funcs = ftb_parse_u64(a, ftb_opt_value(argc, argv, i),
					       4, 1u << 20);
	else if (!strcmp(a, "--quick"))
		o->study.quick = 1;
	else if (!strcmp(a, "--no-isolate"))
		o->isolate = 0;
	else if (!strcmp(a, "--quiet"))
		o->quiet = 1;
	else
		ftb_die_usage("run: unknown option '%s' (see ftbench help)", a);
}

int ftb_cmd_run(int argc, char **argv)
{
	static char cmdline[4096];
	struct ftb_run_opts o = { .pmu = FTB_PMU_AUTO,
				  .cpu = -1,
				  .repetitions = 0,
				  .seed = 1,
				  .isolate = 1,
				  .study = { .funcs = FTB_DEFAULT_FUNCS } };

	for (int i = 1; i < argc; i++)
		parse_one(&o, argc, argv, &i);
	check_names("--scenarios", o.scenarios, known_scenario);
	check_names("--variants", o.variants, known_variant);
	if (o.study.funcs > ftb_corpus_params.funcs)
		ftb_die_usage("--funcs %zu: the corpus was built with %lu "
			      "functions (make CORPUS_FUNCS=N)",
			      o.study.funcs, ftb_corpus_params.funcs);
	if (o.resume)
		check_resume(o.resume);
	if (!o.repetitions)
		o.repetitions = o.study.quick ? 3 : 10;
	join_args(argc + 1, argv - 1, cmdline, sizeof(cmdline));
	o.command_line = cmdline;
	return ftb_study_run(&o);
}

int ftb_cmd_scenarios(void)
{
	printf("scenarios:\n");
	for (int i = 0; ftb_scenarios[i]; i++) {
		const struct ftb_scenario *sc = ftb_scenarios[i];

		printf("  %-11s", sc->name);
		for (int k = 0; k < sc->nparams; k++)
			printf("%s%s", k ? "," : " ", sc->param[k]);
		printf(" = %s\n      %s\n", sc->values, sc->question);
	}
	return 0;
}
