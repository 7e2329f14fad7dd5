// SPDX-License-Identifier: GPL-2.0
/*
 * ftbench run's option parser (bench/run_opts.c) and the --events parser
 * and resolver (harness/events.c) fed any command line: the input's
 * NUL-separated words are argv after "run". Accepted options must record
 * to a text that merges back to the same text; a refusal is one line.
 * (--resume's directory is not read: the reader is meta_json's target.)
 */
#include <string.h>

#include "bench/cli.h"
#include "bench/run_opts.h"
#include "harness/internal.h"
#include "tests/fuzz/fuzz.h"
#include "tests/fuzz/options_check.h"

#define MAX_ARGS 24

static void events(const char *spec)
{
	static struct ftb_event_group g[FTB_MAX_PASSES];
	char err[512];
	int ng = -1;

	if (ftb_events_parse(spec, g, FTB_MAX_PASSES, &ng, err, sizeof(err)))
		return;
	FUZZ_ASSERT(ng >= 1 && ng <= FTB_MAX_PASSES, "%d groups", ng);
	for (int i = 0; i < ng; i++) {
		FUZZ_ASSERT(g[i].n >= 1 && g[i].n <= FTB_MAX_COUNTERS,
			    "group of %d", g[i].n);
		for (int k = 0; k < g[i].n; k++) {
			FUZZ_ASSERT(g[i].ev[k].name[0] &&
					    memchr(g[i].ev[k].name, 0,
						   sizeof(g[i].ev[k].name)),
				    "bad event name");
			ftb_event_resolve(&g[i].ev[k], err, sizeof(err));
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy = malloc(size + 1), *argv[MAX_ARGS + 1], err[1024];
	struct ftb_run_opts o;
	int argc = 1;

	if (!copy)
		return 0;
	memcpy(copy, data, size);
	copy[size] = '\0';
	argv[0] = "run";
	for (size_t i = 0; i < size && argc < MAX_ARGS;) {
		argv[argc++] = copy + i;
		i += strlen(copy + i) + 1;
	}
	argv[argc] = NULL;
	if (ftb_run_opts_parse(&o, argc, argv, err, sizeof(err)) ||
	    ftb_run_opts_finish(&o, err, sizeof(err))) {
		/* As ftb_die_usage prints it: one line. */
		ftb_one_line(err);
		FUZZ_ASSERT(err[0] && !strchr(err, '\n'), "bad refusal: %s",
			    err);
		free(copy);
		return 0;
	}
	events(o.events);
	fuzz_record_round_trip(&o);
	free(copy);
	return 0;
}
