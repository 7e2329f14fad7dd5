#!/bin/sh
# ftb-arch: arm64
# Linux 6.12 measuring itself (kmod/ftbench_kmod.c, `ftbench kernel`, in
# scripts/vm) against ftbench's emulated counts, row by row: instructions
# per traced call over the untraced call within +-2, for the CALL_OPS and
# the list-walk kernel, per kernel configuration. minimal: the kernels are
# built when missing (scripts/kernel, cached); debian: when they are built
# (make kernel-debian), else skipped.
set -u
if ! command -v qemu-system-aarch64 >/dev/null || ! command -v qemu-aarch64 >/dev/null ||
	! command -v /usr/bin/python3 >/dev/null; then
	echo "ok - kernel in the VM # SKIP no qemu-system-aarch64, qemu-aarch64 or python3"
	exit 0
fi
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
make -s build/host/ftb-emu.so build/vm/init >/dev/null 2>&1
for k in minimal debian; do
	frag= bin=$FTB_BIN
	if [ "$k" = debian ]; then
		frag="--fragment debian" bin=${FTB_BUILD}-kdebian/ftbench
		for d in callops list; do
			scripts/kernel --print-dir --design $d $frag >/dev/null 2>&1 || {
				echo "ok - $k: kernel against ftbench # SKIP $d kernel not built (make kernel-debian)"
				continue 2
			}
		done
		[ -x "$bin" ] || make -s ARCH=arm64 KCONFIG=debian "$bin" >/dev/null 2>&1
	fi
	scripts/qemu-emu "$bin" run --pmu emu --scenarios ftrace-ops --quick \
		--reps 1 --variants list,callops --out "$tmp/emu-$k" >/dev/null 2>"$tmp/err" ||
		{ echo "not ok - $k: emulated run failed: $(tail -n 1 "$tmp/err")"; continue; }
	for d in callops list; do
		# shellcheck disable=SC2086 # frag is empty or two words
		dir=$(nice scripts/kernel --design $d $frag 2>"$tmp/kerr") ||
			{ echo "not ok - $k $d: kernel build: $(tail -n 1 "$tmp/kerr")"; continue; }
		m=$tmp/kmod-$k-$d
		mkdir -p "$m" && cp kmod/ftbench_kmod.c kmod/Kbuild "$m/"
		make -s -C "$dir/build" M="$m" ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- \
			modules >"$tmp/merr" 2>&1 ||
			{ echo "not ok - $k $d: module build: $(tail -n 1 "$tmp/merr")"; continue; }
		scripts/vm --kernel "$dir" --out "$tmp/vm-$k-$d" --timeout 600 \
			--in "$m/ftbench_kmod.ko:/ftbench_kmod.ko" -- /bin/ftbench kernel \
			--module /ftbench_kmod.ko --out /out --calls 200 >"$tmp/vmout" 2>&1 ||
			{ echo "not ok - $k $d: guest failed: $(tail -n 2 "$tmp/vmout")"; continue; }
		sed -n 's/.* site \([a-z]*\)$/\1/p' "$tmp/vmout" | sort -u >"$tmp/vm-$k-$d/sites.txt"
		/usr/bin/python3 - "$tmp/emu-$k/samples.csv" "$tmp/vm-$k-$d" "$k" "$d" <<'PY'
import csv, json, sys
emu, vm, k, d = sys.argv[1:]
e = {(r['variant'], r['params']): float(r['emu-insns'])
     for r in csv.DictReader(open(emu)) if r['backend'] == 'emu'}
meta = json.load(open(vm + '/meta.json'))['kernel_ftrace']
kr = {r['params']: float(r['instructions'])
      for r in csv.DictReader(open(vm + '/samples.csv'))
      if r['variant'] == 'kernel'}
p0 = 'relevant=0;irrelevant=0;body=empty'
base, kbase = e[(d, p0)], kr.pop(p0)
rows = [{'params': p, 'insns': v - kbase} for p, v in kr.items()]
bad = [f"{r['params']}: kernel {r['insns']:.0f}, ftbench "
       f"{e[(d, r['params'])] - base:.0f}" for r in rows
       if abs(r['insns'] - (e[(d, r['params'])] - base)) > 2]
sites = open(vm + '/sites.txt').read().split()
print(('ok - ' if not bad and rows and meta['design'] == d else 'not ok - ') +
      f"{k} {d}: Linux {meta['release']} ({meta['design']}, call slots "
      f"{'/'.join(sites)}) and ftbench {d} within 2 instructions on all "
      f"{len(rows)} rows" + (': ' + '; '.join(bad) if bad else ''))
for r in rows:
    print(f"# {k} {d} {r['params'].split(';body')[0]}: kernel "
          f"{r['insns']:.0f}, ftbench {e[(d, r['params'])] - base:.0f}")
PY
	done
done
