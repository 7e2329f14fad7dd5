// SPDX-License-Identifier: GPL-2.0
/*
 * The small pieces under the output: the JSON writer (escapes, NaN as
 * null, integers as numbers), atomic writes that fail cleanly, cpulists.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "harness/internal.h"
#include "tests/unit/check.h"

static void writer(void)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct ftb_json j;

	ftb_json_init(&j, f);
	ftb_json_begin(&j, '{');
	ftb_json_key(&j, "s");
	ftb_json_str(&j, "a\"b\\c\nd\x01");
	ftb_json_key(&j, "nan");
	ftb_json_num(&j, NAN);
	ftb_json_key(&j, "w");
	ftb_json_begin(&j, '[');
	ftb_json_word(&j, "42");
	ftb_json_word(&j, "-7");
	ftb_json_word(&j, "4k");
	ftb_json_end(&j, ']');
	ftb_json_key(&j, "e");
	ftb_json_begin(&j, '{');
	ftb_json_end(&j, '}');
	ftb_json_end(&j, '}');
	fclose(f);
	CHECK(strstr(buf, "\"a\\\"b\\\\c\\nd\\u0001\"") != NULL,
	      "strings escaped: quote, backslash, newline, control");
	CHECK(strstr(buf, "\"nan\": null") != NULL, "NaN written as null");
	CHECK(strstr(buf, "42,") && strstr(buf, "-7,") && strstr(buf, "\"4k\""),
	      "integers as numbers, words as strings");
	CHECK(strstr(buf, "\"e\": {}") != NULL, "empty object");
	free(buf);
}

static int fill_ok(FILE *f, const void *arg)
{
	(void)arg;
	return fputs("x\n", f) < 0 ? -EIO : 0;
}

static void atomic(void)
{
	char err[256] = "";

	CHECK(ftb_write_atomic("/nonexistent-ftb-dir", "results.json", fill_ok,
			       NULL, err, sizeof(err)) == -ENOENT &&
		      strstr(err, "/nonexistent-ftb-dir"),
	      "atomic write into a missing directory: error names it");
}

static void cpulists(void)
{
	CHECK(ftb_cpulist_has("0-3,6", 2) && ftb_cpulist_has("0-3,6", 6) &&
		      !ftb_cpulist_has("0-3,6", 4) &&
		      !ftb_cpulist_has("0-3,6", 7),
	      "cpulist 0-3,6");
	CHECK(ftb_cpulist_has("5", 5) && !ftb_cpulist_has("", 0),
	      "cpulist single and empty");
}

int main(void)
{
	writer();
	atomic();
	cpulists();
	return check_exit();
}
