// SPDX-License-Identifier: GPL-2.0
/* x86_64 encoders and rel32 range checks (asm/x86_64/insn.c). */
#include <stdio.h>
#include <string.h>

#ifdef __x86_64__
#include "asm/site.h"
#include "tests/unit/check.h"
#include "asm/x86_64/insn.h"

static int bytes_are(const uint8_t *p, const uint8_t *want, size_t n)
{
	return !memcmp(p, want, n);
}

static void test_nop5(void)
{
	static const uint8_t want[5] = { 0x0f, 0x1f, 0x44, 0x00, 0x00 };
	uint8_t b[5];

	x86_encode_nop5(b);
	CHECK(bytes_are(b, want, 5) && x86_is_nop5(b),
	      "x86 NOP5 is 0f 1f 44 00 00");
	CHECK(!x86_branch_target(b, 0x1000), "x86 NOP5 is not a branch");
}

static void test_call_jmp(void)
{
	static const uint8_t call[5] = { 0xe8, 0xfb, 0x0f, 0x00, 0x00 };
	static const uint8_t back[5] = { 0xe9, 0xfb, 0xef, 0xff, 0xff };
	uint8_t b[5];

	CHECK(!x86_encode_call(b, 0x1000, 0x2000) && bytes_are(b, call, 5),
	      "x86 CALL rel32 forward: e8 fb 0f 00 00");
	CHECK(x86_branch_target(b, 0x1000) == 0x2000,
	      "x86 CALL target decodes");
	CHECK(!x86_encode_jmp(b, 0x2000, 0x1000) && bytes_are(b, back, 5),
	      "x86 JMP rel32 backward: e9 fb ef ff ff");
	CHECK(x86_branch_target(b, 0x2000) == 0x1000, "x86 JMP target decodes");
	CHECK(!x86_encode_call(b, 0x1000, 0x1005) && b[1] == 0 && b[4] == 0,
	      "x86 CALL to the next instruction has rel32 0");
}

static void test_range(void)
{
	const uintptr_t ip = 0x7f0000000000ul, next = ip + 5;
	uint8_t b[5] = { 0x90, 0x90, 0x90, 0x90, 0x90 };

	CHECK(!x86_encode_call(b, ip, next + INT32_MAX),
	      "x86 CALL reaches next + INT32_MAX");
	CHECK(x86_encode_call(b, ip, next + (uintptr_t)INT32_MAX + 1) &&
		      b[0] == 0xe8,
	      "x86 CALL refuses next + INT32_MAX + 1");
	CHECK(!x86_encode_jmp(b, ip, next - ((uintptr_t)1 << 31)),
	      "x86 JMP reaches next - 2^31");
	memset(b, 0x90, sizeof(b));
	CHECK(x86_encode_jmp(b, ip, next - ((uintptr_t)1 << 31) - 1) &&
		      x86_is_nop1s(b, 5),
	      "x86 JMP refuses next - 2^31 - 1 and leaves the buffer alone");
	CHECK(arch_in_reach(ip, next + INT32_MAX) &&
		      !arch_in_reach(ip, next + (uintptr_t)INT32_MAX + 1) &&
		      arch_in_reach(ip, ip) && !arch_in_reach(ip, 0x1000),
	      "x86 arch_in_reach agrees with the encoders");
}

static void test_predicates(void)
{
	static const uint8_t endbr[4] = { 0xf3, 0x0f, 0x1e, 0xfa };
	static const uint8_t nops[5] = { 0x90, 0x90, 0x90, 0x90, 0x90 };
	char hex[32];

	CHECK(x86_is_endbr64(endbr) && !x86_is_endbr64(nops),
	      "x86 endbr64 test");
	CHECK(x86_is_nop1s(nops, 5) && !x86_is_nop1s(endbr, 1),
	      "x86 1-byte NOP run test");
	x86_hex(hex, sizeof(hex), endbr, 4);
	CHECK(!strcmp(hex, "f3 0f 1e fa"), "x86 hex dump for error messages");
}

int main(void)
{
	test_nop5();
	test_call_jmp();
	test_range();
	test_predicates();
	return check_exit();
}
#else
int main(void)
{
	printf("ok - x86 encoders # SKIP not x86_64\n");
	return 0;
}
#endif
