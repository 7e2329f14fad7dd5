// SPDX-License-Identifier: GPL-2.0
/* ftbench run: the study (runner.c), and the scenario half of ftbench list. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench/cli.h"
#include "bench/commands.h"
#include "bench/run_opts.h"
#include "bench/study.h"

/* The command line as a shell would take it back: odd words quoted. */
static void join_args(int argc, char **argv, char *buf, size_t len)
{
	static const char plain[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN"
				    "OPQRSTUVWXYZ0123456789_./=,:+-@%";
	FILE *f = fmemopen(buf, len, "w");

	buf[0] = '\0';
	if (!f)
		return;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];

		if (i)
			fputc(' ', f);
		if (*a && strspn(a, plain) == strlen(a)) {
			fputs(a, f);
			continue;
		}
		fputc('\'', f);
		for (; *a; a++)
			if (*a == '\'')
				fputs("'\\''", f);
			else
				fputc(*a, f);
		fputc('\'', f);
	}
	fclose(f);
	buf[len - 1] = '\0';
}

int ftb_cmd_run(int argc, char **argv)
{
	static char cmdline[4096];
	struct ftb_run_opts o;
	char err[1024];

	if (ftb_run_opts_parse(&o, argc, argv, err, sizeof(err)) ||
	    (o.resume && ftb_run_opts_resume(&o, err, sizeof(err))) ||
	    ftb_run_opts_finish(&o, err, sizeof(err)))
		ftb_die_usage("%s", err);
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
