// SPDX-License-Identifier: GPL-2.0
/*
 * corpusgen: the function corpus, from its parameters (docs/corpus.md).
 *
 *   corpusgen sources OPTS --out DIR
 *	DIR/templates.c (the bodies GCC compiles once per layout),
 *	DIR/table.c (the function table, compiled per layout),
 *	DIR/callee.c (the call graph and the site-less reference copies)
 *   corpusgen stamp OPTS --layout L --asm TEMPLATES.s --index K
 *	chunk K of layout L as assembly, on stdout (stamp.c)
 *   corpusgen c OPTS --only I,J,...
 *	those functions as C, as the corpus was compiled before templates
 *	(the equivalence test's reference), on stdout
 *
 * OPTS: --funcs N --seed S --body B --templates T --chunk C. The same
 * arguments always produce the same bytes.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench/corpusgen/corpusgen.h"

void die(const char *fmt, ...)
{
	va_list ap;

	fputs("corpusgen: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

struct args {
	struct plan plan;
	const char *out, *layout, *tpl_s, *only;
	unsigned long index;
	int have_index;
};

static int parse_ulong(const char *opt, const char *s, unsigned long *v)
{
	char *end;

	errno = 0;
	*v = strtoul(s, &end, 10);
	if (errno || end == s || *end || s[0] == '-') {
		fprintf(stderr, "corpusgen: %s: not a number: '%s'\n", opt, s);
		return -1;
	}
	return 0;
}

static int parse_opt(struct args *a, const char *o, const char *v)
{
	static const struct {
		const char *name;
		size_t off;
	} num[] = {
		{ "--funcs", offsetof(struct args, plan.funcs) },
		{ "--seed", offsetof(struct args, plan.seed) },
		{ "--body", offsetof(struct args, plan.body) },
		{ "--templates", offsetof(struct args, plan.templates) },
		{ "--chunk", offsetof(struct args, plan.chunk) },
		{ "--index", offsetof(struct args, index) },
	};

	for (size_t i = 0; i < sizeof(num) / sizeof(num[0]); i++)
		if (!strcmp(o, num[i].name)) {
			a->have_index |= !strcmp(o, "--index");
			return parse_ulong(
				o, v,
				(unsigned long *)((char *)a + num[i].off));
		}
	if (!strcmp(o, "--out"))
		a->out = v;
	else if (!strcmp(o, "--layout"))
		a->layout = v;
	else if (!strcmp(o, "--asm"))
		a->tpl_s = v;
	else if (!strcmp(o, "--only"))
		a->only = v;
	else
		return -1;
	return 0;
}

static int usage(void)
{
	fprintf(stderr,
		"usage: corpusgen sources|stamp|c --funcs 1..1048576 --seed S "
		"--body 0..64 --templates 2.. --chunk C\n"
		"       [--out DIR] [--layout L --asm FILE.s --index K] "
		"[--only I,J,...]\n");
	return 2;
}

static int parse_args(int argc, char **argv, struct args *a)
{
	const struct plan *p = &a->plan;

	if ((argc - 2) % 2)
		return -1;
	for (int i = 2; i + 1 < argc; i += 2)
		if (parse_opt(a, argv[i], argv[i + 1]))
			return -1;
	if (!p->funcs || !p->chunk || p->funcs > (1ul << 20) || p->body > 64 ||
	    (p->templates < 2 && p->funcs > 1))
		return -1;
	return 0;
}

/* --only I,J,...: function indices, each below --funcs. */
static int run_c(const struct args *a)
{
	size_t n = 0, cap = 1 + strlen(a->only) / 2;
	unsigned long *idx = calloc(cap, sizeof(*idx));
	char *list = strdup(a->only), *save = NULL;

	if (!idx || !list)
		die("out of memory");
	for (char *t = strtok_r(list, ",", &save); t;
	     t = strtok_r(NULL, ",", &save)) {
		if (n == cap || parse_ulong("--only", t, &idx[n]) ||
		    idx[n] >= a->plan.funcs) {
			free(idx);
			free(list);
			return usage();
		}
		n++;
	}
	emit_functions(&a->plan, idx, n);
	free(idx);
	free(list);
	return 0;
}

int main(int argc, char **argv)
{
	struct args a = { .plan = { .seed = 1,
				    .body = 4,
				    .templates = 512,
				    .chunk = 1024 } };
	const char *cmd = argc > 1 ? argv[1] : "";

	if (parse_args(argc, argv, &a))
		return usage();
	if (!strcmp(cmd, "sources") && a.out) {
		emit_templates(&a.plan, a.out);
		emit_table(&a.plan, a.out);
		emit_callee(&a.plan, a.out);
		return 0;
	}
	if (!strcmp(cmd, "stamp") && a.layout && a.tpl_s && a.have_index) {
		stamp_chunk(&a.plan, a.layout, a.tpl_s, a.index);
		return 0;
	}
	if (!strcmp(cmd, "c") && a.only)
		return run_c(&a);
	return usage();
}
