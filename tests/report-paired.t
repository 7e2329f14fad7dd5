#!/bin/sh
# ftb-arch: host
# The harness's paired overheads (results.json median rows: overhead_*,
# untraced_twin, overhead_pairs, stop; docs/results-format.md) reach the
# report: a table with the overhead, its 95% CI, its half-width, the pairs
# and the stop reason, and an interval not reached shown as such.
. tests/report/lib.sh

gen time "$TMP/t"
$PY - "$TMP/t/results.json" <<'EOF2'
import json, sys
path = sys.argv[1]
doc = json.load(open(path))
for b in doc["benchmarks"]:
    if b.get("aggregate_name") != "median" or \
            not b["run_name"].startswith("ops-sweep/"):
        continue
    # As the harness writes a median row: its configuration's fields.
    _, variant, ops = b["run_name"].split("/")
    b.update(scenario="ops-sweep", variant=variant,
             params={"ops": int(ops.split("=")[1])}, backend="time-tsc")
    if b["variant"] == "none":
        b["stop"] = "untraced"
        continue
    b["untraced_twin"] = "ops-sweep/none/ops=%d" % b["params"]["ops"]
    b["stop"] = "budget" if b["params"]["ops"] == 4 else "target"
    b["overhead_pairs"] = 42
    b["overhead_real_time"] = 1.234 if b["params"]["ops"] == 4 else 2.5
    b["overhead_real_time_lo"] = 1.2 if b["params"]["ops"] == 4 else None
    b["overhead_real_time_hi"] = 1.27 if b["params"]["ops"] == 4 else None
json.dump(doc, open(path, "w"))
EOF2
reports "report on a run with paired overheads" "$TMP/t" --out "$TMP/rep"
s=$TMP/rep/summary.txt
expect "paired overheads section" grep -q "^paired overheads$" "$s"
expect "ops-sweep paired table titled with its unit" \
	grep -q "^ops-sweep, ns per call over none at the same point, paired:" "$s"
expect "a row: point, variant, pairs, overhead, CI, half-width, stop" \
	grep -Eq "^4 +list +42 +1\.234 +\[1\.200, 1\.270\] +0\.035 +budget$" "$s"
expect "an interval not reached: '-', and its stop reason" \
	grep -Eq "^8 +callops +42 +2\.500 +- +- +target$" "$s"
sed -n '/^ops-sweep, ns per call over none at the same point, paired:/,/^$/p' "$s" >"$TMP/paired"
expect "the twins have no row of their own" sh -c "! grep -Eq '^[0-9]+ +none ' '$TMP/paired'"
expect "summary.txt at most 80 columns" sh -c "! awk 'length > 80' '$s' | grep -q ."
finish
