#!/bin/sh
# ftb-arch: any
# The oracle for every variant over three seeds, at 4,096 and at 65,536
# functions: exact callbacks (ip, parent_ip, ops, counts) and the bytes of
# every site in each state (compiled, initialised, enabled, retargeted,
# disabled), plus the refusals (double register/unregister, direct sharing).
set -u
built=$($FTB_RUN "$FTB_BIN" info | sed -n "s/^corpus funcs=\([0-9]*\).*/\1/p")
# Every variant this ISA builds (arm64 adds the `range` flavours).
variants=$($FTB_RUN "$FTB_BIN" list | awk '/^variants:/ { f = 1; next } /^scenarios:/ { f = 0 } f { print $1 }')
[ -n "$variants" ] || echo "not ok - ftbench list names no variant"
for funcs in 4096 65536; do
	if [ "${built:-0}" -lt "$funcs" ]; then
		echo "ok - verify at $funcs functions # SKIP corpus built with $built"
		continue
	fi
	for seed in 1 2 3; do
		out=$($FTB_RUN "$FTB_BIN" verify --variant all --funcs "$funcs" --ops 8 --seed "$seed" 2>&1)
		rc=$?
		echo "$out" | sed 's/^/# /'
		for v in $variants; do
			if echo "$out" | grep -q "^verify $v .*: OK$"; then
				echo "ok - verify $v funcs=$funcs seed=$seed"
			else
				echo "not ok - verify $v funcs=$funcs seed=$seed"
			fi
		done
		[ $rc -eq 0 ] || echo "not ok - verify exit status $rc (funcs=$funcs seed=$seed)"
	done
done
