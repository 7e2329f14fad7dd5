// SPDX-License-Identifier: GPL-2.0
/*
 * Pairs for the paired method (docs/method.md): the untraced twin of a
 * configuration of a paired scenario is `none` at the same point (the
 * same scenario and parameter values), the variant the report takes
 * overheads over. A configuration and its twin share a group, so the
 * scheduler measures them back to back in every round.
 */
#include <string.h>

#include "bench/study.h"

static int same_point(const struct ftb_point *a, const struct ftb_point *b)
{
	if (a->sc != b->sc || a->nparams != b->nparams)
		return 0;
	for (int k = 0; k < a->nparams; k++)
		if (strcmp(a->text[k], b->text[k]) != 0)
			return 0;
	return 1;
}

void ftb_find_twins(const struct ftb_point *p, int n, int *twin)
{
	for (int c = 0; c < n; c++) {
		twin[c] = -1;
		if (!p[c].sc->windows || p[c].v == &ftb_variant_none)
			continue;
		for (int t = 0; t < n; t++)
			if (p[t].v == &ftb_variant_none &&
			    same_point(&p[c], &p[t])) {
				twin[c] = t;
				break;
			}
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
