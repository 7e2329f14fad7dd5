/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The user-space stand-in for the kernel's RCU-tasks wait, which ftrace uses
 * before freeing a dynamic ops or its trampoline: quiescent-state-based
 * reclamation. Threads that run traced code register, and announce a
 * quiescent state (they are in no trampoline and hold no ops) between
 * batches of calls, as a task does by context switching. A grace period
 * ends once every registered online thread has announced one.
 */
#ifndef FTB_RCU_TASKS_H
#define FTB_RCU_TASKS_H

int ftb_rcu_register_thread(void);
void ftb_rcu_unregister_thread(void);
void ftb_rcu_quiescent(void);
void ftb_rcu_offline(void);
void ftb_rcu_online(void);
void ftb_synchronize_rcu_tasks(void);
unsigned long ftb_rcu_grace_periods(void);

/*
 * There is no idle or NMI context in user space: RCU always watches. Out of
 * line, as the kernel's rcu_is_watching(), so the FTRACE_OPS_FL_RCU test
 * before it stays in the walk.
 */
_Bool ftb_rcu_is_watching(void);

#endif
