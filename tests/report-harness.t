#!/bin/sh
# ftb-arch: host
# The contract between the harness and scripts/report: a small real run
# (this machine's ftbench; and the arm64 one under qemu with the emulated
# PMU when the plugin is built) must be read and reported without error.
# Skipped when the binaries are not built.
. tests/report/lib.sh
bin=${FTB_BIN:-build/$(uname -m | sed s/aarch64/arm64/)/ftbench}
if [ -x "$bin" ]; then
	if $bin run --quick --scenarios ftrace-ops,footprint \
		--variants none,list,callops --reps 4 --out "$TMP/native" \
		--quiet >"$TMP/log" 2>&1; then
		ok "native quick run"
		if $REPORT "$TMP/native" --quiet 2>"$TMP/e"; then
			ok "native run: report exits 0"
		else
			notok "native run: report exits 0" "$(cat "$TMP/e")"
		fi
		s=$TMP/native/report/summary.txt
		expect "native run: ftrace-ops table" grep -q "^ftrace-ops (the DESIGN.md section 2 table)" "$s"
		expect "native run: overhead over the untraced point" grep -q "overhead over the untraced" "$s"
		check figures "$TMP/native/report" 1
		check width "$TMP/native/report"
	else
		notok "native quick run" "$(tail -n 3 "$TMP/log")"
	fi
else
	ok "native run # SKIP $bin not built"
fi

arm=build/arm64/ftbench
plugin=${FTB_EMU_PLUGIN:-build/host/ftb-emu.so}
if [ -x "$arm" ] && [ -f "$plugin" ] && command -v qemu-aarch64 >/dev/null 2>&1; then
	if FTB_EMU_PLUGIN=$plugin scripts/qemu-emu "$arm" run --pmu emu --quick \
		--scenarios ftrace-ops --variants none,list,callops --reps 2 \
		--out "$TMP/emu" --quiet >"$TMP/log" 2>&1; then
		ok "emulated arm64 quick run"
		if $REPORT "$TMP/emu" --quiet 2>"$TMP/e"; then
			ok "emulated run: report exits 0"
		else
			notok "emulated run: report exits 0" "$(cat "$TMP/e")"
		fi
		s=$TMP/emu/report/summary.txt
		expect "emulated run: backend stated" grep -q "emulated model" "$s"
		expect "emulated run: ftrace-ops table in instructions" grep -q "^emu-insns per call, overhead over the untraced" "$s"
		expect "emulated run: fit refused without cycles" grep -q "(emu): no cycles counter" "$s"
		# body=corpus rows: the body figure, each design drawn with both
		# bodies, and the same exact instruction overhead for both.
		expect "emulated run: the body figure" test -s "$TMP/emu/report/figures/mpl/ftrace-ops-body.svg"
		expect "emulated run: body figure draws list walk and CALL_OPS" \
			sh -c "grep -q 'list walk' '$TMP/emu/report/figures/mpl/ftrace-ops-body.svg' && grep -q 'CALL_OPS' '$TMP/emu/report/figures/mpl/ftrace-ops-body.svg'"
		check figures "$TMP/emu/report" 1
		check width "$TMP/emu/report"
	else
		notok "emulated arm64 quick run" "$(tail -n 3 "$TMP/log")"
	fi
else
	ok "emulated arm64 run # SKIP needs $arm, $plugin and qemu-aarch64"
fi
finish
