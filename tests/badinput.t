#!/bin/sh
# ftb-arch: any
# Nonsense on the command line: every case must give exactly one line on
# stderr, starting "ftbench: ", and exit status 2.
set -u
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/foreign"
echo '{"format_version": 99}' >"$tmp/foreign/meta.json"
echo '{"format_version": 99, "benchmarks": []}' >"$tmp/foreign/results.json"
: >"$tmp/file" # a file where a directory is needed: unwritable, even for root
# A finished run to resume with conflicting options, and damaged copies.
$FTB_RUN "$FTB_BIN" run --scenarios callback --variants list --reps 1 \
	--calls 100 --pmu time --quiet --out "$tmp/done" >/dev/null 2>&1
for d in old badopt newopt torn-meta; do cp -r "$tmp/done" "$tmp/$d"; done
# A run of an ftbench that recorded no options; a recorded option that is
# not a number; one this ftbench does not know; a meta.json cut short.
/usr/bin/python3 -c 'import json, sys; p = sys.argv[1]; d = json.load(open(p))
del d["options"]; json.dump(d, open(p, "w"))' "$tmp/old/meta.json"
sed -i 's/"repetitions": 1,$/"repetitions": "x",/' "$tmp/badopt/meta.json"
sed -i 's/"seed": 1,$/"seed": 1, "warp": 9,/' "$tmp/newopt/meta.json"
head -c 300 "$tmp/done/meta.json" >"$tmp/torn-meta/meta.json"
n=0
case_() {
	n=$((n + 1))
	$FTB_RUN "$FTB_BIN" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
	lines=$(wc -l <"$tmp/err" | tr -d ' ')
	if [ $rc -eq 2 ] && [ "$lines" = 1 ] && grep -q '^ftbench: ' "$tmp/err"; then
		echo "ok - $n: ftbench $* -> $(cat "$tmp/err")"
	else
		echo "not ok - $n: ftbench $* -> exit $rc, $lines lines: $(head -c 300 "$tmp/err")"
	fi
}
case_
case_ bogus
case_ verify --funcs abc
case_ verify --funcs -5
case_ verify --funcs 0
case_ verify --funcs 99999999999999999999999
case_ verify --funcs 2000000
case_ verify --funcs 0x
case_ verify --funcs
case_ verify --funcs 999999
case_ verify --ops 0
case_ verify --ops x
case_ verify --ops 5000
case_ verify --funcs 100 --ops 200
case_ verify --variant nosuch
case_ verify --seed -1
case_ verify --bogus
case_ run --scenarios nosuch
case_ run --scenarios ftrace-ops,nosuch
case_ run --scenarios ''
case_ run --variants nosuch
case_ run --pmu bogus
case_ run --cpu x
case_ run --cpu -1
case_ run --cpu 99999
case_ run --cpu 4000 --scenarios callback --quick --out "$tmp/cpu"
case_ run --reps 0
case_ run --reps abc
case_ run --reps 99999999
case_ run --calls 0
case_ run --calls 5x
case_ run --calls 99999999999
case_ run --funcs 0
case_ run --funcs 3
case_ run --funcs 99999999
case_ run --funcs 999999
case_ run --seed abc
case_ run --out "$tmp/file/run" --scenarios callback --quick
case_ run --out /proc/ftbench-nope --scenarios callback --quick
case_ run --resume "$tmp/nonexistent" --scenarios callback --quick
case_ run --resume "$tmp/foreign"
case_ run --scenarios ftrace-ops,,footprint
case_ run --scenarios ,ftrace-ops
case_ run --scenarios ftrace-ops,
case_ run --variants list,list
case_ run --scenarios footprint,ftrace-ops,footprint
case_ run --out ''
case_ run --resume ''
case_ run --reps 3 --reps 4
case_ run --quick --quick
case_ run --reps ' 5'
case_ run --reps +5
case_ run --out "$tmp/a" --resume "$tmp/b"
case_ run --resume "$tmp/old"
case_ run --resume "$tmp/done" --reps 5
case_ run --resume "$tmp/done" --quick
case_ run --resume "$tmp/done" --scenarios ftrace-ops
case_ run --resume "$tmp/done" --cpu 0
case_ run --resume "$tmp/done" --pmu pmu
case_ run --resume "$tmp/done" --events cycles
case_ run --resume "$tmp/done" --seed 2
case_ run --resume "$tmp/done" --calls 1000
case_ run --resume "$tmp/done" --funcs 64
case_ run --resume "$tmp/done" --variants callops
case_ run --resume "$tmp/done" --no-isolate
case_ run --resume "$tmp/badopt"
case_ run --resume "$tmp/newopt"
case_ run --resume "$tmp/torn-meta"
case_ info extra
case_ run "$(printf -- '--sce\nnarios')"
case_ run --scenarios "$(printf 'ftrace-ops\nfootprint')"
case_ list --x
case_ help me
case_ run --events NO_SUCH_EVENT_XYZ --pmu pmu --scenarios callback --quick --out "$tmp/ev"
# A typo is an error in auto mode too, on every machine (was: a fallback
# to time and the whole study); only valid-but-uncountable names fall back.
case_ run --events NO_SUCH_EVENT --scenarios callback --quick --out "$tmp/ev2"
case_ run --events 'cycles,NO_SUCH_EVENT;instructions' --scenarios callback --quick --out "$tmp/ev3"
case_ run --events 'cycles,,instructions' --scenarios callback --quick --out "$tmp/ev4"
case_ run --quick --bogus
case_ stress --seconds 0
case_ stress --seconds abc
case_ stress --threads 0
case_ stress --threads 1000
case_ stress --variant nosuch
case_ stress --bogus
