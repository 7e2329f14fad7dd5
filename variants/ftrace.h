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

/*
 * The kernel's hlist: a bucket heads a singly linked chain whose nodes also
 * point back at the link that points to them.
 */
struct hlist_node {
	struct hlist_node *next, **pprev;
};

struct hlist_head {
	struct hlist_node *first;
};

struct ftrace_func_entry {
	struct hlist_node hlist; /* first: entries are walked by node */
	unsigned long ip;
	unsigned long direct; /* the kernel's direct-call lookup; unused */
};

/* 6.12 kernel/trace/trace.h; ftbench never frees a hash under RCU. */
struct ftrace_hash {
	unsigned long size_bits;
	struct hlist_head *buckets;
	unsigned long count;
	unsigned long flags;
};

enum { FTRACE_HASH_FL_MOD = 1UL << 0 };

/*
 * The size of the kernel's struct mutex without lock debugging (owner,
 * wait_lock, osq, wait_list: 32 bytes). ftrace_ops_hash carries one as
 * regex_lock; ftbench serialises filter changes by its registration rule
 * (variants/ops.c) and never takes it, but the size is kept: it is the
 * size of the hash pair ftrace_ops_test() builds and zeroes on its stack,
 * and it puts func_hash at the kernel's offset.
 */
struct ftb_mutex_size {
	unsigned long owner;
	unsigned int wait_lock, osq;
	struct hlist_node wait_list;
};

struct ftrace_ops_hash {
	struct ftrace_hash *notrace_hash;
	struct ftrace_hash *filter_hash;
	struct ftb_mutex_size regex_lock;
};

enum {
	FTRACE_OPS_FL_ENABLED = 1UL << 0,
	FTRACE_OPS_FL_DYNAMIC = 1UL << 1,
	FTRACE_OPS_FL_RECURSION = 1UL << 4, /* ftrace must guard recursion */
	FTRACE_OPS_FL_STUB = 1UL << 5,
	FTRACE_OPS_FL_RCU = 1UL << 14,
};

/*
 * The 6.12 layout up to func_hash (offset 88: the list walk's second cache
 * line of each ops), then what ftbench uses. func stays first: the callers
 * and trampolines load it at FTRACE_OPS_FUNC (0); the CALL_OPS caller loads
 * direct_call at FTRACE_OPS_DIRECT_CALL (asm/arm64/asm-offsets.h).
 */
struct ftrace_ops {
	ftrace_func_t func;
	struct ftrace_ops *next;
	unsigned long flags;
	void *private;
	ftrace_func_t saved_func;
	struct ftrace_ops_hash local_hash;
	struct ftrace_ops_hash *func_hash;
	void *trampoline; /* dyntramp: this ops' trampoline, or NULL */
	unsigned long trampoline_size;
	unsigned long direct_call; /* DIRECT_CALLS: always 0 in ftbench */
	const char *name;
};

#define FTRACE_OPS_FUNC 0
#define FTRACE_OPS_FUNC_HASH 88
_Static_assert(offsetof(struct ftrace_ops, func) == FTRACE_OPS_FUNC,
	       "ops->func is what the callers load");
_Static_assert(offsetof(struct ftrace_ops, func_hash) == FTRACE_OPS_FUNC_HASH,
	       "func_hash at the 6.12 offset");

/*
 * The kernel's hash_64(): multiplicative hashing by the golden ratio, for
 * 1 <= bits <= 32 (ftrace_hash_key() takes 0 bits as bucket 0).
 */
#define GOLDEN_RATIO_64 0x61C8864680B583EBull
#define FTRACE_HASH_MAX_BITS 12

static inline uint32_t hash_64(uint64_t val, unsigned int bits)
{
	return (uint32_t)((val * GOLDEN_RATIO_64) >> (64 - bits));
}

/* The kernel's READ_ONCE(): a plain load the compiler must emit once. */
#define READ_ONCE(x) (*(const volatile __typeof__(x) *)&(x))
/* rcu_dereference_raw(): READ_ONCE (address dependencies order the rest). */
#define rcu_dereference_raw(p) READ_ONCE(p)
/* rcu_assign_pointer(): smp_store_release(), STLR on arm64. */
#define rcu_assign_pointer(p, v) __atomic_store_n(&(p), (v), __ATOMIC_RELEASE)

/* variants/hash.c */
struct ftrace_hash *ftrace_hash_alloc(unsigned int size_bits);
void ftrace_hash_free(struct ftrace_hash *hash);
int ftrace_hash_add_ip(struct ftrace_hash *hash, unsigned long ip);
struct ftrace_hash *ftrace_hash_commit(struct ftrace_hash *src);
struct ftrace_hash *ftrace_hash_from_ips(const unsigned long *ips, size_t n);
unsigned int ftrace_hash_bits_for(unsigned long count);
struct ftrace_func_entry *ftrace_lookup_ip(struct ftrace_hash *hash,
					   unsigned long ip);

/*
 * The lookup helpers in the kernel's form (kernel/trace/trace.h and
 * ftrace.c, 6.12), always inlined as there. Not const-qualified, and the
 * chain walked with the NULL-safe entry conversion of
 * hlist_for_each_entry_rcu_notrace(): GCC 12 then lays the lookup out as
 * it does the kernel's (size_bits and buckets loaded apart, the bucket
 * indexed by a shifted register).
 */
#define __ftb_always_inline inline __attribute__((always_inline))

/* A MOD hash (a module filter pending) is not empty. */
static __ftb_always_inline _Bool
ftrace_hash_empty(const struct ftrace_hash *hash)
{
	return !hash || !(hash->count || (hash->flags & FTRACE_HASH_FL_MOD));
}

static __ftb_always_inline unsigned long
ftrace_hash_key(struct ftrace_hash *hash, unsigned long ip)
{
	if (hash->size_bits > 0)
		return hash_64(ip, (unsigned int)hash->size_bits);
	return 0;
}

/* hlist_entry_safe(): the node's entry, or NULL for a NULL node. */
#define ftrace_entry_safe(node)                                              \
	({                                                                   \
		struct hlist_node *__n = (node);                             \
		__n ? (struct ftrace_func_entry                              \
			       *)((char *)__n -                              \
				  offsetof(struct ftrace_func_entry, hlist)) \
		    : NULL;                                                  \
	})

/* Only after ftrace_hash_empty() said no, as in the kernel. */
static __ftb_always_inline struct ftrace_func_entry *
__ftrace_lookup_ip(struct ftrace_hash *hash, unsigned long ip)
{
	unsigned long key = ftrace_hash_key(hash, ip); /* before buckets */
	struct hlist_head *hhd = &hash->buckets[key];
	struct ftrace_func_entry *entry;

	for (entry = ftrace_entry_safe(rcu_dereference_raw(hhd->first)); entry;
	     entry = ftrace_entry_safe(
		     rcu_dereference_raw(entry->hlist.next))) {
		/*
		 * Opaque to GCC 12, which would otherwise peel the first
		 * step of the walk (one instruction less on a match than the
		 * kernel's build): docs/deviations.md.
		 */
		__asm__("" : "+r"(entry));
		if (entry->ip == ip)
			return entry;
	}
	return NULL;
}

/* variants/ops.c: the registry, the list walk, nop and list ops. */
extern struct ftrace_ops *ftrace_ops_list;
extern struct ftrace_ops ftrace_list_end;
extern struct ftrace_ops ftrace_nop_ops;
extern struct ftrace_ops ftrace_list_ops;
extern struct ftrace_ops *function_trace_op;
extern int ftrace_disabled;

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
