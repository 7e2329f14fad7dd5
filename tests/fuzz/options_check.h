/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The property the option targets share: options that were accepted
 * record (ftb_run_opts_record) to a text that --resume merges back into a
 * fresh set of options recording to the very same text.
 */
#ifndef FTB_FUZZ_OPTIONS_CHECK_H
#define FTB_FUZZ_OPTIONS_CHECK_H

#include <string.h>

#include "bench/run_opts.h"
#include "tests/fuzz/fuzz.h"

static inline void fuzz_record_round_trip(const struct ftb_run_opts *o)
{
	static struct ftb_run_record text, again;
	struct ftb_recorded rec = { 0 };
	struct ftb_run_opts o2;
	char err[1024];

	ftb_run_opts_record(o, &text);
	rec.noptions = text.n;
	memcpy(rec.option, text.opt, sizeof(rec.option));
	FUZZ_ASSERT(!ftb_run_opts_parse(&o2, 1, (char *[]){ "run", NULL }, err,
					sizeof(err)),
		    "no options refused: %s", err);
	o2.resume = "fuzz";
	FUZZ_ASSERT(!ftb_run_opts_merge(&o2, &rec, "text", err, sizeof(err)),
		    "its own record refused: %s", err);
	ftb_run_opts_record(&o2, &again);
	for (int i = 0; i < text.n; i++)
		FUZZ_ASSERT(!strcmp(text.text[i], again.text[i]),
			    "option %s: %s, then %s", text.opt[i].key,
			    text.text[i], again.text[i]);
}

#endif
