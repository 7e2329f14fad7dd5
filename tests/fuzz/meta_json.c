// SPDX-License-Identifier: GPL-2.0
/*
 * The resume reader of meta.json (harness/json_read.c, harness/recorded.c)
 * and the merge of its options into ftbench run's (bench/run_opts.c), fed
 * any bytes. What the reader accepts must survive the resumed run's
 * rewrite: written back with one more resume, it reads again with the same
 * options and one more resume. Options that merge must record and merge
 * again to the same text.
 */
#include <string.h>

#include "bench/cli.h"
#include "bench/run_opts.h"
#include "harness/internal.h"
#include "tests/fuzz/fuzz.h"
#include "tests/fuzz/options_check.h"

static void same_options(const struct ftb_recorded *a,
			 const struct ftb_recorded *b)
{
	FUZZ_ASSERT(a->noptions == b->noptions, "%d options, then %d",
		    a->noptions, b->noptions);
	for (int i = 0; i < a->noptions; i++)
		FUZZ_ASSERT(
			!strcmp(a->option[i].key, b->option[i].key) &&
				!strcmp(a->option[i].value, b->option[i].value),
			"option %s=%s, then %s=%s", a->option[i].key,
			a->option[i].value, b->option[i].key,
			b->option[i].value);
}

/* Written back as a resumed run writes it, and read again. */
static void round_trip(const struct ftb_recorded *rec)
{
	static struct ftb_meta now;
	struct ftb_recorded again;
	char *buf = NULL, err[512];
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	int ret;

	if (!f)
		return;
	now.command_line = "ftbench run --resume fuzz";
	ret = ftb_meta_write_resumed(f, rec->tree, &now, NULL);
	fclose(f);
	FUZZ_ASSERT(!ret && buf, "rewrite failed");
	ret = ftb_recorded_parse(buf, len, "again", &again, err, sizeof(err));
	FUZZ_ASSERT(!ret, "rewritten meta.json unreadable: %s\n%s", err, buf);
	same_options(rec, &again);
	FUZZ_ASSERT(again.nresumes == rec->nresumes + 1, "%d resumes, then %d",
		    rec->nresumes, again.nresumes);
	ftb_recorded_free(&again);
	free(buf);
}

/* Merged options record to a text that merges to itself. */
static void merge_twice(const struct ftb_recorded *rec)
{
	struct ftb_run_opts o;
	char err[1024];

	if (ftb_run_opts_parse(&o, 1, (char *[]){ "run", NULL }, err,
			       sizeof(err)))
		return;
	o.resume = "fuzz";
	if (ftb_run_opts_merge(&o, rec, "fuzz/meta.json", err, sizeof(err))) {
		ftb_one_line(err);
		FUZZ_ASSERT(err[0] && !strchr(err, '\n'), "bad refusal");
		return;
	}
	fuzz_record_round_trip(&o);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ftb_recorded rec;
	char err[512];

	if (ftb_recorded_parse((const char *)data, size, "fuzz/meta.json", &rec,
			       err, sizeof(err))) {
		FUZZ_ASSERT(err[0], "a refusal without its line");
		return 0;
	}
	round_trip(&rec);
	merge_twice(&rec);
	ftb_recorded_free(&rec);
	return 0;
}
