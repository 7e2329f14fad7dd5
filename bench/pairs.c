// SPDX-License-Identifier: GPL-2.0
/*
 * Pairs for the paired method (docs/method.md). The untraced twin of a
 * configuration of a paired scenario is, as the report's overhead rule
 * takes it:
 *
 *  1. the variant's own untraced point, the scenario's point with every
 *     numeric parameter 0 and the same words (ftrace-ops' 0/0 with the
 *     same body): the same layout and the same sites, initialised, with
 *     nothing registered; x86_64's initialised site (one 5-byte NOP) is
 *     not the compiled one `none` runs (five 1-byte NOPs), so `none` is
 *     no twin where the variant's own untraced point exists;
 *  2. else `none` at the same point (ops-sweep: every point has ops).
 *
 * A twin has no twin of its own. A configuration and its twin share a
 * group, so the scheduler measures them back to back in every round.
 */
#include <string.h>

#include "bench/study.h"

static int numeric(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

/* Is b the point of a's scenario and variant with its numbers at 0? */
static int zero_of(const struct ftb_point *a, const struct ftb_point *b)
{
	if (a == b || a->sc != b->sc || a->v != b->v ||
	    a->nparams != b->nparams)
		return 0;
	for (int k = 0; k < a->nparams; k++)
		if (numeric(a->text[k]) ? strcmp(b->text[k], "0") != 0
					: strcmp(a->text[k], b->text[k]) != 0)
			return 0;
	return 1;
}

static int same_point(const struct ftb_point *a, const struct ftb_point *b)
{
	if (a->sc != b->sc || a->nparams != b->nparams)
		return 0;
	for (int k = 0; k < a->nparams; k++)
		if (strcmp(a->text[k], b->text[k]) != 0)
			return 0;
	return 1;
}

static int find(const struct ftb_point *p, int n, int c,
		int (*match)(const struct ftb_point *,
			     const struct ftb_point *),
		const struct ftb_variant *v)
{
	for (int t = 0; t < n; t++)
		if ((!v || p[t].v == v) && t != c && match(&p[c], &p[t]))
			return t;
	return -1;
}

void ftb_find_twins(const struct ftb_point *p, int n, int *twin)
{
	for (int c = 0; c < n; c++)
		twin[c] = p[c].sc->windows ? find(p, n, c, zero_of, NULL) : -1;
	for (int c = 0; c < n; c++) {
		int is_twin = 0;

		for (int d = 0; d < n && !is_twin; d++)
			is_twin = twin[d] == c;
		if (twin[c] >= 0 || is_twin || !p[c].sc->windows ||
		    p[c].v == &ftb_variant_none)
			continue;
		twin[c] = find(p, n, c, same_point, &ftb_variant_none);
		/* Never a chain: a twin that has a twin is none. */
		if (twin[c] >= 0 && twin[twin[c]] >= 0)
			twin[c] = -1;
	}
}

int ftb_pair_groups(const int *twin, int first, int n, int *group)
{
	int paired = 0;

	for (int c = 0; c < n; c++) {
		int t = twin[first + c];

		group[c] = c;
		if (t >= first && t < first + n) {
			group[c] = t - first;
			paired = 1;
		}
	}
	return paired;
}
