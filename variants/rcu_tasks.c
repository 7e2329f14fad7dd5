// SPDX-License-Identifier: GPL-2.0
/*
 * Quiescent-state-based grace periods (see rcu_tasks.h). The registry is a
 * fixed array: ftbench runs at most a few threads per CPU.
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>

#include "variants/rcu_tasks.h"

#define RCU_MAX_THREADS 256

struct rcu_reader {
	unsigned long seen; /* last grace period this thread observed */
	int online;
	int used;
};

static struct rcu_reader readers[RCU_MAX_THREADS];
static unsigned long gp_seq;
static unsigned long gp_count;
static pthread_mutex_t gp_lock = PTHREAD_MUTEX_INITIALIZER;
static __thread struct rcu_reader *self;

int ftb_rcu_register_thread(void)
{
	int ret = -ENOSPC;

	pthread_mutex_lock(&gp_lock);
	for (int i = 0; i < RCU_MAX_THREADS; i++) {
		if (readers[i].used)
			continue;
		readers[i].used = 1;
		readers[i].seen = __atomic_load_n(&gp_seq, __ATOMIC_ACQUIRE);
		__atomic_store_n(&readers[i].online, 1, __ATOMIC_RELEASE);
		self = &readers[i];
		ret = 0;
		break;
	}
	pthread_mutex_unlock(&gp_lock);
	return ret;
}

void ftb_rcu_unregister_thread(void)
{
	if (!self)
		return;
	pthread_mutex_lock(&gp_lock);
	__atomic_store_n(&self->online, 0, __ATOMIC_RELEASE);
	self->used = 0;
	self = NULL;
	pthread_mutex_unlock(&gp_lock);
}

void ftb_rcu_quiescent(void)
{
	if (self)
		__atomic_store_n(&self->seen,
				 __atomic_load_n(&gp_seq, __ATOMIC_ACQUIRE),
				 __ATOMIC_RELEASE);
}

void ftb_rcu_offline(void)
{
	if (self)
		__atomic_store_n(&self->online, 0, __ATOMIC_RELEASE);
}

void ftb_rcu_online(void)
{
	if (!self)
		return;
	__atomic_store_n(&self->online, 1, __ATOMIC_RELEASE);
	ftb_rcu_quiescent();
}

static int reader_blocks(const struct rcu_reader *r, unsigned long target)
{
	return r->used && r != self &&
	       __atomic_load_n(&r->online, __ATOMIC_ACQUIRE) &&
	       __atomic_load_n(&r->seen, __ATOMIC_ACQUIRE) < target;
}

/* Start a grace period and wait until every other online reader saw it. */
void ftb_synchronize_rcu_tasks(void)
{
	unsigned long target;

	pthread_mutex_lock(&gp_lock);
	target = __atomic_add_fetch(&gp_seq, 1, __ATOMIC_SEQ_CST);
	for (int i = 0; i < RCU_MAX_THREADS; i++)
		while (reader_blocks(&readers[i], target))
			sched_yield();
	gp_count++;
	pthread_mutex_unlock(&gp_lock);
}

unsigned long ftb_rcu_grace_periods(void)
{
	return gp_count;
}

__attribute__((noinline)) _Bool ftb_rcu_is_watching(void)
{
	return 1;
}
