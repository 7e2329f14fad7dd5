#!/bin/sh
# ftb-arch: any
# Fault isolation: a deliberately broken patch (FTBENCH_TEST_CORRUPT puts an
# undefined instruction in the call slots of one variant) kills that
# variant's configurations; they are reported with the site, and the rest
# of the run completes and is on disk.
set -u
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
FTBENCH_TEST_CORRUPT=callops $FTB_RUN "$FTB_BIN" run --scenarios callback \
	--quick --reps 2 --pmu time --out "$tmp/run" >"$tmp/out" 2>"$tmp/err"
rc=$?
sed 's/^/# /' "$tmp/err"
[ $rc -eq 0 ] && echo "ok - the run completes (exit 0)" || echo "not ok - the run exited $rc"
n=$(grep -c 'callback/callops/.*failed: Illegal instruction at 0x[0-9a-f]* in ftb_literal_tracee_relevant (site 0x' "$tmp/err")
[ "$n" = 2 ] && echo "ok - both callops configurations reported with the site" ||
	echo "not ok - $n callops failures reported with the site"
rows=$(grep -c ',time-' "$tmp/run/samples.csv")
[ "$rows" = 16 ] && echo "ok - 16 samples of the 8 other configurations on disk" ||
	echo "not ok - $rows samples on disk, expected 16"
fails=$(grep -c '"error_occurred": true' "$tmp/run/results.json")
[ "$fails" = 2 ] && echo "ok - results.json marks the 2 failed configurations" ||
	echo "not ok - results.json marks $fails failed configurations"
grep -q '^callback/list/callback=ring,.*,failed,' "$tmp/run/samples.csv" &&
	echo "not ok - a healthy configuration was marked failed" ||
	echo "ok - healthy configurations are not marked failed"

# A configuration that hangs is killed by the watchdog and reported; the
# run goes on (FTBENCH_SLOT_TIMEOUT shortens the 600 s default).
FTBENCH_TEST_CORRUPT=callops FTBENCH_TEST_HANG=1 FTBENCH_SLOT_TIMEOUT=10 \
	$FTB_RUN "$FTB_BIN" run --scenarios callback --quick --reps 1 \
	--pmu time --out "$tmp/hang" >/dev/null 2>"$tmp/err"
rc=$?
sed 's/^/# /' "$tmp/err"
n=$(grep -c 'callback/callops/.*failed: hung: no progress for 10 s' "$tmp/err")
rows=$(grep -c ',time-' "$tmp/hang/samples.csv")
[ $rc -eq 0 ] && [ "$n" = 2 ] && [ "$rows" = 8 ] &&
	echo "ok - hung configurations killed and reported, the other 8 measured" ||
	echo "not ok - watchdog: exit $rc, $n reported, $rows samples"
