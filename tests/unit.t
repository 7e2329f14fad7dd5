#!/bin/sh
# ftb-arch: any
# Every C unit test binary of this architecture (tests/unit/*.c), but the
# harness ones, which tests/harness.t runs, and the fuzz replayers, which
# tests/fuzz.t runs over their inputs.
set -u
rc=0
for t in "$FTB_BUILD"/tests/*; do
	[ -x "$t" ] && [ -f "$t" ] || continue
	# harness_* run in tests/harness.t
	case "$(basename "$t")" in harness_* | fuzz-*) continue ;; esac
	echo "# $(basename "$t")"
	$FTB_RUN "$t" || rc=1
done
exit $rc
