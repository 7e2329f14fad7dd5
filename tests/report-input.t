#!/bin/sh
# ftb-arch: host
# scripts/report rejects bad input with exactly one line
# `report: FILE: problem (field X)` on stderr and exit code 2.
. tests/report/lib.sh

gen pmu "$TMP/good"
# bad NAME EXPECTED-REGEX ARGS...: run the report, want rc 2, one line.
bad() {
	name=$1 want=$2
	shift 2
	$REPORT "$@" --out "$TMP/out" >"$TMP/o" 2>"$TMP/e"
	rc=$?
	lines=$(wc -l <"$TMP/e" | tr -d ' ')
	if [ "$rc" -eq 2 ] && [ "$lines" -eq 1 ] && grep -Eq "$want" "$TMP/e"; then
		ok "$name"
	else
		notok "$name" "rc=$rc lines=$lines: $(head -c 300 "$TMP/e")"
	fi
}
# mk NAME: a fresh copy of the good run to corrupt.
mk() {
	rm -rf "${TMP:?}/$1"
	cp -r "$TMP/good" "$TMP/$1"
	echo "$TMP/$1"
}
py() { $PY -c "$@"; }

bad "missing run directory" "^report: $TMP/nope: no such run directory$" "$TMP/nope"
d=$(mk r1); rm "$d/results.json"
bad "missing results.json" "^report: $d/results.json: missing$" "$d"
d=$(mk r2); : >"$d/results.json"
bad "empty results.json" "^report: $d/results.json: empty file$" "$d"
d=$(mk r3); head -c 700 "$TMP/good/results.json" >"$d/results.json"
bad "truncated results.json" "^report: $d/results.json: truncated or not JSON" "$d"
d=$(mk r4); echo '{"foo": 1}' >"$d/results.json"
bad "foreign JSON" "^report: $d/results.json: not a Google Benchmark results file \(field context\)$" "$d"
d=$(mk r5); echo '{"context": {"date": "x"}, "benchmarks": []}' >"$d/results.json"
bad "plain Google Benchmark file" "\(field context.format_version\)$" "$d"
d=$(mk r6); sed -i 's/"format_version": 1/"format_version": 2/' "$d/results.json"
bad "wrong format_version in results.json" "^report: $d/results.json: format_version 2, this reader knows 1 \(field context.format_version\)$" "$d"
d=$(mk r7)
py "import json,sys; p=sys.argv[1]; d=json.load(open(p)); del d['benchmarks'][3]['scenario']; json.dump(d, open(p,'w'))" "$d/results.json"
bad "results.json row without scenario" "^report: $d/results.json: benchmarks\[3\] .*\(field scenario\)$" "$d"
d=$(mk r8)
py "import json,sys; p=sys.argv[1]; d=json.load(open(p)); del d['benchmarks'][0]['name']; json.dump(d, open(p,'w'))" "$d/results.json"
bad "results.json row without name" "\(field name\)$" "$d"
d=$(mk r9); echo '[1, 2]' >"$d/results.json"
bad "results.json not an object" "\(field context\)$" "$d"

d=$(mk s1); rm "$d/samples.csv"
bad "missing samples.csv" "^report: $d/samples.csv: missing$" "$d"
d=$(mk s2); : >"$d/samples.csv"
bad "empty samples.csv" "^report: $d/samples.csv: empty file$" "$d"
d=$(mk s3); head -n 1 "$TMP/good/samples.csv" >"$d/samples.csv"
bad "header-only samples.csv" "^report: $d/samples.csv: no samples" "$d"
d=$(mk s4); head -c 2000 "$TMP/good/samples.csv" >"$d/samples.csv"
bad "samples.csv cut mid-line" "^report: $d/samples.csv: truncated: line [0-9]+ has no newline .*\(field [a-z_]+\)$" "$d"
d=$(mk s5); head -n 5 "$TMP/good/samples.csv" >"$d/samples.csv"; echo "ftrace-ops/list/relevant=1/irrelevant=0,ftrace-ops,list,relevant=1;irrelevant=0,0" >>"$d/samples.csv"
bad "samples.csv short row" "^report: $d/samples.csv: line 6: truncated or malformed row \(5 of 14 fields\) \(field pass\)$" "$d"
d=$(mk s6); sed -i '1s/,variant,/,flavour,/' "$d/samples.csv"
bad "samples.csv foreign header" "^report: $d/samples.csv: not an ftbench samples file: column 3 should be variant \(field variant\)$" "$d"
d=$(mk s7); sed -i '2s/,[0-9.]*,\([0-9.]*\),,$/,abc,\1,,/' "$d/samples.csv"
bad "samples.csv non-number" "^report: $d/samples.csv: line 2: 'abc' is not a number \(field cycles\)$" "$d"
d=$(mk s9); sed -i '2s/,[0-9.]*,\([0-9.]*\),,$/,nan,\1,,/' "$d/samples.csv"
bad "samples.csv NaN" "^report: $d/samples.csv: line 2: 'nan' is not a finite number \(field cycles\)$" "$d"
d=$(mk s8); printf 'a,b\n1,2\n' >"$d/samples.csv"
bad "samples.csv of another tool" "\(field name\)$" "$d"

d=$(mk m1); sed -i 's/"format_version": 1/"format_version": 3/' "$d/meta.json"
bad "wrong format_version in meta.json" "^report: $d/meta.json: format_version 3, this reader knows 1 \(field format_version\)$" "$d"
d=$(mk m2); echo '{"git_revision": "x"}' >"$d/meta.json"
bad "meta.json without format_version" "^report: $d/meta.json: .*\(field format_version\)$" "$d"
d=$(mk m3); rm "$d/meta.json"
if $REPORT "$d" --quiet 2>"$TMP/e" && grep -q "provenance unknown" "$d/report/summary.txt"; then
	ok "missing meta.json: warned, report still written"
else
	notok "missing meta.json: warned, report still written"
fi

bad "unknown baseline" "^report: baseline 'bogus' is not a variant in the data \(variants: none, list, dyntramp, callops, direct, kernel, none-literal, zzz\)$" "$TMP/good" --baseline bogus
bad "one bad run among good ones" "^report: $TMP/nope: no such run directory$" "$TMP/good" "$TMP/nope"
$REPORT >/dev/null 2>&1
rc=$?
if [ "$rc" -eq 2 ]; then ok "no arguments: usage, exit 2"; else notok "no arguments: usage, exit 2" "rc=$rc"; fi
finish
