// SPDX-License-Identifier: GPL-2.0
/*
 * x86_64 patch sites, shared callers and trampolines on test functions
 * compiled here with each layout's attributes (and, for the endbr64
 * geometry of -fcf-protection, written in asm the way GCC emits it).
 */
#include <stdio.h>
#include <string.h>

#ifdef __x86_64__
#include <signal.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "asm/site.h"
#include "tests/unit/check.h"
#include "asm/x86_64/insn.h"
#include "variants/execmem.h"
#include "variants/ftrace.h"
#include "variants/text.h"

#define TEXT __attribute__((section("ftb_x86_test"), noipa, used))
#define PLAIN __attribute__((patchable_function_entry(5, 0), aligned(16)))
#define LITERAL __attribute__((patchable_function_entry(21, 16), aligned(16)))

typedef unsigned long (*fn6_t)(unsigned long, unsigned long, unsigned long,
			       unsigned long, unsigned long, unsigned long);

/* Weighted, so a swapped or clobbered argument shows. */
#define BODY return (a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f)
#define ARGS                                                                \
	unsigned long a, unsigned long b, unsigned long c, unsigned long d, \
		unsigned long e, unsigned long f
TEXT PLAIN unsigned long plain_fn(ARGS)
{
	BODY;
}
TEXT PLAIN unsigned long fresh_fn(ARGS)
{
	BODY + 1;
}
TEXT LITERAL unsigned long lit_fn(ARGS)
{
	BODY;
}
TEXT unsigned long untraceable_fn(ARGS)
{
	BODY + 2;
}
TEXT unsigned long replacement_fn(ARGS)
{
	return a + b + c + d + e + f + 1000;
}

/*
 * What GCC emits with -fcf-protection=branch (checked on GCC 12): endbr64
 * at the symbol, the call slot after it; for =21,16 the 16 NOPs stay before
 * the symbol. Both compute the plain sum a+b+c+d+e+f.
 */
#define CET_BODY                                                     \
	"endbr64\n\tnop\n\tnop\n\tnop\n\tnop\n\tnop\n\t"             \
	"lea (%rdi,%rsi),%rax\n\tadd %rdx,%rax\n\tadd %rcx,%rax\n\t" \
	"add %r8,%rax\n\tadd %r9,%rax\n\tret\n"
__asm__(".pushsection ftb_x86_test, \"ax\", @progbits\n"
	".p2align 4\n"
	"cet_plain_fn:\n\t" CET_BODY ".p2align 4\n"
	"cet_lit_base:\n\t.fill 16, 1, 0x90\n"
	"cet_lit_fn:\n\t" CET_BODY ".popsection\n");
unsigned long cet_plain_fn(ARGS);
unsigned long cet_lit_fn(ARGS);

/* A traced function returning the %rax it was entered with. */
__asm__(".pushsection ftb_x86_test, \"ax\", @progbits\n"
	".p2align 4\n"
	"rax_fn:\n\tnop\n\tnop\n\tnop\n\tnop\n\tnop\n\tret\n"
	".popsection\n");
extern char rax_fn[];

/* Calls rax_fn with %rax = 42, as a variadic call passes %al. */
__attribute__((noipa)) static unsigned long call_rax(void)
{
	unsigned long rax = 42;

	__asm__ volatile("call rax_fn"
			 : "+a"(rax)
			 :
			 : "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11",
			   "memory", "cc");
	return rax;
}
extern char cet_lit_base[];
extern char __start_ftb_x86_test[], __stop_ftb_x86_test[];

static void ok_err(int cond, const char *name, const char *err)
{
	CHECK(cond, "%s", name);
	if (!cond)
		printf("# %s\n", err);
}

/* What the last callback saw. */
static struct seen {
	unsigned long nr, ip, parent, ret_slot;
	struct ftrace_ops *op;
	struct ftrace_regs *fregs;
	unsigned long di, r9, ip_reg, sp_parent;
	int aligned;
} seen;

/* Puts junk in every argument register the callback could clobber. */
__attribute__((noipa)) void clobber(unsigned long a, unsigned long b,
				    unsigned long c, unsigned long d,
				    unsigned long e, unsigned long f)
{
	__asm__ volatile("" ::"r"(a), "r"(b), "r"(c), "r"(d), "r"(e), "r"(f));
}

static void record(unsigned long ip, unsigned long parent,
		   struct ftrace_ops *op, struct ftrace_regs *fregs)
{
	seen.nr++;
	seen.ip = ip;
	seen.parent = parent;
	seen.op = op;
	seen.fregs = fregs;
	if (fregs) {
		seen.di = fregs->di;
		seen.r9 = fregs->r9;
		seen.ip_reg = fregs->ip;
		seen.sp_parent = *(unsigned long *)fregs->sp;
	}
}

__attribute__((noipa)) static void cb(unsigned long ip, unsigned long parent,
				      struct ftrace_ops *op,
				      struct ftrace_regs *fregs)
{
	/* rbp = entry %rsp - 8: 16-aligned iff the call site was. */
	seen.aligned = (uintptr_t)__builtin_frame_address(0) % 16 == 0;
	record(ip, parent, op, fregs);
	clobber(~0ul, ~1ul, ~2ul, ~3ul, ~4ul, ~5ul);
	__asm__ volatile("movq $-1, %%rax" ::: "rax"); /* and %rax */
}

/* A livepatch-style callback: the traced call returns to another body. */
__attribute__((noipa)) static void redirect_cb(unsigned long ip,
					       unsigned long parent,
					       struct ftrace_ops *op,
					       struct ftrace_regs *fregs)
{
	record(ip, parent, op, fregs);
	fregs->ip = (unsigned long)replacement_fn;
}

static struct ftrace_ops ops1 = { .func = cb, .name = "ops1" };
static struct ftrace_ops ops2 = { .func = cb, .name = "ops2" };

/* Calls fn; parent_ip must be the return address in here. */
__attribute__((noipa)) static unsigned long call6(fn6_t fn)
{
	unsigned long r = fn(1, 10, 100, 1000, 10000, 100000);

	/* Something after the call: no tail call, the parent ip is here. */
	__asm__ volatile("" : "+r"(r));
	return r;
}

#define WEIGHTED 654321ul
#define SUM 111111ul

struct tsite {
	const char *name;
	fn6_t fn;
	unsigned long want;
	struct ftb_site s;
};

static struct tsite plain = { .name = "plain",
			      .fn = plain_fn,
			      .want = WEIGHTED };
static struct tsite cet_plain = { .name = "plain+endbr64",
				  .fn = cet_plain_fn,
				  .want = SUM };
static struct tsite lit = { .name = "literal", .fn = lit_fn, .want = WEIGHTED };
static struct tsite cet_lit = { .name = "literal+endbr64",
				.fn = cet_lit_fn,
				.want = SUM };

static void setup_site(struct tsite *t, uintptr_t base, uint8_t layout,
		       uint32_t index)
{
	char err[FTB_ERRLEN] = "", name[128];

	t->s = (struct ftb_site){ .base = base,
				  .func = (uintptr_t)t->fn,
				  .index = index,
				  .layout = layout };
	snprintf(name, sizeof(name), "x86 describe %s", t->name);
	ok_err(!arch_site_describe(&t->s, err, sizeof(err)), name, err);
}

static void test_describe(void)
{
	uintptr_t f;

	setup_site(&plain, (uintptr_t)plain_fn, FTB_LAYOUT_PLAIN, 1);
	setup_site(&cet_plain, (uintptr_t)cet_plain_fn + 4, FTB_LAYOUT_PLAIN,
		   2);
	setup_site(&lit, (uintptr_t)lit_fn - 16, FTB_LAYOUT_LITERAL, 3);
	setup_site(&cet_lit, (uintptr_t)cet_lit_base, FTB_LAYOUT_LITERAL, 4);
	CHECK(plain.s.call == (uintptr_t)plain_fn && !plain.s.literal,
	      "x86 plain: call slot at the entry, no literal");
	CHECK(cet_plain.s.call == (uintptr_t)cet_plain_fn + 4,
	      "x86 plain+endbr64: call slot after endbr64");
	f = (uintptr_t)lit_fn;
	CHECK(lit.s.call == f && lit.s.literal == f - 8 && f % 16 == 0,
	      "x86 literal: 16-aligned entry, literal at func-8");
	f = (uintptr_t)cet_lit_fn;
	CHECK(cet_lit.s.call == f + 4 && cet_lit.s.literal == f - 8 &&
		      cet_lit.s.literal % 8 == 0,
	      "x86 literal+endbr64: call slot at func+4, literal at func-8");
}

static void expect_describe_error(uintptr_t base, uintptr_t func,
				  uint8_t layout, const char *needle,
				  const char *name)
{
	struct ftb_site s = { .base = base, .func = func, .layout = layout };
	char err[FTB_ERRLEN] = "";

	ok_err(arch_site_describe(&s, err, sizeof(err)) && strstr(err, needle),
	       name, err);
}

static void test_describe_refusals(void)
{
	expect_describe_error((uintptr_t)untraceable_fn,
			      (uintptr_t)untraceable_fn, FTB_LAYOUT_PLAIN,
			      "expected five 1-byte NOPs",
			      "x86 describe refuses a function without a site");
	expect_describe_error((uintptr_t)plain_fn + 1, (uintptr_t)plain_fn,
			      FTB_LAYOUT_PLAIN, "patch area at",
			      "x86 describe refuses a misplaced patch area");
	expect_describe_error((uintptr_t)lit_fn - 12, (uintptr_t)lit_fn + 4,
			      FTB_LAYOUT_LITERAL, "not 16-byte aligned",
			      "x86 describe refuses a misaligned literal site");
}

static void check_state(struct tsite *t, enum ftb_site_state st,
			uintptr_t target, const struct ftrace_ops *l,
			const char *what)
{
	char err[FTB_ERRLEN] = "", name[160];

	snprintf(name, sizeof(name), "x86 %s bytes %s", t->name, what);
	ok_err(!arch_site_check(&t->s, st, target, l, err, sizeof(err)), name,
	       err);
}

static void test_init(void)
{
	struct tsite *all[] = { &plain, &cet_plain, &lit, &cet_lit };
	struct ftb_site fresh = { .base = (uintptr_t)fresh_fn,
				  .func = (uintptr_t)fresh_fn,
				  .index = 9 };
	char err[FTB_ERRLEN];

	for (size_t i = 0; i < 4; i++) {
		check_state(all[i], FTB_SITE_COMPILED, 0, NULL, "compiled");
		CHECK(!arch_site_init(&all[i]->s, &ftrace_nop_ops),
		      "x86 site init");
		check_state(all[i], FTB_SITE_INITIALISED, 0, &ftrace_nop_ops,
			    "initialised (NOP5, literal = nop ops)");
		CHECK(arch_site_init(&all[i]->s, &ftrace_nop_ops) &&
			      strstr(ftb_last_error(), "init expects"),
		      "x86 site init twice is refused");
		CHECK(call6(all[i]->fn) == all[i]->want, "x86 NOP5 site runs");
		CHECK(!arch_site_reset(&all[i]->s), "x86 site reset");
		check_state(all[i], FTB_SITE_COMPILED, 0, NULL,
			    "compiled again after reset");
		CHECK(!arch_site_init(&all[i]->s, &ftrace_nop_ops),
		      "x86 site init after reset");
	}
	CHECK(!arch_site_describe(&fresh, err, sizeof(err)), "x86 fresh site");
	ftb_text_live = 1;
	CHECK(arch_site_init(&fresh, &ftrace_nop_ops) &&
		      strstr(ftb_last_error(), "ftb_plain_f9") &&
		      x86_is_nop1s((void *)fresh.call, 5),
	      "x86 init refuses to rewrite compiled NOPs while live");
	ftb_text_live = 0;
}

static void check_call(struct tsite *t, struct ftrace_ops *want_op,
		       int want_fregs, const char *what)
{
	unsigned long before = seen.nr, r;
	char name[160];

	memset(&seen, 0, sizeof(seen));
	seen.nr = before;
	r = call6(t->fn);
	snprintf(name, sizeof(name), "x86 %s %s: callback runs once", t->name,
		 what);
	CHECK(seen.nr == before + 1, "%s", name);
	snprintf(name, sizeof(name),
		 "x86 %s %s: ip = call slot, parent ip in the caller", t->name,
		 what);
	CHECK(seen.ip == t->s.call && seen.parent - (uintptr_t)call6 < 64, "%s",
	      name);
	snprintf(name, sizeof(name), "x86 %s %s: op and fregs", t->name, what);
	CHECK(seen.op == want_op &&
		      (want_fregs ? seen.fregs && seen.di == 1 &&
					    seen.r9 == 100000 &&
					    seen.ip_reg == t->s.call + 5 &&
					    seen.sp_parent == seen.parent
				  : !seen.fregs),
	      "%s", name);
	snprintf(name, sizeof(name),
		 "x86 %s %s: arguments and result survive, stack aligned",
		 t->name, what);
	CHECK(r == t->want && seen.aligned, "%s", name);
}

static void check_silent(struct tsite *t, const char *what)
{
	unsigned long before = seen.nr;
	char name[160];

	snprintf(name, sizeof(name), "x86 %s %s: no callback", t->name, what);
	CHECK(call6(t->fn) == t->want && seen.nr == before, "%s", name);
}

static void test_list_caller(struct tsite *t)
{
	uintptr_t caller = (uintptr_t)ftrace_caller;

	CHECK(!arch_site_make_call(&t->s, caller), "x86 make_call");
	check_state(t, FTB_SITE_ENABLED, caller, &ftrace_nop_ops,
		    "enabled (call ftrace_caller)");
	check_call(t, &ops1, 1, "via ftrace_caller");
	CHECK(!arch_site_make_nop(&t->s, caller), "x86 make_nop");
	check_state(t, FTB_SITE_INITIALISED, 0, &ftrace_nop_ops, "disabled");
	check_silent(t, "disabled");
}

static void test_refusals(void)
{
	uintptr_t caller = (uintptr_t)ftrace_caller;
	uint8_t before[5];

	CHECK(!arch_site_make_call(&plain.s, caller),
	      "x86 enable for refusals");
	memcpy(before, (void *)plain.s.call, 5);
	CHECK(arch_site_make_call(&plain.s, caller) &&
		      strstr(ftb_last_error(), "ftb_plain_f1") &&
		      strstr(ftb_last_error(), "expected [0f 1f 44 00 00]"),
	      "x86 make_call on an enabled site is refused, naming the site");
	CHECK(arch_site_make_nop(&plain.s, (uintptr_t)ftrace_stub) &&
		      strstr(ftb_last_error(), "ftb_plain_f1"),
	      "x86 make_nop with the wrong old target is refused");
	CHECK(arch_site_modify_call(&plain.s, (uintptr_t)ftrace_stub, caller),
	      "x86 modify_call with the wrong old target is refused");
	CHECK(!memcmp(before, (void *)plain.s.call, 5),
	      "x86 refused writes leave the site alone");
	CHECK(arch_update_ftrace_func((uintptr_t)ftrace_stub, (uintptr_t)cb),
	      "x86 ftrace_call update with the wrong old func is refused");
	CHECK(!arch_site_make_nop(&plain.s, caller),
	      "x86 disable after refusals");
}

static void test_redirect(void)
{
	uintptr_t caller = (uintptr_t)ftrace_caller;

	CHECK(!arch_update_ftrace_func((uintptr_t)cb, (uintptr_t)redirect_cb),
	      "x86 ftrace_call retargeted");
	CHECK(!arch_site_make_call(&plain.s, caller),
	      "x86 enable for redirect");
	CHECK(call6(plain_fn) == SUM + 1000,
	      "x86 a callback changing fregs->ip redirects the call");
	CHECK(!arch_site_make_nop(&plain.s, caller), "x86 disable redirect");
	CHECK(!arch_update_ftrace_func((uintptr_t)redirect_cb, (uintptr_t)cb),
	      "x86 ftrace_call back to the test callback");
}

static void test_callops(struct tsite *t)
{
	uintptr_t caller = (uintptr_t)ftrace_callops_caller;

	arch_site_set_literal(&t->s, &ops2);
	CHECK(!arch_site_make_call(&t->s, caller), "x86 callops make_call");
	check_state(t, FTB_SITE_ENABLED, caller, &ops2,
		    "enabled (literal = ops2, call ftrace_callops_caller)");
	check_call(t, &ops2, 1, "via the literal");
	arch_site_set_literal(&t->s, &ftrace_nop_ops);
	check_silent(t, "literal = nop ops");
	arch_site_set_literal(&t->s, &ops1);
	check_call(t, &ops1, 1, "literal retargeted");
	arch_site_set_literal(&t->s, &ftrace_nop_ops);
	CHECK(!arch_site_make_nop(&t->s, caller), "x86 callops make_nop");
	check_state(t, FTB_SITE_INITIALISED, 0, &ftrace_nop_ops, "disabled");
}

static void test_tramp(struct tsite *t)
{
	static struct ftrace_ops own = { .func = cb, .name = "own" };
	char err[FTB_ERRLEN] = "";
	size_t size = 0;
	uint8_t *p = arch_tramp_create(&own, (uintptr_t)cb, t->s.call, &size,
				       err, sizeof(err));
	size_t body = (size_t)((uintptr_t)ftrace_caller_end -
			       (uintptr_t)ftrace_caller);

	ok_err(p != NULL, "x86 arch_tramp_create", err);
	if (!p)
		return;
	CHECK(p[body] == 0xc3 && p[body + 1] == 0xcc &&
		      x86_branch_target(
			      p + ((uintptr_t)ftrace_call -
				   (uintptr_t)ftrace_caller),
			      (uintptr_t)p +
				      (size_t)((uintptr_t)ftrace_call -
					       (uintptr_t)ftrace_caller)) ==
			      (uintptr_t)cb,
	      "x86 trampoline: RET INT3 appended, direct CALL to the callback");
	CHECK(!arch_site_make_call(&t->s, (uintptr_t)p),
	      "x86 site -> trampoline");
	check_state(t, FTB_SITE_ENABLED, (uintptr_t)p, &ftrace_nop_ops,
		    "enabled (call trampoline)");
	check_call(t, &own, 1, "via its trampoline");
	CHECK(!arch_site_make_nop(&t->s, (uintptr_t)p), "x86 trampoline off");
	execmem_free(p, size);
}

static void test_direct(struct tsite *t)
{
	static struct ftrace_ops own = { .func = cb, .name = "direct" };
	char err[FTB_ERRLEN] = "";
	size_t size = 0;
	void *p = arch_direct_create(&own, (uintptr_t)cb, t->s.call, &size, err,
				     sizeof(err));

	ok_err(p != NULL, "x86 arch_direct_create", err);
	if (!p)
		return;
	CHECK(!arch_site_make_call(&t->s, (uintptr_t)p),
	      "x86 site -> direct stub");
	check_call(t, &own, 0, "via the direct stub");
	CHECK(!arch_site_modify_call(&t->s, (uintptr_t)p,
				     (uintptr_t)ftrace_caller),
	      "x86 modify_call stub -> ftrace_caller");
	check_state(t, FTB_SITE_ENABLED, (uintptr_t)ftrace_caller,
		    &ftrace_nop_ops, "retargeted");
	check_call(t, &ops1, 1, "retargeted to ftrace_caller");
	CHECK(!arch_site_make_nop(&t->s, (uintptr_t)ftrace_caller),
	      "x86 direct off");
	execmem_free(p, size);
}

/*
 * A callback more than 2 GiB from the trampoline: a page mapped 8 GiB
 * above the static test binary's text.
 */
static unsigned long far_calls;

static void test_far_callback(void)
{
	static struct ftrace_ops own = { .func = cb, .name = "far" };
	/* movabs $&far_calls, %rax; lock incq (%rax); ret */
	uint8_t code[16] = { 0x48, 0xb8 };
	uintptr_t counter = (uintptr_t)&far_calls;
	char err[FTB_ERRLEN] = "";
	size_t size = 0;
	/* A hint 8 GiB above the text; valgrind may still place it near. */
	uint8_t *far = mmap((void *)(plain.s.call + (8ul << 30)), 4096,
			    PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			    -1, 0);
	void *p;

	if (far == MAP_FAILED || arch_in_reach(plain.s.call, (uintptr_t)far)) {
		SKIP("x86 far callback", "no page mapped far");
		if (far != MAP_FAILED)
			munmap(far, 4096);
		return;
	}
	memcpy(code + 2, &counter, 8);
	static const uint8_t lock_inc_ret[5] = { 0xf0, 0x48, 0xff, 0x00, 0xc3 };

	memcpy(code + 10, lock_inc_ret, sizeof(lock_inc_ret));
	memcpy(far, code, sizeof(code));
	CHECK(!mprotect(far, 4096, PROT_READ | PROT_EXEC) &&
		      !arch_in_reach(plain.s.call, (uintptr_t)far),
	      "x86 far callback is beyond rel32 reach");
	p = arch_tramp_create(&own, (uintptr_t)far, plain.s.call, &size, err,
			      sizeof(err));
	ok_err(p != NULL, "x86 trampoline with a far callback", err);
	if (!p)
		return;
	CHECK(!arch_site_make_call(&plain.s, (uintptr_t)p) &&
		      call6(plain_fn) == WEIGHTED && far_calls == 1,
	      "x86 far callback called indirectly through the veneer");
	CHECK(!arch_site_make_nop(&plain.s, (uintptr_t)p), "x86 far off");
	execmem_free(p, size);
	munmap(far, 4096);
}

/* %rax (a variadic call's vector count) survives every caller. */
static void test_rax(void)
{
	struct ftb_site s = { .base = (uintptr_t)rax_fn,
			      .func = (uintptr_t)rax_fn,
			      .index = 8 };
	static struct ftrace_ops own = { .func = cb, .name = "rax" };
	char err[FTB_ERRLEN] = "";
	size_t size = 0;
	void *stub;

	CHECK(!arch_site_describe(&s, err, sizeof(err)) &&
		      !arch_site_init(&s, &ftrace_nop_ops) &&
		      !arch_site_make_call(&s, (uintptr_t)ftrace_caller),
	      "x86 rax site enabled");
	CHECK(call_rax() == 42, "x86 %%rax survives ftrace_caller");
	stub = arch_direct_create(&own, (uintptr_t)cb, s.call, &size, err,
				  sizeof(err));
	CHECK(stub &&
		      !arch_site_modify_call(&s, (uintptr_t)ftrace_caller,
					     (uintptr_t)stub) &&
		      call_rax() == 42,
	      "x86 %%rax survives the direct stub");
	CHECK(stub && !arch_site_make_nop(&s, (uintptr_t)stub),
	      "x86 rax site disabled");
	if (stub)
		execmem_free(stub, size);
}

/* The `range` scenario's far callback: endbr64; ret. */
static void test_return_stub(void)
{
	static const uint8_t want[5] = { 0xf3, 0x0f, 0x1e, 0xfa, 0xc3 };
	uint8_t buf[16];

	CHECK(arch_return_stub(buf, sizeof(buf)) == 5 &&
		      !memcmp(buf, want, 5) && arch_return_stub(buf, 4) == 0,
	      "x86 return stub is endbr64; ret and needs 5 bytes");
}

/* The fault-isolation hook: a call through a corrupted site dies of SIGILL. */
static void test_corrupt(void)
{
	struct ftb_site s = { .base = (uintptr_t)fresh_fn,
			      .func = (uintptr_t)fresh_fn };
	struct rlimit no_core = { 0, 0 };
	char err[FTB_ERRLEN];
	int status = 0;
	pid_t pid;

	if (arch_site_describe(&s, err, sizeof(err))) {
		CHECK(0, "x86 corrupt: describe");
		return;
	}
	pid = fork();
	if (pid == 0) {
		setrlimit(RLIMIT_CORE, &no_core);
		if (!arch_site_corrupt(&s))
			call6(fresh_fn);
		_exit(0);
	}
	CHECK(pid > 0 && waitpid(pid, &status, 0) == pid &&
		      WIFSIGNALED(status) && WTERMSIG(status) == SIGILL,
	      "x86 arch_site_corrupt: calling the function raises SIGILL");
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (text_region_add((uintptr_t)__start_ftb_x86_test,
			    (uintptr_t)__stop_ftb_x86_test)) {
		printf("not ok - x86 register test text\n");
		return 1;
	}
	test_describe();
	test_describe_refusals();
	test_init();
	function_trace_op = &ops1;
	CHECK(!arch_update_ftrace_func((uintptr_t)ftrace_stub, (uintptr_t)cb),
	      "x86 ftrace_call: call ftrace_stub -> call cb");
	test_list_caller(&plain);
	test_list_caller(&cet_plain);
	test_refusals();
	test_redirect();
	test_callops(&lit);
	test_callops(&cet_lit);
	test_tramp(&plain);
	test_tramp(&cet_lit);
	test_direct(&plain);
	test_direct(&cet_plain);
	test_far_callback();
	test_rax();
	test_return_stub();
	test_corrupt();
	CHECK(!arch_update_ftrace_func((uintptr_t)cb, (uintptr_t)ftrace_stub),
	      "x86 ftrace_call restored");
	return check_exit();
}
#else
int main(void)
{
	printf("ok - x86 sites # SKIP not x86_64\n");
	return 0;
}
#endif
