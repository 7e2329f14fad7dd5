/* SPDX-License-Identifier: GPL-2.0 */
/*
 * x86_64 instruction encoders for patch sites and trampolines, and the
 * internal interface between the files of asm/x86_64/.
 */
#ifndef FTB_X86_INSN_H
#define FTB_X86_INSN_H

#include <stddef.h>
#include <stdint.h>

#define X86_PATCH_SIZE 5 /* the site: NOP5, CALL rel32 or JMP rel32 */
#define X86_OP_CALL 0xe8
#define X86_OP_JMP 0xe9
#define X86_OP_INT3 0xcc
#define X86_OP_RET 0xc3
#define X86_OP_NOP1 0x90
#define X86_ENDBR64_SIZE 4

/* The kernel's x86_nops[5]: nopl 0x0(%rax,%rax,1). */
extern const uint8_t x86_nop5[X86_PATCH_SIZE];
/* endbr64: f3 0f 1e fa. */
extern const uint8_t x86_endbr64[X86_ENDBR64_SIZE];

/*
 * rel32 of a branch at ip whose instruction is len bytes long. Returns -1
 * when target is beyond rel32 reach.
 */
int x86_rel32(uintptr_t ip, size_t len, uintptr_t target, int32_t *rel);

/* Encoders: 0, or -1 when target is out of reach (out is left alone). */
int x86_encode_call(uint8_t out[X86_PATCH_SIZE], uintptr_t ip,
		    uintptr_t target);
int x86_encode_jmp(uint8_t out[X86_PATCH_SIZE], uintptr_t ip, uintptr_t target);
void x86_encode_nop5(uint8_t out[X86_PATCH_SIZE]);

/* Target of a CALL/JMP rel32 at ip; 0 when insn is neither. */
uintptr_t x86_branch_target(const uint8_t insn[X86_PATCH_SIZE], uintptr_t ip);

int x86_is_endbr64(const void *p);
int x86_is_nop5(const void *p);
/* n bytes of 0x90 (what -fpatchable-function-entry emits). */
int x86_is_nop1s(const void *p, size_t n);

/* "e8 12 34 56 78": for error messages. */
void x86_hex(char *buf, size_t len, const void *p, size_t n);

/*
 * text_poke.c: replace the 5-byte instruction at addr. The bytes there must
 * be `old`, else the call fails with an error naming `what`. Writes
 * directly while no other thread runs the text (ftb_text_live == 0), with
 * the int3 protocol otherwise.
 */
int x86_poke5(uintptr_t addr, const uint8_t old[X86_PATCH_SIZE],
	      const uint8_t new[X86_PATCH_SIZE], const char *what);
/* One aligned 8-byte store into text (a CALL_OPS literal). */
int x86_poke_u64(uintptr_t addr, uint64_t val);
/* Plain copy into text nobody runs yet (site init, fresh trampolines). */
int x86_text_copy(uintptr_t addr, const void *src, size_t len);
/* Cores serialised: membarrier SYNC_CORE (registered on first use). */
int x86_sync_cores(void);
/* Patches done with the int3 protocol, and traps it emulated (tests). */
unsigned long x86_poke_bp_count(void);
unsigned long x86_poke_trap_count(void);

#endif
