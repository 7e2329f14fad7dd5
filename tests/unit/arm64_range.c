// SPDX-License-Identifier: GPL-2.0
/*
 * The arm64 layouts of the `range` scenario, on the real corpus:
 * - BTI (=2 and =4,2 with -mbranch-protection=bti): BTI C at the entry,
 *   the slots one instruction down, and the corpus pages really guarded
 *   while a variant owns them: an indirect call that lands past the BTI C
 *   raises SIGILL, and no longer does once the sites are released;
 * - VENEER (=5,3): the veneer slot before the function, written, read
 *   back, refused when the bytes are not the ones expected, and reset.
 */
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench/corpus.h"
#include "tests/unit/check.h"

#ifdef __aarch64__
#include "asm/arm64/insn.h"
#include "asm/arm64/veneer.h"
#include "variants/text.h"
#include "variants/variant.h"

/* Strong references: the test links the corpus archive. */
extern const struct ftb_corpus_desc ftb_corpus_plain, ftb_corpus_plain_bti,
	ftb_corpus_literal_bti, ftb_corpus_veneer;
static const struct ftb_corpus_desc *const used[] = { &ftb_corpus_plain,
						      &ftb_corpus_plain_bti,
						      &ftb_corpus_literal_bti,
						      &ftb_corpus_veneer };

static uint32_t word(uintptr_t a)
{
	return *(const volatile uint32_t *)a;
}

/* Call addr as a function in a child: 0 returned, else the signal. */
static int call_in_child(uintptr_t addr)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		ftb_fn_t fn = (ftb_fn_t)addr;
		int null = open("/dev/null", O_WRONLY);

		/* qemu-user reports the expected fault on our stderr. */
		if (null >= 0)
			dup2(null, 2);
		fn(1, 0);
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	if (WIFSIGNALED(status))
		return WTERMSIG(status);
	return WEXITSTATUS(status) ? -1 : 0;
}

static void test_bti_geometry(void)
{
	struct ftb_corpus c;
	char err[FTB_ERRLEN] = "";
	const struct ftb_site *s;

	if (ftb_corpus_open(&c, FTB_LAYOUT_PLAIN_BTI, 16, err, sizeof(err))) {
		CHECK(0, "plain_bti corpus opens: %s", err);
		return;
	}
	s = &c.sites[1];
	CHECK(word(s->func) == A64_BTI_C && s->base == s->func + 4 &&
		      s->call == s->func + 8 && !s->literal && !s->veneer,
	      "plain_bti: BTI C at f+0, entry at f+4, call slot at f+8");
	ftb_corpus_close(&c);
	if (ftb_corpus_open(&c, FTB_LAYOUT_LITERAL_BTI, 16, err, sizeof(err))) {
		CHECK(0, "literal_bti corpus opens: %s", err);
		return;
	}
	s = &c.sites[1];
	CHECK(word(s->func) == A64_BTI_C && s->literal == s->func - 8 &&
		      !(s->literal & 7) && s->call == s->func + 8,
	      "literal_bti: literal at f-8 (8-aligned), BTI C, call slot f+8");
	ftb_corpus_close(&c);
}

/*
 * f+4 is the MOV slot, not a landing pad: with the pages guarded a BLR to
 * it faults; the plain corpus and released BTI pages run it.
 */
static void test_bti_guard(void)
{
	struct ftb_corpus c, p;
	char err[FTB_ERRLEN] = "";
	uintptr_t past;
	int sig;

	if (!arch_layout_prot(FTB_LAYOUT_PLAIN_BTI)) {
		SKIP("BTI guard", "this CPU has no BTI (HWCAP2_BTI)");
		return;
	}
	if (ftb_corpus_open(&c, FTB_LAYOUT_PLAIN_BTI, 16, err, sizeof(err)) ||
	    ftb_corpus_open(&p, FTB_LAYOUT_PLAIN, 16, err, sizeof(err))) {
		CHECK(0, "corpora open: %s", err);
		return;
	}
	past = c.sites[1].func + 4;
	CHECK(!ftb_sites_init(&c, err, sizeof(err)), "BTI sites init: %s", err);
	sig = call_in_child(past);
	CHECK(sig == SIGILL,
	      "BLR past BTI C on a guarded corpus page: signal %d (SIGILL "
	      "expected)",
	      sig);
	sig = call_in_child(c.sites[1].func);
	CHECK(sig == 0, "BLR to the BTI C itself runs (signal %d)", sig);
	ftb_sites_fini();
	sig = call_in_child(past);
	CHECK(sig == 0, "released, the pages are unguarded again (signal %d)",
	      sig);
	CHECK(!ftb_sites_init(&p, err, sizeof(err)), "plain sites init: %s",
	      err);
	sig = call_in_child(p.sites[1].func + 4);
	CHECK(sig == 0, "plain corpus: the same call runs (signal %d)", sig);
	ftb_sites_fini();
	ftb_corpus_close(&c);
	ftb_corpus_close(&p);
}

static void test_veneer_slot(void)
{
	struct ftb_corpus c;
	char err[FTB_ERRLEN] = "";
	const struct ftb_site *s;
	uint32_t v[3];
	uintptr_t to = 0, far1, far2;

	if (ftb_corpus_open(&c, FTB_LAYOUT_VENEER, 16, err, sizeof(err))) {
		CHECK(0, "veneer corpus opens: %s", err);
		return;
	}
	s = &c.sites[2];
	CHECK(s->veneer == s->func - 12 && s->base == s->veneer &&
		      s->call == s->func + 4 && !s->literal,
	      "veneer: slot at f-12, MOV at f+0, call slot at f+4");
	far1 = (s->func + (1ul << 30)) & ~0xffful;
	far2 = far1 + 0x2040;
	if (text_region_add(s->veneer, s->func + 8) || text_begin()) {
		CHECK(0, "text window over the veneer");
		return;
	}
	CHECK(!arch_site_init(s, &ftrace_nop_ops), "site init: %s",
	      ftb_last_error());
	CHECK(!arch_site_set_veneer(s, 0, far1), "NOPs -> veneer to +1 GiB");
	for (int i = 0; i < 3; i++)
		v[i] = word(s->veneer + 4 * (uintptr_t)i);
	CHECK(!a64_veneer_target(s->veneer, v, &to) && to == far1 &&
		      v[2] == a64_br(A64_X16),
	      "the veneer reads back: ADRP/ADD/BR X16 to %#lx",
	      (unsigned long)to);
	CHECK(arch_site_set_veneer(s, 0, far2) &&
		      strstr(ftb_last_error(), "expected a veneer"),
	      "rewrite refused when the old bytes differ: %s",
	      ftb_last_error());
	CHECK(!arch_site_set_veneer(s, far1, far2), "retarget to another page");
	CHECK(arch_site_set_veneer(s, far2, s->func + (5ul << 30)),
	      "a target beyond ADRP's 4 GiB is refused: %s", ftb_last_error());
	CHECK(!arch_site_reset(s) && word(s->veneer) == A64_NOP &&
		      word(s->veneer + 8) == A64_NOP,
	      "reset puts the compiled NOPs back");
	text_end();
	text_region_remove(s->veneer, s->func + 8);
	ftb_corpus_close(&c);
}

int main(void)
{
	size_t built = 0;

	for (size_t i = 0; i < sizeof(used) / sizeof(used[0]); i++)
		built += !!used[i]->nr;
	CHECK(built == 4, "the range layouts are built (%zu of 4)", built);
	test_bti_geometry();
	test_bti_guard();
	test_veneer_slot();
	return check_exit();
}
#else
int main(void)
{
	SKIP("arm64 range layouts (BTI, veneer)", "not an arm64 build");
	return check_exit();
}
#endif
