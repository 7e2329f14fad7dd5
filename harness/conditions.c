// SPDX-License-Identifier: GPL-2.0
/*
 * Conditions a run could not measure under, named in meta.json
 * ("conditions") for the reader and the report, on boards as in a VM:
 *   unimplemented-event  the core PMU does not list an event (implemented.c)
 *   unpinned             measured unpinned with more than one CPU online
 *   zero-counter         a counter that must count (cycles, instructions)
 *                        read 0 in every sample of a configuration
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "harness/internal.h"

void ftb_meta_condition(struct ftb_meta *m, const char *kind, const char *fmt,
			...)
{
	struct ftb_condition *c;
	va_list ap;

	if (m->nconditions == FTB_MAX_CONDITIONS)
		return;
	c = &m->conditions[m->nconditions++];
	snprintf(c->kind, sizeof(c->kind), "%s", kind);
	va_start(ap, fmt);
	vsnprintf(c->detail, sizeof(c->detail), fmt, ap);
	va_end(ap);
}

int ftb_counter_must_count(const char *name)
{
	static const char *const names[] = {
		"CPU_CYCLES", "INST_RETIRED", "cycles",
		"cpu-cycles", "instructions", "r11",
		"r8",	      "r08",	      "INST_SPEC",
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcasecmp(name, names[i]))
			return 1;
	return 0;
}

int ftb_zero_watch_init(struct ftb_zero_watch *w, int nconfigs, int npasses)
{
	size_t n = (size_t)nconfigs * (size_t)npasses * FTB_MAX_COUNTERS;

	w->nconfigs = nconfigs;
	w->npasses = npasses;
	w->seen = calloc(n ? n : 1, 1);
	w->nonzero = calloc(n ? n : 1, 1);
	if (!w->seen || !w->nonzero) {
		ftb_zero_watch_free(w);
		return -1;
	}
	return 0;
}

static size_t slot_of(const struct ftb_zero_watch *w, int config, int pass,
		      int counter)
{
	return ((size_t)config * (size_t)w->npasses + (size_t)pass) *
		       FTB_MAX_COUNTERS +
	       (size_t)counter;
}

void ftb_zero_watch_sample(struct ftb_zero_watch *w, int config, int pass,
			   const struct ftb_sample *s)
{
	if (!w->seen || config < 0 || config >= w->nconfigs || pass < 0 ||
	    pass >= w->npasses)
		return;
	for (int k = 0; k < s->ncounters && k < FTB_MAX_COUNTERS; k++) {
		size_t i = slot_of(w, config, pass, k);

		w->seen[i] = 1;
		if (s->value[k] != 0)
			w->nonzero[i] = 1;
	}
}

int ftb_zero_watch_report(const struct ftb_zero_watch *w,
			  const struct ftb_backend *const *pass,
			  const char *const *config_name, struct ftb_meta *m,
			  FILE *log)
{
	int flagged = 0;

	if (!w->seen)
		return 0;
	for (int p = 0; p < w->npasses; p++) {
		for (int k = 0; k < pass[p]->ncounters; k++) {
			const char *name = pass[p]->counter_name[k];
			int zero = 0, seen = 0, first = -1;

			if (!ftb_counter_must_count(name))
				continue;
			for (int c = 0; c < w->nconfigs; c++) {
				size_t i = slot_of(w, c, p, k);

				seen += w->seen[i];
				if (w->seen[i] && !w->nonzero[i]) {
					zero++;
					if (first < 0)
						first = c;
				}
			}
			if (!zero)
				continue;
			flagged++;
			ftb_meta_condition(
				m, "zero-counter",
				"%s read 0 in every sample of %d of %d "
				"configurations (first: %s): it did not count "
				"here (not implemented, or not counting in "
				"this VM); its zeros are not measurements",
				name, zero, seen, config_name[first]);
			fprintf(log, "ftbench: %s\n",
				m->conditions[m->nconditions - 1].detail);
		}
	}
	return flagged;
}

void ftb_zero_watch_free(struct ftb_zero_watch *w)
{
	free(w->seen);
	free(w->nonzero);
	w->seen = w->nonzero = NULL;
}
