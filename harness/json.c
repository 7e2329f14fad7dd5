// SPDX-License-Identifier: GPL-2.0
/*
 * A minimal streaming JSON writer: enough for results.json and meta.json.
 * Pretty-printed so a diff of two runs reads well.
 */
#include <math.h>
#include <stdio.h>

#include "harness/internal.h"

void ftb_json_init(struct ftb_json *j, FILE *f)
{
	j->f = f;
	j->depth = 0;
	j->first[0] = 1;
	j->after_key = 0;
}

static void indent(struct ftb_json *j)
{
	fputc('\n', j->f);
	for (int i = 0; i < j->depth; i++)
		fputs("  ", j->f);
}

/* Separator and indentation before a value or a key. */
static void before(struct ftb_json *j)
{
	if (j->after_key) {
		j->after_key = 0;
		return;
	}
	if (j->depth > 0) {
		if (!j->first[j->depth])
			fputc(',', j->f);
		indent(j);
	}
	j->first[j->depth] = 0;
}

void ftb_json_begin(struct ftb_json *j, char open)
{
	before(j);
	fputc(open, j->f);
	if (j->depth < 15)
		j->depth++;
	j->first[j->depth] = 1;
}

void ftb_json_end(struct ftb_json *j, char close)
{
	int empty = j->first[j->depth];

	if (j->depth > 0)
		j->depth--;
	if (!empty)
		indent(j);
	fputc(close, j->f);
	if (j->depth == 0)
		fputc('\n', j->f);
}

static void put_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c == '\t')
			fputs("\\t", f);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

void ftb_json_key(struct ftb_json *j, const char *k)
{
	before(j);
	put_string(j->f, k);
	fputs(": ", j->f);
	j->after_key = 1;
}

void ftb_json_str(struct ftb_json *j, const char *s)
{
	before(j);
	put_string(j->f, s);
}

void ftb_json_num(struct ftb_json *j, double v)
{
	before(j);
	if (isfinite(v))
		fprintf(j->f, "%.10g", v);
	else
		fputs("null", j->f);
}

void ftb_json_int(struct ftb_json *j, long long v)
{
	before(j);
	fprintf(j->f, "%lld", v);
}

void ftb_json_bool(struct ftb_json *j, int v)
{
	before(j);
	fputs(v ? "true" : "false", j->f);
}

void ftb_json_null(struct ftb_json *j)
{
	before(j);
	fputs("null", j->f);
}

void ftb_json_word(struct ftb_json *j, const char *s)
{
	if (ftb_is_integer(s)) {
		before(j);
		fputs(s, j->f);
	} else {
		ftb_json_str(j, s);
	}
}

void ftb_json_number_text(struct ftb_json *j, const char *text)
{
	before(j);
	fputs(text, j->f);
}
