// SPDX-License-Identifier: GPL-2.0
/*
 * A64 encoders against encodings assembled by GNU as (aarch64-linux-gnu-as
 * of "bl", "ldr x2, lit", "adrp", ...), with range and alignment checks.
 * Built for every ISA: the encoders are plain C.
 */
#include "asm/arm64/insn.c"
#include "tests/unit/check.h"

static void test_branches(void)
{
	uint32_t i = 0;

	CHECK(!a64_bl(0x1000, 0x1000, &i) && i == 0x94000000u, "bl .");
	CHECK(!a64_bl(0x1000, 0x1004, &i) && i == 0x94000001u, "bl .+4");
	CHECK(!a64_bl(0x1000, 0x0ffc, &i) && i == 0x97ffffffu, "bl .-4");
	CHECK(!a64_b(0x1000, 0x1008, &i) && i == 0x14000002u, "b .+8");
	CHECK(!a64_bl(0x8000000, 0x8000000 + (128ul << 20) - 4, &i) &&
		      i == 0x95ffffffu,
	      "bl reaches +128 MiB - 4");
	CHECK(!a64_bl(0x8000000, 0x8000000 - (128ul << 20), &i) &&
		      i == 0x96000000u,
	      "bl reaches -128 MiB");
	CHECK(a64_bl(0x8000000, 0x8000000 + (128ul << 20), &i),
	      "bl refuses +128 MiB");
	CHECK(a64_bl(0x8000000, 0x8000000 - (128ul << 20) - 4, &i),
	      "bl refuses -128 MiB - 4");
	CHECK(a64_bl(0x1000, 0x1002, &i), "bl refuses a misaligned target");
	CHECK(a64_is_bl(0x97ffffffu) && !a64_is_bl(A64_NOP),
	      "a64_is_bl tells BL from NOP");
	CHECK(a64_bl_target(0x1000, 0x97ffffffu) == 0x0ffc,
	      "a64_bl_target decodes a backward BL");
}

static void test_others(void)
{
	uint32_t i = 0, v[3];

	/* ldr x2, .+8 = 0x58000042; ldr x16, .-4 = 0x58fffff0 */
	CHECK(!a64_ldr_literal(0x1000, 0x1008, 2, &i) && i == 0x58000042u,
	      "ldr x2, .+8");
	CHECK(!a64_ldr_literal(0x1000, 0x0ffc, 16, &i) && i == 0x58fffff0u,
	      "ldr x16, .-4");
	CHECK(a64_ldr_literal(0x1000, 0x1000 + (1ul << 20), 2, &i),
	      "ldr literal refuses +1 MiB");
	/* adrp x16, +3 pages at 0x1234: immlo = 3, immhi = 0 */
	CHECK(!a64_adrp(0x1234, 0x4000, 16, &i) && i == 0xf0000010u,
	      "adrp x16, +3 pages");
	CHECK(a64_add_lo12(16, 16, 0x4567) == 0x91159e10u,
	      "add x16, x16, #0x567");
	CHECK(a64_br(16) == 0xd61f0200u && a64_blr(4) == 0xd63f0080u,
	      "br x16 / blr x4");
	CHECK(!a64_veneer(0x10000000, 0x90001234, v) && v[2] == 0xd61f0200u,
	      "a veneer reaches 2 GiB away through x16");
	CHECK(a64_veneer(0x10000000, 0x10000000ul + (5ul << 30), v),
	      "a veneer refuses 5 GiB");
	CHECK(A64_MOV_X9_X30 == 0xaa1e03e9u && A64_BTI_C == 0xd503245fu &&
		      A64_NOP == 0xd503201fu,
	      "MOV X9, X30 / BTI C / NOP encodings");
}

/* a64_veneer_target() reads back what a64_veneer() wrote, and only that. */
static void test_veneer_decode(void)
{
	static const uintptr_t pcs[] = { 0x10000000, 0x7fff1000, 0x400ffc };
	static const long offs[] = { 0x90001234L, -0x40000004L, 0x10000000L,
				     (1L << 32) - 0x1000, -(1L << 32) };
	uint32_t v[3];
	uintptr_t got = 0;
	int bad = 0;

	for (size_t p = 0; p < sizeof(pcs) / sizeof(pcs[0]); p++) {
		for (size_t o = 0; o < sizeof(offs) / sizeof(offs[0]); o++) {
			uintptr_t to = pcs[p] + (uintptr_t)offs[o];

			if (a64_veneer(pcs[p], to, v))
				continue;
			bad += a64_veneer_target(pcs[p], v, &got) || got != to;
		}
	}
	CHECK(!bad, "veneer targets decode back, forwards and backwards");
	a64_veneer(0x10000000, 0x20000000, v);
	v[2] = a64_blr(16);
	CHECK(a64_veneer_target(0x10000000, v, &got),
	      "a veneer ending in BLR X16 is not a veneer");
	a64_veneer(0x10000000, 0x20000000, v);
	v[0] |= 1; /* ADRP X17 */
	CHECK(a64_veneer_target(0x10000000, v, &got),
	      "a veneer through X17 is not one of ours");
}

int main(void)
{
	test_branches();
	test_others();
	test_veneer_decode();
	return check_exit();
}
