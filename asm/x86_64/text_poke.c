// SPDX-License-Identifier: GPL-2.0
/*
 * Writing x86 code: directly while nobody else runs it, and with the
 * kernel's int3 protocol (arch/x86/kernel/alternative.c, text_poke_bp)
 * while other threads may be executing it (ftb_text_live):
 *
 *	1. publish the patch (address, new instruction) for the trap handler
 *	2. write INT3 (cc) over the first byte;	sync cores
 *	3. write bytes 1..4 of the new instruction;	sync cores
 *	4. write its first byte;			sync cores
 *	5. retract the patch
 *
 * A thread that fetches the INT3 meanwhile gets SIGTRAP; the handler
 * emulates the new instruction (CALL: push the return address and jump;
 * JMP: jump; NOP: skip 5 bytes), as poke_int3_handler() does. "Sync cores"
 * is membarrier(MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE): every other
 * thread of the process executes a core serialising instruction before it
 * returns to user space, the stand-in for the kernel's IPI to every CPU.
 *
 * Every write happens inside a text window (variants/text.h), opened here:
 * windows nest, so a caller batching many patches pays for one.
 */
#include <errno.h>
#include <linux/membarrier.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#include "asm/site.h"
#include "asm/x86_64/insn.h"
#include "variants/text.h"

/* One patcher at a time, as the kernel's text_mutex. */
static pthread_mutex_t poke_lock = PTHREAD_MUTEX_INITIALIZER;

/*
 * The patch in progress, read by the SIGTRAP handler under a sequence
 * count (odd while it changes); the handler never blocks.
 */
static struct {
	unsigned long seq;
	uintptr_t addr;
	uint8_t insn[X86_PATCH_SIZE];
} bp_desc;

/* Lowest and highest address ever patched live: the handler reads only there. */
static uintptr_t bp_lo = UINTPTR_MAX, bp_hi;
static unsigned long nr_bp, nr_traps;
static int sync_state; /* 0: not yet, 1: registered, -1: unavailable */

unsigned long x86_poke_bp_count(void)
{
	return __atomic_load_n(&nr_bp, __ATOMIC_RELAXED);
}

unsigned long x86_poke_trap_count(void)
{
	return __atomic_load_n(&nr_traps, __ATOMIC_RELAXED);
}

/*
 * Plain copy into code nobody runs (or whose byte-wise change is harmless):
 * init of the compiled NOPs, fresh code.
 */
int x86_text_copy(uintptr_t addr, const void *src, size_t len)
{
	int ret;

	if (text_begin())
		return -1;
	ret = text_write(addr, src, len);
	if (text_end())
		ret = -1;
	return ret;
}

/* The literal: one aligned 8-byte store, so a reader sees old or new. */
int x86_poke_u64(uintptr_t addr, uint64_t val)
{
	if (addr % sizeof(uint64_t)) {
		ftb_set_error("literal at %#lx is not 8-byte aligned",
			      (unsigned long)addr);
		return -1;
	}
	if (text_begin())
		return -1;
	__atomic_store_n((uint64_t *)addr, val, __ATOMIC_RELEASE);
	return text_end();
}

static long membarrier(int cmd)
{
	return syscall(SYS_membarrier, cmd, 0, 0);
}

int x86_sync_cores(void)
{
	if (membarrier(MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE)) {
		ftb_set_error("membarrier(PRIVATE_EXPEDITED_SYNC_CORE): %s",
			      strerror(errno));
		return -1;
	}
	return 0;
}

/* Emulate the new instruction for a thread stopped on the INT3 at addr. */
static int bp_emulate(greg_t *gr, uintptr_t addr, const uint8_t *insn)
{
	uintptr_t target = x86_branch_target(insn, addr);

	if (insn[0] == X86_OP_CALL) {
		/* Where the CALL itself would write: free below any %rsp. */
		gr[REG_RSP] -= 8;
		*(uint64_t *)gr[REG_RSP] = addr + X86_PATCH_SIZE;
		gr[REG_RIP] = (greg_t)target;
	} else if (insn[0] == X86_OP_JMP) {
		gr[REG_RIP] = (greg_t)target;
	} else if (x86_is_nop5(insn)) {
		gr[REG_RIP] = (greg_t)addr + X86_PATCH_SIZE;
	} else {
		return 0;
	}
	return 1;
}

/*
 * Decide what a trap at addr (the INT3's address) was. Ours if it is the
 * patch in progress (emulate), or if a live patch once covered addr and
 * the INT3 has gone since: the handler ran after that patch completed,
 * so re-execute the instruction now in place. Anything else is not ours.
 */
static int bp_fixup(greg_t *gr, uintptr_t addr)
{
	for (;;) {
		unsigned long seq =
			__atomic_load_n(&bp_desc.seq, __ATOMIC_ACQUIRE);
		uint8_t insn[X86_PATCH_SIZE], cur = X86_OP_INT3;
		int hit;

		if (seq & 1)
			continue; /* the patcher is mid-update: a few stores */
		hit = __atomic_load_n(&bp_desc.addr, __ATOMIC_RELAXED) == addr;
		memcpy(insn, bp_desc.insn, sizeof(insn));
		if (!hit && addr >= __atomic_load_n(&bp_lo, __ATOMIC_RELAXED) &&
		    addr < __atomic_load_n(&bp_hi, __ATOMIC_RELAXED))
			cur = *(volatile uint8_t *)addr;
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		if (__atomic_load_n(&bp_desc.seq, __ATOMIC_RELAXED) != seq)
			continue;
		if (hit)
			return bp_emulate(gr, addr, insn);
		if (cur == X86_OP_INT3)
			return 0;
		gr[REG_RIP] = (greg_t)addr;
		return 1;
	}
}

static void bp_handler(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	greg_t *gr = uc->uc_mcontext.gregs;
	struct sigaction dfl = { .sa_handler = SIG_DFL };

	/* si_code <= 0: sent by kill/tgkill/sigqueue, never an INT3. */
	if (si->si_code > 0 && bp_fixup(gr, (uintptr_t)gr[REG_RIP] - 1)) {
		__atomic_fetch_add(&nr_traps, 1, __ATOMIC_RELAXED);
		return;
	}
	/* Not ours: die of it as if no handler were installed. */
	sigaction(sig, &dfl, NULL);
	raise(sig);
}

/* Once: register for SYNC_CORE and install the handler (poke_lock held). */
static int bp_setup(void)
{
	struct sigaction sa = { .sa_sigaction = bp_handler,
				.sa_flags = SA_SIGINFO | SA_RESTART };
	long cmds;

	if (sync_state)
		return sync_state > 0 ? 0 : -1;
	sync_state = -1;
	cmds = membarrier(MEMBARRIER_CMD_QUERY);
	if (cmds < 0 || !(cmds & MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE)) {
		ftb_set_error("live code patching needs membarrier "
			      "PRIVATE_EXPEDITED_SYNC_CORE (Linux >= 4.16): %s",
			      cmds < 0 ? strerror(errno) : "not supported");
		return -1;
	}
	if (membarrier(MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE)) {
		ftb_set_error("membarrier register SYNC_CORE: %s",
			      strerror(errno));
		return -1;
	}
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGTRAP, &sa, NULL)) {
		ftb_set_error("sigaction(SIGTRAP): %s", strerror(errno));
		return -1;
	}
	sync_state = 1;
	return 0;
}

static void bp_publish(uintptr_t addr, const uint8_t *insn)
{
	__atomic_store_n(&bp_desc.seq, bp_desc.seq + 1, __ATOMIC_RELAXED);
	__atomic_thread_fence(__ATOMIC_RELEASE);
	__atomic_store_n(&bp_desc.addr, addr, __ATOMIC_RELAXED);
	memcpy(bp_desc.insn, insn, X86_PATCH_SIZE);
	__atomic_store_n(&bp_desc.seq, bp_desc.seq + 1, __ATOMIC_RELEASE);
}

/* Widen the range the handler may read; before the INT3 is written. */
static void bp_cover(uintptr_t addr)
{
	if (addr < bp_lo)
		__atomic_store_n(&bp_lo, addr, __ATOMIC_RELEASE);
	if (addr + X86_PATCH_SIZE > bp_hi)
		__atomic_store_n(&bp_hi, addr + X86_PATCH_SIZE,
				 __ATOMIC_RELEASE);
}

/* Steps 2-4 of the protocol; the window is open. */
static int bp_write(uintptr_t addr, const uint8_t *insn)
{
	const uint8_t int3 = X86_OP_INT3;

	if (text_write(addr, &int3, 1) || x86_sync_cores())
		return -1;
	if (memcmp((const void *)(addr + 1), insn + 1, X86_PATCH_SIZE - 1) !=
	    0) {
		if (text_write(addr + 1, insn + 1, X86_PATCH_SIZE - 1) ||
		    x86_sync_cores())
			return -1;
	}
	if (text_write(addr, insn, 1) || x86_sync_cores())
		return -1;
	return 0;
}

static int poke_bp(uintptr_t addr, const uint8_t *insn)
{
	int ret;

	if (bp_setup() || text_begin())
		return -1;
	bp_cover(addr);
	bp_publish(addr, insn);
	ret = bp_write(addr, insn);
	/*
	 * Late handlers find the INT3 gone and re-execute: see bp_fixup. If a
	 * step failed the INT3 may still be there: keep emulating the patch.
	 */
	if (!ret)
		bp_publish(0, insn);
	if (text_end())
		ret = -1;
	__atomic_fetch_add(&nr_bp, 1, __ATOMIC_RELAXED);
	return ret;
}

int x86_poke5(uintptr_t addr, const uint8_t old[X86_PATCH_SIZE],
	      const uint8_t new[X86_PATCH_SIZE], const char *what)
{
	char want[32], found[32];
	int ret = 0;

	pthread_mutex_lock(&poke_lock);
	if (memcmp((const void *)addr, old, X86_PATCH_SIZE) != 0) {
		x86_hex(want, sizeof(want), old, X86_PATCH_SIZE);
		x86_hex(found, sizeof(found), (const void *)addr,
			X86_PATCH_SIZE);
		ftb_set_error("%s: expected [%s] at %#lx, found [%s]: refusing "
			      "to patch",
			      what, want, (unsigned long)addr, found);
		ret = -1;
	} else if (memcmp(old, new, X86_PATCH_SIZE) != 0) {
		ret = __atomic_load_n(&ftb_text_live, __ATOMIC_ACQUIRE)
			      ? poke_bp(addr, new)
			      : x86_text_copy(addr, new, X86_PATCH_SIZE);
	}
	pthread_mutex_unlock(&poke_lock);
	return ret;
}
