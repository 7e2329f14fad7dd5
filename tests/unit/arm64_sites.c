// SPDX-License-Identifier: GPL-2.0
/*
 * arm64 site checks that need a bad corpus: a misaligned ops literal and an
 * unexpected instruction are refused, with the function named. The bad
 * corpus is written in asm below and replaces the real corpus descriptors
 * for this binary.
 */
#include <string.h>

#include "bench/corpus.h"
#include "tests/unit/check.h"

#ifdef __aarch64__
/*
 * ftb_text_literal:  +0 pad | +4 NOP NOP (literal at 4 mod 8: misaligned)
 *                    | bad_f0: NOP NOP RET
 * ftb_text_plain:    bad_p0: NOP, "MOV X0, #1" (not a NOP), RET
 */
__asm__(".section ftb_text_literal, \"ax\"\n"
	".balign 8\n"
	".word 0xd503201f\n"
	"bad_lit: .word 0xd503201f, 0xd503201f\n"
	".globl bad_f0\n"
	"bad_f0: .word 0xd503201f, 0xd503201f\n"
	"ret\n"
	".section ftb_text_plain, \"ax\"\n"
	".balign 8\n"
	".globl bad_p0\n"
	"bad_p0: .word 0xd503201f\n"
	"mov x0, #1\n"
	"ret\n"
	".section __patchable_function_entries, \"aw\"\n"
	".balign 8\n"
	".quad bad_lit, bad_p0\n"
	".text\n");

unsigned long bad_f0(unsigned long, unsigned long);
unsigned long bad_p0(unsigned long, unsigned long);
extern char __start_ftb_text_literal[], __stop_ftb_text_literal[];
extern char __start_ftb_text_plain[], __stop_ftb_text_plain[];
static const ftb_fn_t lit_table[] = { bad_f0 };
static const ftb_fn_t plain_table[] = { bad_p0 };

const struct ftb_corpus_desc ftb_corpus_literal = { "literal",
						    lit_table,
						    1,
						    __start_ftb_text_literal,
						    __stop_ftb_text_literal,
						    "",
						    NULL };
const struct ftb_corpus_desc ftb_corpus_plain = {
	"plain", plain_table, 1, __start_ftb_text_plain, __stop_ftb_text_plain,
	"",	 NULL
};

static void test_refusals(void)
{
	struct ftb_corpus c;
	char err[FTB_ERRLEN] = "";
	int ret;

	ret = ftb_corpus_open(&c, FTB_LAYOUT_LITERAL, 1, err, sizeof(err));
	CHECK(ret && strstr(err, "ftb_literal_f0") &&
		      strstr(err, "not 8-byte aligned"),
	      "misaligned literal refused, function named: %s", err);
	ret = ftb_corpus_open(&c, FTB_LAYOUT_PLAIN, 1, err, sizeof(err));
	CHECK(ret && strstr(err, "ftb_plain_f0") &&
		      strstr(err, "unexpected instruction d2800020"),
	      "unexpected instruction refused, function named: %s", err);
	ret = ftb_corpus_open(&c, FTB_LAYOUT_PLAIN, 2, err, sizeof(err));
	CHECK(ret && strstr(err, "--funcs 2") && strstr(err, "built with 1"),
	      "more functions than built refused: %s", err);
}

int main(void)
{
	test_refusals();
	return check_exit();
}
#else
int main(void)
{
	SKIP("arm64 bad-corpus refusals", "not an arm64 build");
	return check_exit();
}
#endif
