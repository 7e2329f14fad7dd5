// SPDX-License-Identifier: GPL-2.0
/*
 * The ops registry and the list walk (kernel/trace/ftrace.c):
 * ftrace_ops_list is an RCU-style list, newest first, terminated by the stub
 * ftrace_list_end; ftrace_ops_list_func() walks all of it for every traced
 * call and calls each ops whose hashes accept the ip.
 *
 * User space has no preemption count and no interrupt contexts: the
 * preempt_disable_notrace() pair is omitted and the recursion guard has one
 * context per thread (docs/deviations.md).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "variants/ftrace.h"
#include "variants/rcu_tasks.h"

static void ftrace_stub_func(unsigned long ip, unsigned long parent_ip,
			     struct ftrace_ops *op, struct ftrace_regs *fregs)
{
	(void)ip, (void)parent_ip, (void)op, (void)fregs;
}

struct ftrace_ops ftrace_list_end = {
	.func = ftrace_stub_func,
	.flags = FTRACE_OPS_FL_STUB,
	.name = "ftrace_list_end",
};

struct ftrace_ops *ftrace_ops_list = &ftrace_list_end;
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

/* Recursion bits, as trace_recursion's TRACE_LIST_START / TRACE_FTRACE_START. */
enum { TRACE_LIST_BIT = 1, TRACE_FTRACE_BIT = 2 };
static __thread unsigned long trace_recursion;

static inline int recursion_trylock(unsigned long bit)
{
	if (trace_recursion & bit)
		return -1;
	trace_recursion |= bit;
	/* Order the guard before the callbacks, as barrier() does. */
	__asm__ volatile("" ::: "memory");
	return 0;
}

static inline void recursion_unlock(unsigned long bit)
{
	__asm__ volatile("" ::: "memory");
	trace_recursion &= ~bit;
}

int ftrace_test_and_set_recursion(void)
{
	return recursion_trylock(TRACE_FTRACE_BIT);
}

void ftrace_clear_recursion(void)
{
	recursion_unlock(TRACE_FTRACE_BIT);
}

static inline int hash_contains_ip(unsigned long ip,
				   const struct ftrace_ops_hash *hash)
{
	const struct ftrace_hash *filter =
		__atomic_load_n(&hash->filter_hash, __ATOMIC_CONSUME);
	const struct ftrace_hash *notrace =
		__atomic_load_n(&hash->notrace_hash, __ATOMIC_CONSUME);

	return (ftrace_hash_empty(filter) || __ftrace_lookup_ip(filter, ip)) &&
	       (ftrace_hash_empty(notrace) || !__ftrace_lookup_ip(notrace, ip));
}

int ftrace_ops_test(const struct ftrace_ops *ops, unsigned long ip)
{
	return hash_contains_ip(ip, ops->func_hash);
}

/*
 * The list walk. The do/while visits the head even when it is the stub
 * terminator, exactly as do_for_each_ftrace_op() does, so an empty list
 * still costs one STUB test.
 */
void ftrace_ops_list_func(unsigned long ip, unsigned long parent_ip,
			  struct ftrace_ops *ignored, struct ftrace_regs *fregs)
{
	struct ftrace_ops *op;

	(void)ignored;
	if (recursion_trylock(TRACE_LIST_BIT))
		return;
	op = __atomic_load_n(&ftrace_ops_list, __ATOMIC_CONSUME);
	do {
		if (op->flags & FTRACE_OPS_FL_STUB)
			continue;
		if ((!(op->flags & FTRACE_OPS_FL_RCU) ||
		     ftb_rcu_is_watching()) &&
		    ftrace_ops_test(op, ip))
			op->func(ip, parent_ip, op, fregs);
	} while ((op = __atomic_load_n(&op->next, __ATOMIC_CONSUME)) &&
		 op != &ftrace_list_end);
	recursion_unlock(TRACE_LIST_BIT);
}

/* Called instead of op->func for ops that asked ftrace to guard recursion. */
void ftrace_ops_assist_func(unsigned long ip, unsigned long parent_ip,
			    struct ftrace_ops *op, struct ftrace_regs *fregs)
{
	if (recursion_trylock(TRACE_FTRACE_BIT))
		return;
	if (!(op->flags & FTRACE_OPS_FL_RCU) || ftb_rcu_is_watching())
		op->func(ip, parent_ip, op, fregs);
	recursion_unlock(TRACE_FTRACE_BIT);
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
