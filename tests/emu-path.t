#!/bin/sh
# The ftb-emu path recorder (docs/emu.md, "Recording the path"), on the
# ISA under test (arm64 under qemu-aarch64, x86_64 under qemu-x86_64): the
# recorded instructions of known kernels are exactly the ones objdump
# shows at those addresses, in the order the kernel runs them; the record
# agrees with the region's count; recording changes no count; path-max
# truncates; threads get their own records; on arm64, the stale
# instruction of a store into the running block is what is recorded.
set -u
case "$FTB_ARCH" in
arm64) qemu=qemu-aarch64 od=aarch64-linux-gnu-objdump ;;
*) qemu=qemu-x86_64 od=objdump ;;
esac
. tests/emu/lib.sh
K=$FTB_BUILD/emu/emu-kernels
emu_setup "$K" "$qemu" "$od"
out=$dir/emu.out pathfile=$dir/emu.path
"$od" -d -w "$K" >"$dir/od.txt" || exit 2

# path INDEX MNEMONIC...: record INDEX against objdump, mnemonics in order
path() {
	/usr/bin/python3 tests/emu/pathcheck.py "$dir/od.txt" "$pathfile" "$@" ||
		fail=1
}

if [ "$FTB_ARCH" = arm64 ]; then
	loop="mov add subs b.ne add subs b.ne add subs b.ne"
	call="bl ret" br="adr br"
else
	loop="mov add sub jne add sub jne add sub jne"
	call="call ret" br="lea jmp"
fi
run loop 3
path 0 $loop
run call 0
path 0 $call
run br 0
path 0 $br

run empty 0
if grep -qx 'path seq=0 .* insns=0 truncated=0' "$pathfile" &&
	[ "$(wc -l <"$pathfile")" -eq 2 ]; then
	echo "ok - empty region: a record with insns=0 and no lines"
else
	echo "not ok - empty region: $(cat "$pathfile")"
	fail=1
fi

# Recording is off by default and changes no count. (The same output file
# name both times: its length is in the guest's environment, whose layout
# moves the start-up code's branches and so the warm predictor state.)
plain=$dir/plain.out
: >"$out"
scripts/qemu-emu -o "$out" "$K" random 500
mv "$out" "$plain"
run random 500
if [ "$(cut -d' ' -f6- "$out")" = "$(cut -d' ' -f6- "$plain")" ]; then
	echo "ok - counts with and without path=: identical ($(cut -d' ' -f7-8 "$out"))"
else
	echo "not ok - counts differ with path=: $(cat "$out") / $(cat "$plain")"
	fail=1
fi
head=$(sed -n 1p "$pathfile")
case "$head" in
"path seq=0 "*" insns=$(field 1 insns) truncated=0")
	echo "ok - record header matches the region line: $head" ;;
*) echo "not ok - record header: $head; region: $(cat "$out")"; fail=1 ;;
esac

# path-max: the first N instructions, the rest counted as truncated.
run loop 100 path-max=5
if grep -qx 'path seq=0 .* insns=5 truncated=296' "$pathfile"; then
	echo "ok - path-max=5 on 301 instructions: insns=5 truncated=296"
	path 0
else
	echo "not ok - path-max=5: $(sed -n 1p "$pathfile")"
	fail=1
fi

# Two threads: each region its own record, with its thread's count.
run threads 50
a=$(grep -c '^path .* insns=301 truncated=0$' "$pathfile")
b=$(grep -c '^path .* insns=3001 truncated=0$' "$pathfile")
if [ "$a" -eq 50 ] && [ "$b" -eq 50 ]; then
	echo "ok - two threads: 50 records of 301 and 50 of 3001 instructions"
	path 0
	path -1
else
	echo "not ok - two threads: $a records of 301, $b of 3001"
	fail=1
fi

if [ "$FTB_ARCH" = arm64 ]; then
	# The store into the running block: QEMU 7.2 runs the stale NOP on
	# the first call and the new ADD on the second; the path says so.
	run smc 0
	first=$(sed -n 5p "$pathfile" | cut -d' ' -f2)
	second=$(sed -n 11p "$pathfile" | cut -d' ' -f2)
	if [ "$first" = d503201f ] && [ "$second" = 91000442 ]; then
		echo "ok - smc: recorded what ran: nop (stale) then add x2, x2, #1"
	else
		echo "not ok - smc: 4th instructions $first, $second"
		fail=1
	fi
fi
exit $fail
