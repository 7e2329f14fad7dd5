// SPDX-License-Identifier: GPL-2.0
/*
 * The stamper: one chunk of a layout's corpus, as assembly, out of GCC's own
 * assembly for the templates compiled with that layout's flags.
 *
 * GCC's output for a file of functions, each in section ftb_text_<layout>:
 *
 *	header    .arch/.file/.text, .section ftb_text_<layout>,"ax",...
 *	block t   alignment, .globl, the __patchable_function_entries record
 *	          (.section ..., .quad/.8byte .LPFEn, .section back), the
 *	          pre-entry NOPs, the label, the code, .cfi_*, .size ftb_tpl_t<t>
 *	...
 *	trailer   .ident, .note.GNU-stack, .note.gnu.property (BTI)
 *
 * Every block begins and ends in the text section, and its code refers only
 * to its own local labels, its own name and the callee placeholder, so a
 * function of the corpus is its template's block with three renames:
 *
 *	ftb_tpl_t<t>     -> ftb_<layout>_f<i>
 *	ftb_tpl_callee   -> ftb_<layout>_f<callee(i)>, without @PLT when the
 *	                    callee is in this chunk (GCC calls a function it
 *	                    has seen defined directly under PIE; the object
 *	                    code is the same PLT32 relocation either way)
 *	.L<name><n>      -> .L<name><n>_<i> (labels unique in the chunk)
 *
 * and the record section's link-order symbol is the chunk's first function,
 * as GCC names the first function of a file there. The equivalence test
 * (tests/corpus-equiv.t) compiles sampled functions from C and compares.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench/corpusgen/corpusgen.h"

struct block {
	size_t first, end; /* lines [first, end) */
};

struct tpl {
	char **line;
	size_t nlines;
	size_t header_end, trailer;
	struct block *block; /* by template number */
	unsigned long nblocks;
};

static const char *trim(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

static int is_ident(int c)
{
	return isalnum(c) || c == '_' || c == '.' || c == '$';
}

static void read_lines(struct tpl *t, const char *path)
{
	FILE *f = fopen(path, "r");
	size_t cap = 0;
	char *buf = NULL;
	size_t n = 0;

	if (!f)
		die("%s: %s", path, strerror(errno));
	while (getline(&buf, &n, f) >= 0) {
		if (t->nlines == cap) {
			cap = cap ? 2 * cap : 4096;
			t->line = realloc(t->line, cap * sizeof(*t->line));
			if (!t->line)
				die("out of memory");
		}
		buf[strcspn(buf, "\n")] = 0;
		t->line[t->nlines] = strdup(buf);
		if (!t->line[t->nlines++])
			die("out of memory");
	}
	if (ferror(f))
		die("%s: %s", path, strerror(errno));
	free(buf);
	fclose(f);
}

/* `.size ftb_tpl_t<t>, .-ftb_tpl_t<t>` ends template t's block. */
static long size_line_template(const char *l)
{
	const char *s = trim(l);
	char *end;
	long t;

	if (strncmp(s, ".size", 5) != 0 || !isspace((unsigned char)s[5]))
		return -2;
	s = trim(s + 6);
	if (strncmp(s, FTB_TPL_PREFIX, strlen(FTB_TPL_PREFIX)) != 0)
		return -1;
	t = strtol(s + strlen(FTB_TPL_PREFIX), &end, 10);
	return *end == ',' ? t : -1;
}

static void split_blocks(struct tpl *t, const char *path, unsigned long ntpl)
{
	size_t i = 0, start;

	while (i < t->nlines && !(!strncmp(trim(t->line[i]), ".section", 8) &&
				  strstr(t->line[i], "ftb_text_")))
		i++;
	if (i == t->nlines)
		die("%s: no ftb_text_ section: not GCC's output for the "
		    "templates",
		    path);
	t->header_end = start = i + 1;
	t->block = calloc(ntpl, sizeof(*t->block));
	if (!t->block)
		die("out of memory");
	for (i = start; i < t->nlines; i++) {
		long k = size_line_template(t->line[i]);

		if (k == -2)
			continue;
		if (k < 0 || (unsigned long)k >= ntpl || t->block[k].end)
			die("%s:%zu: unexpected '%s'", path, i + 1,
			    trim(t->line[i]));
		t->block[k] = (struct block){ start, i + 1 };
		t->nblocks++;
		start = i + 1;
	}
	t->trailer = start;
	if (t->nblocks != ntpl)
		die("%s: %lu of %lu templates found", path, t->nblocks, ntpl);
}

/* Every local label a block uses is one it defines: it can be copied. */
static void check_block(const struct tpl *t, unsigned long k, const char *path)
{
	const struct block *b = &t->block[k];

	for (size_t i = b->first; i < b->end; i++) {
		for (const char *s = strstr(t->line[i], ".L"); s;
		     s = strstr(s + 2, ".L")) {
			size_t n = 2;
			int found = 0;

			if (s > t->line[i] && is_ident((unsigned char)s[-1]))
				continue;
			while (is_ident((unsigned char)s[n]))
				n++;
			for (size_t j = b->first; j < b->end && !found; j++)
				found = !strncmp(t->line[j], s, n) &&
					t->line[j][n] == ':';
			if (!found)
				die("%s:%zu: template %lu uses %.*s, which it "
				    "does not define",
				    path, i + 1, k, (int)n, s);
		}
	}
}

struct names {
	const char *self, *callee, *first;
	int callee_local;
	unsigned long index;
};

/* The identifier at s (n chars) rewritten for one function. */
static void put_ident(FILE *f, const char *s, size_t n, const struct names *nm,
		      unsigned long t, int *plt_strip)
{
	size_t pl = strlen(FTB_TPL_PREFIX);
	char own[32];

	snprintf(own, sizeof(own), FTB_TPL_PREFIX "%lu", t);
	if (n >= 2 && s[0] == '.' && s[1] == 'L') {
		fprintf(f, "%.*s_%lu", (int)n, s, nm->index);
	} else if (n == strlen(FTB_TPL_CALLEE) &&
		   !strncmp(s, FTB_TPL_CALLEE, n)) {
		fputs(nm->callee, f);
		*plt_strip = nm->callee_local;
	} else if (n == strlen(own) && !strncmp(s, own, n)) {
		fputs(nm->self, f);
	} else if (n > pl && !strncmp(s, FTB_TPL_PREFIX, pl)) {
		die("template %lu names another template (%.*s)", t, (int)n, s);
	} else {
		fwrite(s, 1, n, f);
	}
}

static void put_line(FILE *f, const char *l, const struct names *nm,
		     unsigned long t)
{
	int plt_strip = 0;

	/* The record section's link-order symbol: the chunk's first function. */
	if (strstr(l, "__patchable_function_entries") &&
	    !strncmp(trim(l), ".section", 8)) {
		const char *comma = strrchr(l, ',');

		fprintf(f, "%.*s,%s\n", (int)(comma - l), l, nm->first);
		return;
	}
	for (const char *s = l; *s;) {
		size_t n = 0;

		if (!is_ident((unsigned char)*s) ||
		    (s > l && is_ident((unsigned char)s[-1]))) {
			fputc(*s++, f);
			continue;
		}
		while (is_ident((unsigned char)s[n]))
			n++;
		put_ident(f, s, n, nm, t, &plt_strip);
		s += n;
		if (plt_strip && !strncmp(s, "@PLT", 4))
			s += 4;
		plt_strip = 0;
	}
	fputc('\n', f);
}

static void fn_name(char *buf, size_t len, const char *layout, long i)
{
	snprintf(buf, len, "ftb_%s_f%ld", layout, i);
}

static void emit_function(FILE *f, const struct plan *p, const struct tpl *t,
			  const char *layout, unsigned long i,
			  unsigned long first)
{
	unsigned long k = plan_template(p, i);
	long c = plan_callee(p, i);
	char self[64], callee[64], head[64];
	struct names nm = { self, callee, head, c >= (long)first, i };

	fn_name(self, sizeof(self), layout, (long)i);
	fn_name(callee, sizeof(callee), layout, c);
	fn_name(head, sizeof(head), layout, (long)first);
	for (size_t l = t->block[k].first; l < t->block[k].end; l++)
		put_line(f, t->line[l], &nm, k);
}

void stamp_chunk(const struct plan *p, const char *layout, const char *tpl_s,
		 unsigned long k)
{
	unsigned long ntpl = plan_templates(p), first, end;
	struct tpl t = { 0 };

	if (k >= plan_chunks(p))
		die("chunk %lu: the corpus has %lu", k, plan_chunks(p));
	read_lines(&t, tpl_s);
	split_blocks(&t, tpl_s, ntpl);
	for (unsigned long b = 0; b < ntpl; b++)
		check_block(&t, b, tpl_s);
	plan_chunk_range(p, k, &first, &end);
	for (size_t l = 0; l < t.header_end; l++) {
		if (!strncmp(trim(t.line[l]), ".file", 5))
			printf("\t.file\t\"chunk_%03lu.c\"\n", k);
		else
			puts(t.line[l]);
	}
	for (unsigned long i = first; i < end; i++)
		emit_function(stdout, p, &t, layout, i, first);
	for (size_t l = t.trailer; l < t.nlines; l++)
		puts(t.line[l]);
	if (fflush(stdout) || ferror(stdout))
		die("write failed: %s", strerror(errno));
	for (size_t l = 0; l < t.nlines; l++)
		free(t.line[l]);
	free(t.line);
	free(t.block);
}
