// SPDX-License-Identifier: GPL-2.0
/* ftbench verify and ftbench list. */
#include <stdio.h>
#include <string.h>

#include "bench/cli.h"
#include "bench/commands.h"
#include "bench/stress.h"
#include "bench/verify.h"

int ftb_cmd_list(int argc, char **argv)
{
	(void)argc, (void)argv;
	printf("variants:\n");
	for (int i = 0; ftb_variants[i]; i++)
		printf("  %-13s %-8s %s\n", ftb_variants[i]->name,
		       ftb_layout_name(ftb_variants[i]->layout),
		       ftb_variants[i]->summary);
	return ftb_cmd_scenarios();
}

int ftb_cmd_info(void)
{
	printf("arch %s\ncorpus funcs=%lu seed=%lu body=%lu\n", FTB_ARCH_NAME,
	       ftb_corpus_params.funcs, ftb_corpus_params.seed,
	       ftb_corpus_params.body);
	for (int l = 0; l < FTB_LAYOUT_NR; l++) {
		const struct ftb_corpus_desc *d = ftb_corpus_desc(l);

		printf("layout %-8s %zu functions, %zu bytes of text, %s\n",
		       d->layout, d->nr, (size_t)(d->text_end - d->text_start),
		       d->cflags);
	}
	return 0;
}

int ftb_cmd_verify(int argc, char **argv)
{
	struct ftb_verify_opts o = { .funcs = FTB_DEFAULT_FUNCS,
				     .nops = 8,
				     .seed = 1 };
	const char *variant = "all";
	int failed = 0, ran = 0;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strncmp(a, "--variant", 9))
			variant = ftb_opt_value(argc, argv, &i);
		else if (!strncmp(a, "--funcs", 7))
			o.funcs = ftb_parse_u64("--funcs",
						ftb_opt_value(argc, argv, &i),
						1, 1u << 20);
		else if (!strncmp(a, "--ops", 5))
			o.nops = ftb_parse_u64("--ops",
					       ftb_opt_value(argc, argv, &i), 1,
					       1024);
		else if (!strncmp(a, "--seed", 6))
			o.seed = ftb_parse_u64("--seed",
					       ftb_opt_value(argc, argv, &i), 0,
					       UINT64_MAX);
		else
			ftb_die_usage("verify: unknown option '%s'", a);
	}
	if (o.funcs > ftb_corpus_params.funcs)
		ftb_die_usage("--funcs %zu: the corpus was built with %lu "
			      "functions (make CORPUS_FUNCS=N)",
			      o.funcs, ftb_corpus_params.funcs);
	if (o.nops > o.funcs)
		ftb_die_usage("--ops %zu: more ops than functions (%zu)",
			      o.nops, o.funcs);
	if (strcmp(variant, "all") != 0 && !ftb_variant_find(variant))
		ftb_die_usage("--variant: unknown variant '%s' (see ftbench "
			      "list)",
			      variant);
	for (int i = 0; ftb_variants[i]; i++) {
		if (strcmp(variant, "all") != 0 &&
		    strcmp(variant, ftb_variants[i]->name) != 0)
			continue;
		ran++;
		if (ftb_verify(ftb_variants[i], &o))
			failed++;
	}
	printf("verify: %d of %d variants OK\n", ran - failed, ran);
	return failed ? 1 : 0;
}

int ftb_cmd_stress(int argc, char **argv)
{
	struct ftb_stress_opts o = { .seconds = 2, .threads = 2, .seed = 1 };
	const char *variant = "all";
	int failed = 0, ran = 0;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strncmp(a, "--variant", 9))
			variant = ftb_opt_value(argc, argv, &i);
		else if (!strncmp(a, "--seconds", 9))
			o.seconds = (double)ftb_parse_u64(
				"--seconds", ftb_opt_value(argc, argv, &i), 1,
				3600);
		else if (!strncmp(a, "--threads", 9))
			o.threads = (int)ftb_parse_u64(
				"--threads", ftb_opt_value(argc, argv, &i), 1,
				64);
		else if (!strncmp(a, "--seed", 6))
			o.seed = ftb_parse_u64("--seed",
					       ftb_opt_value(argc, argv, &i), 0,
					       UINT64_MAX);
		else
			ftb_die_usage("stress: unknown option '%s'", a);
	}
	if (strcmp(variant, "all") != 0 && !ftb_variant_find(variant))
		ftb_die_usage("--variant: unknown variant '%s' (see ftbench "
			      "list)",
			      variant);
	for (int i = 0; ftb_variants[i]; i++) {
		const struct ftb_variant *v = ftb_variants[i];

		if (strcmp(variant, "all") != 0
			    ? strcmp(variant, v->name) != 0
			    : v->init == ftb_variant_none.init)
			continue;
		ran++;
		failed += !!ftb_stress(v, &o);
	}
	printf("stress: %d of %d variants OK\n", ran - failed, ran);
	return failed ? 1 : 0;
}
