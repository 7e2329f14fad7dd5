// SPDX-License-Identifier: GPL-2.0
/*
 * Per-site records (the kernel's dyn_ftrace) and the registration path every
 * variant shares: ftrace_startup() / ftrace_shutdown() keep each record's
 * count of tracing ops, and hand every record whose count changed to the
 * variant, which decides what the site must branch to (the kernel's
 * ftrace_replace_code()).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "asm/site.h"
#include "variants/ftrace.h"
#include "variants/rcu_tasks.h"
#include "variants/text.h"

struct ftb_records ftrace_records;

static int cmp_rec_ip(const void *a, const void *b)
{
	const struct dyn_ftrace *x = a, *y = b;

	return x->ip < y->ip ? -1 : x->ip > y->ip;
}

/* Records are kept sorted by ip, so a filter entry finds its record fast. */
int ftrace_records_init(struct ftb_site *sites, size_t nr)
{
	struct dyn_ftrace *recs = calloc(nr, sizeof(*recs));

	if (!recs)
		return -ENOMEM;
	for (size_t i = 0; i < nr; i++) {
		recs[i].ip = sites[i].call;
		recs[i].site = &sites[i];
		recs[i].lit = NULL;
	}
	qsort(recs, nr, sizeof(*recs), cmp_rec_ip);
	ftrace_records.recs = recs;
	ftrace_records.nr = nr;
	return 0;
}

void ftrace_records_free(void)
{
	free(ftrace_records.recs);
	ftrace_records.recs = NULL;
	ftrace_records.nr = 0;
}

struct dyn_ftrace *ftrace_lookup_rec(unsigned long ip)
{
	size_t lo = 0, hi = ftrace_records.nr;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		struct dyn_ftrace *rec = &ftrace_records.recs[mid];

		if (rec->ip == ip)
			return rec;
		if (rec->ip < ip)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* The one registered ops that traces rec, or NULL if none or several. */
const struct ftrace_ops *ftrace_find_unique_ops(const struct dyn_ftrace *rec)
{
	const struct ftrace_ops *op, *found = NULL;

	for (op = ftrace_ops_list; op != &ftrace_list_end; op = op->next) {
		if (!ftrace_ops_test(op, rec->ip))
			continue;
		if (found)
			return NULL;
		found = op;
	}
	return found;
}

typedef int (*rec_visit_t)(struct dyn_ftrace *rec, void *arg);

/*
 * Visit every record ops traces: through its filter entries when it has a
 * filter (each needs its record and the notrace test), else every record.
 */
static int for_each_traced_rec(const struct ftrace_ops *ops, rec_visit_t fn,
			       void *arg)
{
	const struct ftrace_hash *filter = ops->func_hash->filter_hash;
	int ret;

	if (ftrace_hash_empty(filter)) {
		for (size_t i = 0; i < ftrace_records.nr; i++) {
			struct dyn_ftrace *rec = &ftrace_records.recs[i];

			if (ftrace_ops_test(ops, rec->ip) &&
			    (ret = fn(rec, arg)))
				return ret;
		}
		return 0;
	}
	for (unsigned long b = 0; b < (1UL << filter->size_bits); b++) {
		for (struct hlist_node *n = filter->buckets[b].first; n;
		     n = n->next) {
			unsigned long ip = ((struct ftrace_func_entry *)n)->ip;
			struct dyn_ftrace *rec = ftrace_lookup_rec(ip);

			if (rec && ftrace_ops_test(ops, ip) &&
			    (ret = fn(rec, arg)))
				return ret;
		}
	}
	return 0;
}

static int rec_get(struct dyn_ftrace *rec, void *update)
{
	if (ftrace_rec_count(rec) == FTRACE_REF_MAX)
		return -EOVERFLOW;
	rec->flags++;
	return ((ftrace_update_rec_t)update)(rec);
}

static int rec_put(struct dyn_ftrace *rec, void *update)
{
	if (!ftrace_rec_count(rec))
		return -EINVAL;
	rec->flags--;
	return ((ftrace_update_rec_t)update)(rec);
}

static int rec_count_overlap(struct dyn_ftrace *rec, void *arg)
{
	(void)arg;
	return ftrace_rec_count(rec) ? -EBUSY : 0;
}

/* Whether ops would trace a site some registered ops already traces. */
int ftrace_ops_would_overlap(const struct ftrace_ops *ops)
{
	return for_each_traced_rec(ops, rec_count_overlap, NULL) == -EBUSY;
}

int ftrace_startup(struct ftrace_ops *ops, ftrace_update_rec_t update)
{
	int ret;

	if (ftrace_disabled) {
		ftb_set_error(
			"ftrace is disabled (an ops without func was met)");
		return -ENODEV;
	}
	if (ops->flags & FTRACE_OPS_FL_ENABLED) {
		ftb_set_error("ops %s is already registered", ops->name);
		return -EBUSY;
	}
	ops->flags |= FTRACE_OPS_FL_ENABLED;
	ftrace_ops_list_add(ops);
	if (text_begin())
		return -errno;
	ret = for_each_traced_rec(ops, rec_get, (void *)update);
	if (text_end() && !ret)
		ret = -errno;
	return ret;
}

/*
 * Unregister: unlink, retarget the sites, then wait until no thread can
 * still be in code that uses ops (its trampoline, its callback) before the
 * caller frees anything.
 */
int ftrace_shutdown(struct ftrace_ops *ops, ftrace_update_rec_t update)
{
	int ret;

	if (!(ops->flags & FTRACE_OPS_FL_ENABLED)) {
		ftb_set_error("ops %s is not registered", ops->name);
		return -EINVAL;
	}
	if (ftrace_ops_list_remove(ops)) {
		ftb_set_error("ops %s is not on the ops list", ops->name);
		return -ENOENT;
	}
	if (text_begin())
		return -errno;
	ret = for_each_traced_rec(ops, rec_put, (void *)update);
	if (text_end() && !ret)
		ret = -errno;
	ops->flags &= ~FTRACE_OPS_FL_ENABLED;
	ftb_synchronize_rcu_tasks();
	return ret;
}
