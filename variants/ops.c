// SPDX-License-Identifier: GPL-2.0
/*
 * The ops registry and the list walk (kernel/trace/ftrace.c, 6.12):
 * ftrace_ops_list is an RCU-style list, newest first, terminated by the stub
 * ftrace_list_end; ftrace_ops_list_func() walks all of it for every traced
 * call and calls each ops whose hashes accept the ip.
 *
 * Written in the kernel's shape, statement for statement where it decides
 * the instructions: the recursion bit from the context level
 * (variants/trace_recursion.h), the STUB and RCU tests per ops, the hash
 * pair ftrace_ops_test() builds with two release stores, hash_contains_ip()
 * out of line, the WARN on an ops without func. This file is compiled with
 * the kernel's code-generation flags (KCONFIG, docs/kconfig.md); what user
 * space still changes is in docs/deviations.md.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "variants/ftrace.h"
#include "variants/rcu_tasks.h"
#include "variants/trace_recursion.h"

static void ftrace_stub_func(unsigned long ip, unsigned long parent_ip,
			     struct ftrace_ops *op, struct ftrace_regs *fregs)
{
	(void)ip, (void)parent_ip, (void)op, (void)fregs;
}

/*
 * The walk's data in the kernel's __read_mostly section and order: the list
 * head, the trace function, the terminator, and the kill switches the
 * walk's WARN path writes, so that, as in the kernel's build, one section
 * anchor serves the walk and its terminator test.
 */
#define __read_mostly __attribute__((section(".data..read_mostly")))

struct ftrace_ops *ftrace_ops_list __read_mostly = &ftrace_list_end;
/* What the list caller's call slot branches to (docs/deviations.md). */
ftrace_func_t ftrace_trace_function __read_mostly = ftrace_ops_list_func;

struct ftrace_ops ftrace_list_end __read_mostly = {
	.func = ftrace_stub_func,
	.flags = FTRACE_OPS_FL_STUB,
	.name = "ftrace_list_end",
};

/*
 * Set when the walk meets an ops without a func (the kernel's
 * FTRACE_WARN_ON, then ftrace_kill()): registration refuses from then on.
 */
int ftrace_disabled __read_mostly;
int ftrace_enabled __read_mostly = 1;

struct ftrace_ops *function_trace_op = &ftrace_list_end;

/* What a CALL_OPS literal holds for a site that is enabled by nobody. */
struct ftrace_ops ftrace_nop_ops = {
	.func = ftrace_ops_nop_func,
	.flags = FTRACE_OPS_FL_STUB,
	.name = "ftrace_nop_ops",
};

/* What a CALL_OPS literal holds for a site traced by several ops. */
struct ftrace_ops ftrace_list_ops = {
	.func = ftrace_ops_list_func,
	.flags = FTRACE_OPS_FL_STUB,
	.name = "ftrace_list_ops",
};

/* ftrace_kill(): no more registration, the trace function a stub. */
static inline void ftrace_kill(void)
{
	ftrace_disabled = 1;
	ftrace_enabled = 0;
	ftrace_trace_function = ftrace_stub_func;
}

static __attribute__((noinline, cold)) void
ftrace_warn_no_func(const struct ftrace_ops *op)
{
	fprintf(stderr,
		"ftbench: ftrace: op=%p (%s) has no func: ftrace killed\n",
		(const void *)op, op->name ? op->name : "?");
}

/*
 * Out of line, as GCC 12 leaves the kernel's (it has other callers there;
 * the kernel's build shows it as hash_contains_ip.isra.0): the hashes
 * arrive as two scalars.
 */
static __attribute__((noinline)) _Bool
hash_contains_ip(unsigned long ip, struct ftrace_ops_hash *hash)
{
	/*
	 * A match is in the filter (an empty filter matches everything) and
	 * not in the notrace hash (an empty one excludes nothing).
	 */
	return (ftrace_hash_empty(hash->filter_hash) ||
		__ftrace_lookup_ip(hash->filter_hash, ip)) &&
	       (ftrace_hash_empty(hash->notrace_hash) ||
		!__ftrace_lookup_ip(hash->notrace_hash, ip));
}

/*
 * The hashes are read into a local pair with rcu_assign_pointer(), as in
 * 6.12 (two store-releases, and the local zeroed first under
 * -ftrivial-auto-var-init=zero).
 */
int ftrace_ops_test(const struct ftrace_ops *ops, unsigned long ip)
{
	struct ftrace_ops_hash hash;
	int ret;

	rcu_assign_pointer(hash.filter_hash, ops->func_hash->filter_hash);
	rcu_assign_pointer(hash.notrace_hash, ops->func_hash->notrace_hash);
	if (hash_contains_ip(ip, &hash))
		ret = 1;
	else
		ret = 0;
	return ret;
}

/*
 * The list walk (__ftrace_ops_list_func). The do/while visits the head
 * even when it is the stub terminator, exactly as do_for_each_ftrace_op()
 * does, so an empty list still costs one STUB test.
 */
void ftrace_ops_list_func(unsigned long ip, unsigned long parent_ip,
			  struct ftrace_ops *ignored, struct ftrace_regs *fregs)
{
	struct ftrace_ops *op;
	int bit;

	(void)ignored;
	bit = trace_test_and_set_recursion(TRACE_LIST_START);
	if (bit < 0)
		return;
	op = rcu_dereference_raw(ftrace_ops_list);
	do {
		/* Stub functions don't need to be called nor tested */
		if (op->flags & FTRACE_OPS_FL_STUB)
			continue;
		if ((!(op->flags & FTRACE_OPS_FL_RCU) ||
		     ftb_rcu_is_watching()) &&
		    ftrace_ops_test(op, ip)) {
			/* FTRACE_WARN_ON(!op->func), then pr_warn() */
			if (({
				    int r = !op->func;

				    if (__builtin_expect(!!r, 0))
					    ftrace_kill();
				    // cppcheck-suppress constStatement
				    r; /* the statement expression's value */
			    })) {
				ftrace_warn_no_func(op);
				goto out;
			}
			op->func(ip, parent_ip, op, fregs);
		}
	} while (__builtin_expect(!!(op = rcu_dereference_raw(op->next)), 1) &&
		 __builtin_expect(op != &ftrace_list_end, 0));
out:
	trace_clear_recursion(bit);
}

/* Called instead of op->func for ops that asked ftrace to guard recursion. */
void ftrace_ops_assist_func(unsigned long ip, unsigned long parent_ip,
			    struct ftrace_ops *op, struct ftrace_regs *fregs)
{
	int bit = trace_test_and_set_recursion(TRACE_LIST_START);

	if (bit < 0)
		return;
	if (!(op->flags & FTRACE_OPS_FL_RCU) || ftb_rcu_is_watching())
		op->func(ip, parent_ip, op, fregs);
	trace_clear_recursion(bit);
}

void ftrace_ops_nop_func(unsigned long ip, unsigned long parent_ip,
			 struct ftrace_ops *op, struct ftrace_regs *fregs)
{
	(void)ip, (void)parent_ip, (void)op, (void)fregs;
}

ftrace_func_t ftrace_ops_get_func(const struct ftrace_ops *ops)
{
	if (ops->flags & (FTRACE_OPS_FL_RECURSION | FTRACE_OPS_FL_RCU))
		return ftrace_ops_assist_func;
	return ops->func;
}

/* Ops made at run time are DYNAMIC, as module or heap ops are upstream. */
void ftrace_ops_init(struct ftrace_ops *ops, ftrace_func_t func,
		     const char *name)
{
	memset(ops, 0, sizeof(*ops));
	ops->func = func;
	ops->saved_func = func;
	ops->flags = FTRACE_OPS_FL_DYNAMIC;
	ops->func_hash = &ops->local_hash;
	ops->name = name;
}

static int set_hash(struct ftrace_ops *ops, struct ftrace_hash **slot,
		    const unsigned long *ips, size_t n)
{
	struct ftrace_hash *hash;

	if (ops->flags & FTRACE_OPS_FL_ENABLED)
		return -EBUSY;
	hash = ftrace_hash_from_ips(ips, n);
	if (!hash)
		return -ENOMEM;
	ftrace_hash_free(*slot);
	*slot = hash;
	return 0;
}

int ftrace_ops_set_filter(struct ftrace_ops *ops, const unsigned long *ips,
			  size_t n)
{
	return set_hash(ops, &ops->local_hash.filter_hash, ips, n);
}

int ftrace_ops_set_notrace(struct ftrace_ops *ops, const unsigned long *ips,
			   size_t n)
{
	return set_hash(ops, &ops->local_hash.notrace_hash, ips, n);
}

void ftrace_ops_release(struct ftrace_ops *ops)
{
	ftrace_hash_free(ops->local_hash.filter_hash);
	ftrace_hash_free(ops->local_hash.notrace_hash);
	ops->local_hash.filter_hash = NULL;
	ops->local_hash.notrace_hash = NULL;
}

int ftrace_ops_registered(const struct ftrace_ops *ops)
{
	return !!(ops->flags & FTRACE_OPS_FL_ENABLED);
}

size_t ftrace_ops_count(void)
{
	size_t n = 0;

	for (struct ftrace_ops *op = ftrace_ops_list; op != &ftrace_list_end;
	     op = op->next)
		n++;
	return n;
}

/* Newest first: the new head is published with release semantics. */
void ftrace_ops_list_add(struct ftrace_ops *ops)
{
	ops->next = ftrace_ops_list;
	__atomic_store_n(&ftrace_ops_list, ops, __ATOMIC_RELEASE);
}

int ftrace_ops_list_remove(struct ftrace_ops *ops)
{
	struct ftrace_ops **p;

	for (p = &ftrace_ops_list; *p != &ftrace_list_end; p = &(*p)->next) {
		if (*p == ops) {
			__atomic_store_n(p, ops->next, __ATOMIC_RELEASE);
			return 0;
		}
	}
	return -ENOENT;
}
