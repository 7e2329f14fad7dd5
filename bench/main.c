// SPDX-License-Identifier: GPL-2.0
/*
 * ftbench: what does it cost to trace a function, and why.
 *
 *   ftbench list                       variants (and scenarios)
 *   ftbench verify [options]           the oracle (bench/verify.c)
 *   ftbench run [options]              the study (bench/runner.c)
 *   ftbench help
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench/cli.h"
#include "bench/commands.h"

static void usage(FILE *f)
{
	fprintf(f,
		"usage: ftbench COMMAND [options]\n"
		"  list                      variants and scenarios\n"
		"  info                      the corpus this binary was built "
		"with\n"
		"  verify [--variant NAME|all] [--funcs N] [--ops K] [--seed "
		"S]\n"
		"                            prove each variant calls exactly "
		"the\n"
		"                            right callbacks and patches the "
		"right\n"
		"                            bytes\n"
		"  stress [--variant NAME|all] [--seconds S] [--threads T]\n"
		"                            patch while threads call; check\n"
		"  run [options]             the study (docs/scenarios.md)\n"
		"      --scenarios A,B  --variants A,B  --quick  --reps R\n"
		"      --calls M  --funcs N  --cpu N  --pmu auto|pmu|time|emu\n"
		"      --events GROUPS  --out DIR  --resume DIR  --seed S\n"
		"      --no-isolate  --quiet\n"
		"      --resume DIR continues DIR with its recorded options\n"
		"  kernel --module FILE [--out DIR] [--calls K]\n"
		"                            the ftrace-ops matrix in the "
		"running\n"
		"                            kernel (kmod/, docs/kernel.md)\n"
		"  help                      this text\n");
}

/* help, info and list take no arguments: anything after them is a typo. */
static void no_arguments(int argc, char **argv)
{
	if (argc > 2)
		ftb_die_usage("%s: unexpected argument '%s' (see ftbench help)",
			      argv[1], argv[2]);
}

int main(int argc, char **argv)
{
	if (getuid() != geteuid() || getgid() != getegid())
		ftb_die_usage("refusing to run setuid or setgid");
	if (argc < 2)
		ftb_die_usage("no command (see ftbench help)");
	if (!strcmp(argv[1], "help") || !strcmp(argv[1], "--help")) {
		no_arguments(argc, argv);
		usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "info")) {
		no_arguments(argc, argv);
		return ftb_cmd_info();
	}
	if (!strcmp(argv[1], "list")) {
		no_arguments(argc, argv);
		return ftb_cmd_list();
	}
	if (!strcmp(argv[1], "verify"))
		return ftb_cmd_verify(argc - 1, argv + 1);
	if (!strcmp(argv[1], "stress"))
		return ftb_cmd_stress(argc - 1, argv + 1);
	if (!strcmp(argv[1], "run"))
		return ftb_cmd_run(argc - 1, argv + 1);
	if (!strcmp(argv[1], "kernel"))
		return ftb_cmd_kernel(argc - 1, argv + 1);
	ftb_die_usage("unknown command '%s' (see ftbench help)", argv[1]);
}
