#!/bin/sh
# ftb-arch: arm64
# Exact path lengths of every variant under the emulated PMU (qemu plugin):
# the claims of DESIGN.md section 2 checked as instruction and branch counts
# per traced call, with no tolerance. Prints the figures it asserts.
set -u
if ! command -v qemu-aarch64 >/dev/null || ! command -v /usr/bin/python3 >/dev/null; then
	echo "ok - emulated path lengths # SKIP no qemu-aarch64 or python3"
	exit 0
fi
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
make -s build/host/ftb-emu.so >/dev/null 2>&1
scripts/qemu-emu "$FTB_BIN" run --pmu emu --scenarios ftrace-ops,untraced,range \
	--quick --reps 1 --out "$tmp/run" >/dev/null 2>"$tmp/err" ||
	{ echo "not ok - emulated run failed: $(tail -n 2 "$tmp/err")"; exit 1; }
/usr/bin/python3 - "$tmp/run/samples.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
d = {}
for r in rows:
    if r['backend'] == 'emu':
        d[(r['scenario'], r['variant'], r['params'])] = r
def val(sc, v, p, c):
    return round(float(d[(sc, v, p)][c]), 3)
def fo(v, rel, irr, c='emu-insns', body='empty'):
    return val('ftrace-ops', v, f'relevant={rel};irrelevant={irr};body={body}',
               c)
def check(ok, what):
    print(('ok - ' if ok else 'not ok - ') + what)

base = {v: fo(v, 0, 0) for v in ('list', 'dyntramp', 'callops', 'direct')}
c = [fo('callops', 1, k) for k in (0, 1, 2, 10, 100)]
check(len(set(c)) == 1,
      f'callops: {c[0] - base["callops"]:.0f} instructions per traced call at '
      f'1/0, 1/1, 1/2, 1/10 and 1/100 irrelevant ops: {c}')
l0 = fo('list', 1, 0)
step = fo('list', 1, 1) - l0
lin = [fo('list', 1, k) - l0 for k in (2, 10, 100)]
check(step > 0 and lin == [2 * step, 10 * step, 100 * step],
      f'list: {l0 - base["list"]:.0f} instructions at 1/0, +{step:.0f} per '
      f'irrelevant ops, exactly linear (2, 10, 100: {lin})')
r = [fo('list', k, 0) - fo('list', 1, 0) for k in (2, 10, 100)]
rstep = r[0]
check(rstep > 0 and r == [rstep, 9 * rstep, 99 * rstep],
      f'list: +{rstep:.0f} instructions per relevant ops beyond the first')
check(fo('dyntramp', 1, 0) <= fo('callops', 1, 0),
      f'dyntramp with one ops ({fo("dyntramp", 1, 0) - base["dyntramp"]:.0f}) '
      f'costs no more than callops ({c[0] - base["callops"]:.0f})')
# Both walk the list; the 6.12 CALL_OPS caller reaches it with bic, ldr,
# the direct-call test (ldr, cbnz), mov, ldr, blr, and clears and tests
# fregs.direct_tramp (str; ldr, cbnz), where ftrace_caller has adrp, ldr,
# bl: seven instructions more.
check(fo('callops', 2, 0) - fo('list', 2, 0) == 7,
      f'2/0: callops ({fo("callops", 2, 0):.0f}) walks the list like list '
      f'({fo("list", 2, 0):.0f}), seven instructions more to reach it')
for v in ('none', 'none-literal', 'list', 'dyntramp', 'callops', 'direct'):
    site = val('untraced', v, 'call=site', 'emu-insns')
    ref = val('untraced', v, 'call=ref', 'emu-insns')
    check(site - ref == 2, f'untraced {v}: the site costs {site - ref:.0f} '
          f'instructions, its 2 words (NOP NOP or MOV X9, X30; NOP)')
# The flavours' layouts: BTI puts BTI C before the two words (the site
# shifted by one instruction); the veneer slot before f is not executed.
for v, words in (('dyntramp-bti', 3), ('callops-bti', 3),
                 ('dyntramp-far', 2), ('callops-far', 2)):
    site = val('untraced', v, 'call=site', 'emu-insns')
    ref = val('untraced', v, 'call=ref', 'emu-insns')
    check(site - ref == words, f'untraced {v}: {site - ref:.0f} instructions '
          f'over the site-less copy (want {words})')
# Branch classes added by one traced call (1/0 minus 0/0).
want = {
    'callops': {'emu-br-bl': 1, 'emu-br-blr': 1, 'emu-br-ret': 2,
                'emu-br-cbz': 2},
    'dyntramp': {'emu-br-bl': 2, 'emu-br-blr': 0, 'emu-br-ret': 2},
    'list': {'emu-br-bl': 3, 'emu-br-blr': 1, 'emu-br-ret': 4},
    'direct': {'emu-br-bl': 2, 'emu-br-blr': 0, 'emu-br-ret': 2},
}
for v, classes in want.items():
    got = {k: fo(v, 1, 0, k) - fo(v, 0, 0, k) for k in classes}
    check(got == {k: float(n) for k, n in classes.items()},
          f'{v}: branches per traced call {got}')
# range: a callback beyond BL reach costs dyntramp and direct the veneer
# (ADRP, ADD, BR X16: 3 instructions, 1 BR) and BLR callers nothing but
# the stub's own landing pad (1 instruction, the same for every variant).
pad = val('range', 'callops', 'callback=far', 'emu-insns') - \
    val('range', 'callops', 'callback=near', 'emu-insns')
for v in ('dyntramp', 'direct'):
    di = val('range', v, 'callback=far', 'emu-insns') - \
        val('range', v, 'callback=near', 'emu-insns')
    db = val('range', v, 'callback=far', 'emu-br-br') - \
        val('range', v, 'callback=near', 'emu-br-br')
    check(di - pad == 3 and db == 1,
          f'range {v}: a far callback adds {di - pad:.0f} instructions and '
          f'{db:.0f} BR (the veneer)')
for v in ('callops', 'list'):
    di = val('range', v, 'callback=far', 'emu-insns') - \
        val('range', v, 'callback=near', 'emu-insns')
    check(di == pad, f'range {v}: a far callback adds only the landing pad '
          f'({di:.0f}), BLR reaches anywhere')
# range flavours against their designs, same callback, exact:
# BTI: the landing pad at the traced function's entry, nothing else;
# callops-far: the module PLT (ADRP, ADD, BR X16);
# dyntramp-far: the function's veneer to its far trampoline, plus the
# trampoline's veneer to a callback near the corpus; with the far callback
# the trampoline reaches it directly, so the veneer has only moved.
def rdiff(a, b, cb, c):
    return val('range', a, f'callback={cb}', c) - \
        val('range', b, f'callback={cb}', c)
flav = (('dyntramp-bti', 'dyntramp', 'near', 1, 0),
        ('dyntramp-bti', 'dyntramp', 'far', 1, 0),
        ('callops-bti', 'callops', 'near', 1, 0),
        ('callops-bti', 'callops', 'far', 1, 0),
        ('callops-far', 'callops', 'near', 3, 1),
        ('callops-far', 'callops', 'far', 3, 1),
        ('dyntramp-far', 'dyntramp', 'near', 6, 2),
        ('dyntramp-far', 'dyntramp', 'far', 0, 0))
for f, base_v, cb, insns, brs in flav:
    di = rdiff(f, base_v, cb, 'emu-insns')
    db = rdiff(f, base_v, cb, 'emu-br-br')
    dbl = rdiff(f, base_v, cb, 'emu-br-bl') + rdiff(f, base_v, cb, 'emu-br-blr')
    check(di == insns and db == brs and dbl == 0,
          f'range {f} - {base_v}, {cb} callback: {di:+.0f} instructions, '
          f'{db:+.0f} BR, {dbl:+.0f} BL/BLR (want {insns:+d}, {brs:+d}, +0)')
# body=corpus against the empty tracee: the same dispatch, so every
# configuration differs by the same count of every kind, the corpus body
# and its rotation loop against the sample's tracee and loop.
classes = [c for c in rows[0] if c.startswith('emu-') and 'mispred' not in c]
pairs = [(v, rel, irr) for v in ('none', 'list', 'dyntramp', 'callops', 'direct')
         for rel, irr in ((0, 0), (1, 0), (1, 10), (10, 0))
         if ('ftrace-ops', v, f'relevant={rel};irrelevant={irr};body=corpus') in d]
delta = {p: tuple(fo(*p, c, 'corpus') - fo(*p, c) for c in classes)
         for p in pairs}
check(len(pairs) >= 18 and len(set(delta.values())) == 1,
      f'ftrace-ops body=corpus - body=empty: the same in all {len(pairs)} '
      f'configurations ({delta[pairs[0]][0]:+.0f} instructions, '
      f'{delta[pairs[0]][1]:+.0f} branches): the body adds only its own')
got = fo('list', 100, 0, 'emu-br-blr') - fo('list', 0, 0, 'emu-br-blr')
check(got == 100, f'list 100/0: {got:.0f} indirect calls (one BLR per ops)')
print('# per traced call over the 0/0 point (instructions, BL, BLR, modelled mispredicts):')
for v in ('list', 'dyntramp', 'callops', 'direct'):
    for rel, irr in ((1, 0), (1, 10), (1, 100), (2, 0)):
        if (('ftrace-ops', v,
             f'relevant={rel};irrelevant={irr};body=empty')) not in d:
            continue
        dd = [fo(v, rel, irr, k) - fo(v, 0, 0, k) for k in
              ('emu-insns', 'emu-br-bl', 'emu-br-blr', 'emu-mispred')]
        print(f'# {v:9} {rel}/{irr:<4} insns {dd[0]:6.0f}  bl {dd[1]:3.0f}  '
              f'blr {dd[2]:4.0f}  mispred {dd[3]:6.2f}')
PY
