/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The ftrace core shared by every dispatch variant: ftrace_ops, filter and
 * notrace hashes, the ops list and its walk, and the per-site records.
 *
 * Layout and semantics follow include/linux/ftrace.h and
 * kernel/trace/ftrace.c; the differences user space forces are listed in
 * docs/deviations.md.
 */
#ifndef FTB_FTRACE_H
#define FTB_FTRACE_H

#include <stddef.h>
#include <stdint.h>

#include "arch.h" /* struct ftrace_regs, per ISA */

struct ftrace_ops;

typedef void (*ftrace_func_t)(unsigned long ip, unsigned long parent_ip,
			      struct ftrace_ops *op, struct ftrace_regs *fregs);

/* A singly linked hash chain, as the kernel's hlist. */
struct hlist_node {
	struct hlist_node *next;
};

struct ftrace_func_entry {
	struct hlist_node hlist; /* first: entries are walked by node */
	unsigned long ip;
};

struct ftrace_hash {
	unsigned long size_bits;
	struct hlist_node **buckets;
	unsigned long count;
};

struct ftrace_ops_hash {
	struct ftrace_hash *notrace_hash;
	struct ftrace_hash *filter_hash;
};

enum {
	FTRACE_OPS_FL_ENABLED = 1UL << 0,
	FTRACE_OPS_FL_DYNAMIC = 1UL << 1,
	FTRACE_OPS_FL_RECURSION = 1UL << 4, /* ftrace must guard recursion */
	FTRACE_OPS_FL_STUB = 1UL << 5,
	FTRACE_OPS_FL_RCU = 1UL << 14,
};

/*
 * func must stay the first member: the CALL_OPS caller and the trampolines
 * load it at offset FTRACE_OPS_FUNC (0), as the kernel's asm-offsets do.
 */
struct ftrace_ops {
	ftrace_func_t func;
	struct ftrace_ops *next;
	unsigned long flags;
	void *private;
	struct ftrace_ops_hash local_hash;
	struct ftrace_ops_hash *func_hash;
	void *trampoline; /* dyntramp: this ops' trampoline, or NULL */
	unsigned long trampoline_size;
	const char *name;
};

#define FTRACE_OPS_FUNC 0

/* The kernel's hash_64(): multiplicative hashing by the golden ratio. */
#define GOLDEN_RATIO_64 0x61C8864680B583EBull
#define FTRACE_HASH_MAX_BITS 12

static inline unsigned long hash_64(uint64_t val, unsigned int bits)
{
	return bits ? (unsigned long)((val * GOLDEN_RATIO_64) >> (64 - bits))
		    : 0;
}

/* variants/hash.c */
struct ftrace_hash *ftrace_hash_alloc(unsigned int size_bits);
void ftrace_hash_free(struct ftrace_hash *hash);
int ftrace_hash_add_ip(struct ftrace_hash *hash, unsigned long ip);
struct ftrace_hash *ftrace_hash_commit(struct ftrace_hash *src);
struct ftrace_hash *ftrace_hash_from_ips(const unsigned long *ips, size_t n);
unsigned int ftrace_hash_bits_for(unsigned long count);
struct ftrace_func_entry *ftrace_lookup_ip(const struct ftrace_hash *hash,
					   unsigned long ip);

static inline int ftrace_hash_empty(const struct ftrace_hash *hash)
{
	return !hash || !hash->count;
}

/*
 * The chain walk of one bucket. Inline here as the kernel's static
 * __ftrace_lookup_ip() is in ftrace.c, so the list walk can inline it.
 */
static inline struct ftrace_func_entry *
__ftrace_lookup_ip(const struct ftrace_hash *hash, unsigned long ip)
{
	unsigned long key = hash_64(ip, (unsigned int)hash->size_bits);

	for (const struct hlist_node *n = hash->buckets[key]; n; n = n->next) {
		struct ftrace_func_entry *e = (struct ftrace_func_entry *)n;

		if (e->ip == ip)
			return e;
	}
	return NULL;
}

/* variants/ops.c: the registry, the list walk, nop and list ops. */
extern struct ftrace_ops *ftrace_ops_list;
extern struct ftrace_ops ftrace_list_end;
extern struct ftrace_ops ftrace_nop_ops;
extern struct ftrace_ops ftrace_list_ops;
extern struct ftrace_ops *function_trace_op;

int ftrace_ops_test(const struct ftrace_ops *ops, unsigned long ip);
void ftrace_ops_list_func(unsigned long ip, unsigned long parent_ip,
			  struct ftrace_ops *op, struct ftrace_regs *fregs);
void ftrace_ops_assist_func(unsigned long ip, unsigned long parent_ip,
			    struct ftrace_ops *op, struct ftrace_regs *fregs);
void ftrace_ops_nop_func(unsigned long ip, unsigned long parent_ip,
			 struct ftrace_ops *op, struct ftrace_regs *fregs);
ftrace_func_t ftrace_ops_get_func(const struct ftrace_ops *ops);
void ftrace_ops_init(struct ftrace_ops *ops, ftrace_func_t func,
		     const char *name);
int ftrace_ops_set_filter(struct ftrace_ops *ops, const unsigned long *ips,
			  size_t n);
int ftrace_ops_set_notrace(struct ftrace_ops *ops, const unsigned long *ips,
			   size_t n);
void ftrace_ops_release(struct ftrace_ops *ops);
int ftrace_ops_registered(const struct ftrace_ops *ops);
size_t ftrace_ops_count(void);
void ftrace_ops_list_add(struct ftrace_ops *ops);
int ftrace_ops_list_remove(struct ftrace_ops *ops);

/* Recursion guard (the kernel's trace_recursion bits, one context here). */
int ftrace_test_and_set_recursion(void);
void ftrace_clear_recursion(void);

/*
 * The kernel's struct dyn_ftrace: one per patch site. The low bits of
 * flags count the ops that trace the site, as FTRACE_REF_MAX does.
 */
struct ftb_site;

struct dyn_ftrace {
	unsigned long ip; /* the call slot: what callbacks receive as ip */
	unsigned long flags;
	struct ftb_site *site;
	uintptr_t target; /* where the call slot branches now, or 0 */
	const struct ftrace_ops
		*lit;	  /* what the literal holds now (CALL_OPS) */
	uintptr_t veneer; /* what the site's own veneer branches to, or 0 */
};

#define FTRACE_REF_MAX_SHIFT 23
#define FTRACE_REF_MAX ((1UL << FTRACE_REF_MAX_SHIFT) - 1)
enum {
	FTRACE_FL_ENABLED = 1UL << 31,
	FTRACE_FL_TRAMP = 1UL << 28,
	FTRACE_FL_CALL_OPS = 1UL << 24,
	/* ftbench: detoured until its veneer can be rewritten (far.c) */
	FTRACE_FL_VENEER_PENDING = 1UL << 25,
};

static inline unsigned long ftrace_rec_count(const struct dyn_ftrace *rec)
{
	return rec->flags & FTRACE_REF_MAX;
}

/* variants/records.c */
struct ftb_records {
	struct dyn_ftrace *recs;
	size_t nr;
};
extern struct ftb_records ftrace_records;

int ftrace_records_init(struct ftb_site *sites, size_t nr);
void ftrace_records_free(void);
struct dyn_ftrace *ftrace_lookup_rec(unsigned long ip);
const struct ftrace_ops *ftrace_find_unique_ops(const struct dyn_ftrace *rec);

/*
 * Registration shared by every variant: add the ops to the list (newest
 * first), account it in every record it traces, and hand each record whose
 * count changed to the variant's update hook. Shutdown is the reverse and
 * waits (rcu_tasks.c) before the caller may free anything the ops used.
 */
typedef int (*ftrace_update_rec_t)(struct dyn_ftrace *rec);
int ftrace_startup(struct ftrace_ops *ops, ftrace_update_rec_t update);
int ftrace_shutdown(struct ftrace_ops *ops, ftrace_update_rec_t update);
int ftrace_ops_would_overlap(const struct ftrace_ops *ops);

#endif /* FTB_FTRACE_H */
