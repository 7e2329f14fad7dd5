// SPDX-License-Identifier: GPL-2.0
/*
 * x86_64 encoders for the 5-byte patch site (arch/x86/include/asm/
 * text-patching.h: text_gen_insn) with rel32 range checks.
 */
#include <stdio.h>
#include <string.h>

#include "asm/x86_64/insn.h"

const uint8_t x86_nop5[X86_PATCH_SIZE] = { 0x0f, 0x1f, 0x44, 0x00, 0x00 };
const uint8_t x86_endbr64[X86_ENDBR64_SIZE] = { 0xf3, 0x0f, 0x1e, 0xfa };

int x86_rel32(uintptr_t ip, size_t len, uintptr_t target, int32_t *rel)
{
	/* Two's complement difference, then check it fits a signed 32. */
	int64_t d = (int64_t)(target - (ip + len));

	if (d < INT32_MIN || d > INT32_MAX)
		return -1;
	*rel = (int32_t)d;
	return 0;
}

static int encode_rel32(uint8_t out[X86_PATCH_SIZE], uint8_t op, uintptr_t ip,
			uintptr_t target)
{
	int32_t rel;

	if (x86_rel32(ip, X86_PATCH_SIZE, target, &rel))
		return -1;
	out[0] = op;
	memcpy(out + 1, &rel, sizeof(rel)); /* x86 is little endian */
	return 0;
}

int x86_encode_call(uint8_t out[X86_PATCH_SIZE], uintptr_t ip, uintptr_t target)
{
	return encode_rel32(out, X86_OP_CALL, ip, target);
}

int x86_encode_jmp(uint8_t out[X86_PATCH_SIZE], uintptr_t ip, uintptr_t target)
{
	return encode_rel32(out, X86_OP_JMP, ip, target);
}

void x86_encode_nop5(uint8_t out[X86_PATCH_SIZE])
{
	memcpy(out, x86_nop5, X86_PATCH_SIZE);
}

uintptr_t x86_branch_target(const uint8_t insn[X86_PATCH_SIZE], uintptr_t ip)
{
	int32_t rel;

	if (insn[0] != X86_OP_CALL && insn[0] != X86_OP_JMP)
		return 0;
	memcpy(&rel, insn + 1, sizeof(rel));
	return ip + X86_PATCH_SIZE + (uintptr_t)(intptr_t)rel;
}

int x86_is_endbr64(const void *p)
{
	return !memcmp(p, x86_endbr64, X86_ENDBR64_SIZE);
}

int x86_is_nop5(const void *p)
{
	return !memcmp(p, x86_nop5, X86_PATCH_SIZE);
}

int x86_is_nop1s(const void *p, size_t n)
{
	const uint8_t *b = p;

	for (size_t i = 0; i < n; i++)
		if (b[i] != X86_OP_NOP1)
			return 0;
	return 1;
}

void x86_hex(char *buf, size_t len, const void *p, size_t n)
{
	const uint8_t *b = p;
	size_t used = 0;

	if (len)
		buf[0] = '\0';
	for (size_t i = 0; i < n && used + 4 <= len; i++)
		used += (size_t)snprintf(buf + used, len - used, "%s%02x",
					 i ? " " : "", b[i]);
}
