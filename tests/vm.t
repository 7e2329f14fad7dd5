#!/bin/sh
# ftb-arch: arm64
# scripts/vm and vm/init: an arm64 Linux guest under qemu-system-aarch64
# (docs/vm.md). Boots scripts/kernel's Image (built on the first run, then
# reused), runs commands in the guest, returns the first failing command's
# status, hands the guest's /out back, times out cleanly; and inside a real
# kernel: ftbench verify (mprotect, cache maintenance) and stress
# (membarrier, threads patching code other threads run).
set -u
[ -x "$FTB_BIN" ] || { echo "not ok - $FTB_BIN missing (make ARCH=arm64)"; exit 1; }
dir=$(mktemp -d) || exit 2
trap 'rm -rf "$dir"' EXIT INT TERM
. tests/vm-kernel.sh
echo "ok - kernel $(basename "$kdir")"
# Built once: the next call finds it (a second make test reuses it).
[ "$(scripts/kernel --print-dir 2>/dev/null)" = "$kdir" ] &&
	[ "$(scripts/kernel 2>&1 >/dev/null)" = "" ]
[ $? -eq 0 ] && echo "ok - the kernel is reused from the cache" ||
	echo "not ok - the kernel is reused from the cache"
# An option the config cannot have: one line naming it, before any build.
printf 'CONFIG_FTB_NO_SUCH_OPTION=y\n' >"$dir/bad.config"
FTB_KERNEL_CACHE=$dir/kc scripts/kernel --fragment "$dir/bad.config" \
	>/dev/null 2>"$dir/bad.err"
rc=$?
[ $rc -eq 1 ] && [ "$(grep -vc 'configuring' "$dir/bad.err")" -eq 1 ] &&
	grep -q 'CONFIG_FTB_NO_SUCH_OPTION=y (bad.config) is n after olddefconfig' "$dir/bad.err" &&
	[ ! -e "$(ls -d "$dir"/kc/*/build/vmlinux 2>/dev/null | head -n 1)" ]
[ $? -eq 0 ] && echo "ok - a fragment option that does not stick: one line, exit 1, no build" ||
	{ echo "not ok - a fragment option that does not stick (exit $rc)"; sed 's/^/# /' "$dir/bad.err"; }
scripts/kernel --design bogus 2>"$dir/bad.err"
rc=$?
[ $rc -eq 2 ] && [ "$(wc -l <"$dir/bad.err")" -eq 1 ]
[ $? -eq 0 ] && echo "ok - scripts/kernel --design bogus: one line, exit 2" ||
	echo "not ok - scripts/kernel --design bogus: exit $rc"
vm() { # OUT [scripts/vm args]: stdout to $dir/OUT.out, stderr .err, rc
	o=$1
	shift
	scripts/vm --kernel "$kdir" --bin "$FTB_BIN" --out "$dir/$o" "$@" \
		>"$dir/$o.out" 2>"$dir/$o.err"
	rc=$?
}
check() { # COND-STATUS NAME
	if [ "$1" -eq 0 ]; then echo "ok - $2"; else
		echo "not ok - $2"
		sed 's/^/# /' "$dir/$o.err" | tail -n 8
	fi
}

# A command, its output on stdout, the console kept.
vm list -- ftbench list
check $rc "boots and runs a command (exit $rc)"
grep -q '^variants:' "$dir/list.out"
check $? "the command's output on stdout"
grep -q 'ftbench-init: start' "$dir/list/console.log" &&
	grep -q 'ftbench-init: exit 0' "$dir/list/console.log"
check $? "the console log is kept in the run directory"
! grep -q 'Power down\|ftbench-init:' "$dir/list.out"
check $? "kernel lines stay out of stdout"

# The first failing command's status; nothing after it runs.
vm fail --run 'ftbench bogus' --run 'ftbench list'
[ $rc -eq 2 ] && ! grep -q '^variants:' "$dir/fail.out"
check $? "the failing command's status (2, got $rc) and nothing after it"
vm noexec --run '/bin/nosuch'
[ $rc -eq 127 ] && grep -q 'ftbench-init: /bin/nosuch: No such file' "$dir/noexec.err"
check $? "a program that cannot start: 127 (got $rc), named"

# Files in and out: an input file comes back with the run directory.
printf 'in\0put\n' >"$dir/input.bin"
vm files --in "$dir/input.bin" --in "$dir/input.bin:/out/sub/copy" -- \
	ftbench run --pmu time --scenarios callback --variants list --quick \
	--quiet --out /out/run
check $rc "a run in the guest (exit $rc)"
cmp -s "$dir/input.bin" "$dir/files/input.bin" &&
	cmp -s "$dir/input.bin" "$dir/files/sub/copy"
check $? "files given with --in are in the guest and come back byte for byte"
for f in meta.json samples.csv results.json; do
	[ -s "$dir/files/run/$f" ]
	check $? "the run's $f came back"
done
# The guest's clock and name come from the host.
/usr/bin/python3 - "$dir/files/run/meta.json" "$(date -u +%Y-%m-%d)" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
ok = m["host"] == "ftbench-vm" and m["date"][:10] == sys.argv[2]
print(("ok" if ok else "not ok") + " - meta.json: host %s, date %s (host's day %s)"
      % (m["host"], m["date"], sys.argv[2]))
PY

# Bad usage and the timeout.
scripts/vm --kernel "$kdir" --bin "$FTB_BIN" -- nosuch >/dev/null 2>"$dir/usage.err"
rc=$?
[ $rc -eq 2 ] && [ "$(wc -l <"$dir/usage.err")" -eq 1 ]
o=usage check $? "a program not in the guest: one line, exit 2 (got $rc)"
vm slow --timeout 5 -- ftbench stress --variant list --seconds 1000 --threads 1
[ $rc -eq 124 ] && grep -q 'timed out after 5s: qemu killed' "$dir/slow.err"
check $? "timeout: qemu killed, said so, exit 124 (got $rc)"

# A real kernel's mprotect, cache maintenance and membarrier. stress runs
# its threads on 2 vCPUs: with one, its caller and patcher threads do not
# make progress under TCG (docs/vm.md).
vm verify -- ftbench verify --variant all
[ $rc -eq 0 ] && grep -q '^verify: \([0-9]*\) of \1 variants OK' "$dir/verify.out"
check $? "ftbench verify --variant all in the guest (exit $rc)"
vm stress --smp 2 -- ftbench stress --variant all --seconds 1 --threads 2 --seed 7
[ $rc -eq 0 ] && grep -q '^stress: \([0-9]*\) of \1 variants OK' "$dir/stress.out"
check $? "ftbench stress --variant all in the guest (exit $rc)"
