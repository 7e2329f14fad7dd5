// SPDX-License-Identifier: GPL-2.0
/* ftbench verify and ftbench list. */
#include <stdio.h>
#include <string.h>

#include "asm/site.h"
#include "bench/cli.h"
#include "bench/commands.h"
#include "bench/stress.h"
#include "bench/verify.h"

int ftb_cmd_list(void)
{
	const struct ftb_variant *v;

	printf("variants:\n");
	for (int i = 0; (v = ftb_variant_at(i)); i++)
		printf("  %-13s %-11s %s%s\n", v->name,
		       ftb_layout_name(v->layout), v->summary,
		       v->design ? " [range]" : "");
	return ftb_cmd_scenarios();
}

/* A BTI layout runs guarded only where the CPU has BTI (docs/variants.md). */
static const char *guard_note(enum ftb_layout l,
			      const struct ftb_corpus_desc *d)
{
	if (!strstr(d->cflags, "branch-protection"))
		return "";
	return arch_layout_prot(l) ? " (pages guarded, PROT_BTI)"
				   : " (no BTI on this CPU: pages unguarded)";
}

int ftb_cmd_info(void)
{
	printf("arch %s\ncorpus funcs=%lu seed=%lu body=%lu templates=%lu\n",
	       FTB_ARCH_NAME, ftb_corpus_params.funcs, ftb_corpus_params.seed,
	       ftb_corpus_params.body, ftb_corpus_params.templates);
	for (int l = 0; l < FTB_LAYOUT_NR; l++) {
		const struct ftb_corpus_desc *d = ftb_corpus_desc(l);

		if (!d)
			continue;
		printf("layout %-11s %zu functions, %zu bytes of text, %s%s\n",
		       d->layout, d->nr, (size_t)(d->text_end - d->text_start),
		       d->cflags, guard_note((enum ftb_layout)l, d));
	}
	return 0;
}

/*
 * Run one check on the variant named, or on every variant ("all"; the
 * untraced baselines only when they make sense for the check).
 */
static int run_selected(const char *cmd, const char *variant, int baselines,
			int (*check)(const struct ftb_variant *, const void *),
			const void *arg)
{
	int all = !strcmp(variant, "all"), failed = 0, ran = 0;

	if (!all && !ftb_variant_find(variant))
		ftb_die_usage("--variant: unknown variant '%s' (see ftbench "
			      "list)",
			      variant);
	const struct ftb_variant *v;

	for (int i = 0; (v = ftb_variant_at(i)); i++) {
		if (all ? !baselines && v->init == ftb_variant_none.init
			: strcmp(variant, v->name) != 0)
			continue;
		ran++;
		failed += !!check(v, arg);
	}
	printf("%s: %d of %d variants OK\n", cmd, ran - failed, ran);
	return failed ? 1 : 0;
}

static int verify_one(const struct ftb_variant *v, const void *o)
{
	return ftb_verify(v, o);
}

static int stress_one(const struct ftb_variant *v, const void *o)
{
	return ftb_stress(v, o);
}

int ftb_cmd_verify(int argc, char **argv)
{
	struct ftb_verify_opts o = { .funcs = FTB_DEFAULT_FUNCS,
				     .nops = 8,
				     .seed = 1 };
	const char *variant = "all";

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (ftb_opt_is(a, "--variant"))
			variant = ftb_opt_value(argc, argv, &i);
		else if (ftb_opt_is(a, "--funcs"))
			o.funcs = ftb_parse_u64(
				a, ftb_opt_value(argc, argv, &i), 1, 1u << 20);
		else if (ftb_opt_is(a, "--ops"))
			o.nops = ftb_parse_u64(a, ftb_opt_value(argc, argv, &i),
					       1, 1024);
		else if (ftb_opt_is(a, "--seed"))
			o.seed = ftb_parse_u64(a, ftb_opt_value(argc, argv, &i),
					       0, UINT64_MAX);
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
	return run_selected("verify", variant, 1, verify_one, &o);
}

int ftb_cmd_stress(int argc, char **argv)
{
	struct ftb_stress_opts o = { .seconds = 2, .threads = 2, .seed = 1 };
	const char *variant = "all";

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (ftb_opt_is(a, "--variant"))
			variant = ftb_opt_value(argc, argv, &i);
		else if (ftb_opt_is(a, "--seconds"))
			o.seconds = (double)ftb_parse_u64(
				a, ftb_opt_value(argc, argv, &i), 1, 3600);
		else if (ftb_opt_is(a, "--threads"))
			o.threads = (int)ftb_parse_u64(
				a, ftb_opt_value(argc, argv, &i), 1, 64);
		else if (ftb_opt_is(a, "--seed"))
			o.seed = ftb_parse_u64(a, ftb_opt_value(argc, argv, &i),
					       0, UINT64_MAX);
		else
			ftb_die_usage("stress: unknown option '%s'", a);
	}
	return run_selected("stress", variant, 0, stress_one, &o);
}
