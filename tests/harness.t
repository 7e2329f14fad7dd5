#!/bin/sh
# The measurement engine: the harness unit tests (tests/unit/harness_*.c),
# libpfm's arm64 tables under qemu, and the run directory checked against
# docs/results-format.md with python3.
# ftb-arch: any
set -u
B=${FTB_BUILD:-build/$(uname -m | sed s/aarch64/arm64/)}
RUN=${FTB_RUN:-}
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3

run() { # name [arg...]; environment from $ENVS ("" or VAR=value ...)
	bin=$B/tests/$1
	shift
	if [ ! -x "$bin" ]; then
		echo "not ok - $bin built (make harness-test ARCH=${FTB_ARCH:-})"
		return
	fi
	env ${ENVS:-} $RUN "$bin" "$@" ||
		echo "not ok - $(basename "$bin") exited $?"
}

for t in stats estimate json method events pmu meta flow resume conditions fit; do
	run harness_$t
done

# arm64: libpfm's own tables. qemu-user shows libpfm the host's cpuinfo,
# so the core is forced; a binary without libpfm says so and skips.
if [ "${FTB_ARCH:-}" = arm64 ]; then
	for pmu in arm_n1 arm_ac57; do
		ENVS="LIBPFM_FORCE_PMU=$pmu FTB_TEST_PFM_TABLE=$pmu" \
			run harness_events |
			sed "s/^\(ok\|not ok\) - /\1 - [$pmu] /"
	done
fi

dir=$(mktemp -d) || exit 2
trap 'rm -rf "$dir"' EXIT INT TERM
run harness_output "$dir"
$PY - "$dir/run" <<'PYEOF'
import csv, json, math, sys

d = sys.argv[1]
failed = 0

def check(cond, name):
    global failed
    print(("ok - " if cond else "not ok - ") + name)
    failed |= not cond

def load(name):
    try:
        with open(f"{d}/{name}") as f:
            return json.load(f)
    except Exception as e:
        check(False, f"{name} parses: {e}")
        sys.exit(1)

res = load("results.json")
ctx = res["context"]
need = {"date", "host_name", "executable", "num_cpus", "mhz_per_cpu",
        "cpu_scaling_enabled", "caches", "library_build_type",
        "format_version", "ftbench_arch", "backend", "backend_reason",
        "events"}
check(need <= set(ctx), "results.json context has the schema's keys")
check(ctx["format_version"] == 1, "results.json format_version 1")
rows = res["benchmarks"]
it_keys = {"name", "run_name", "run_type", "repetitions", "repetition_index",
           "iterations", "real_time", "cpu_time", "time_unit", "threads",
           "family_index", "per_family_instance_index", "scenario",
           "variant", "params", "backend"}
its = [r for r in rows if r["run_type"] == "iteration"
       and not r.get("error_occurred")]
check(len(its) == 6 and all(it_keys <= set(r) for r in its),
      "iteration rows: one per (configuration, repetition), all keys")
check(all(r["time_unit"] == "ns" for r in rows), "time_unit ns")
agg = {(r["run_name"], r["aggregate_name"]): r
       for r in rows if r["run_type"] == "aggregate"}
c0 = "ftrace-ops/list/relevant=1/irrelevant=0"
c1 = "ftrace-ops/callops/relevant=1/order=random"
check(set(a for _, a in agg) == {"median", "min", "mad"},
      "aggregates median, min, mad")
m = agg[(c0, "median")]
check(m["name"] == c0 + "_median" and m["aggregate_unit"] == "time",
      "aggregate row named run_name_median")
check(m["real_time"] == 11 and agg[(c0, "min")]["real_time"] == 10
      and agg[(c0, "mad")]["real_time"] == 1,
      "time median 11, min 10, MAD 1 (known answers)")
check(m["cycles"] == 101 and m["instructions"] == 7
      and m["branch-misses"] == 7,
      "counters per call in aggregates, from their own pass")
check(agg[(c1, "median")]["real_time"] == 12
      and agg[(c1, "median")]["iterations"] == 2,
      "multiplexed sample left out of the aggregates")
mux = [r for r in its if r["run_name"] == c1 and r["repetition_index"] == 1]
check(len(mux) == 1 and mux[0]["multiplexed"] is True,
      "multiplexed iteration row flagged")
check(its[0]["params"] == {"relevant": 1, "irrelevant": 0}
      and [r for r in its if r["run_name"] == c1][0]["params"]
      == {"relevant": 1, "order": "random"},
      "params: integers as numbers, words as strings, in order")
err = [r for r in rows if r.get("error_occurred")]
check(len(err) == 1 and err[0]["error_message"]
      == "setup failed: ops, registered", "failed configuration row")

with open(f"{d}/samples.csv", newline="") as f:
    rd = csv.reader(f)
    head = next(rd)
    body = list(rd)
fixed = ["name", "scenario", "variant", "params", "repetition", "pass",
         "calls", "backend", "multiplexed", "real_time_ns"]
check(head[:10] == fixed and head[-1] == "error"
      and head[10:-1] == ["cycles", "instructions", "branch-misses"],
      "samples.csv header: fixed columns, counters first-seen, error")
check(len(body) == 13 and all(len(r) == len(head) for r in body),
      "samples.csv: 13 rows of equal width")
rows = [dict(zip(head, r)) for r in body]
ok = [r for r in rows if r["backend"] != "failed"]
check(all(float(r["real_time_ns"]) > 0 for r in ok),
      "samples.csv: numbers parse")
p1 = [r for r in ok if r["pass"] == "1"]
check(all(r["instructions"] == "" and r["branch-misses"] == "7" for r in p1),
      "samples.csv: counters a pass did not measure are empty")
fail = [r for r in rows if r["backend"] == "failed"]
check(len(fail) == 1 and fail[0]["error"] == "setup failed: ops, registered",
      "samples.csv: failed row, quoted error kept whole")

meta = load("meta.json")
keys = {"format_version", "ftbench_version", "git_revision", "command_line",
        "date", "host", "arch", "cpu_model", "midr_el1", "kernel",
        "perf_event_paranoid", "perf_user_access", "pmu", "libpfm",
        "backend", "backend_reason", "tick_hz", "governor_before",
        "governor_after", "freq_khz_before", "freq_khz_after", "compiler",
        "cflags", "corpus", "cpu", "method"}
check(keys <= set(meta), "meta.json has every provenance key")
check(meta["command_line"] == 'ftbench run --test "quoted"'
      and meta["corpus"] == {"funcs_built": 65536, "body": "alu4"},
      "meta.json strings escaped, corpus kept")
check(set(meta["pmu"]) == {"name", "type", "counters", "counter_width",
                           "read_path", "unimplemented_events"}
      and set(meta["libpfm"]) == {"version", "pmu_table"},
      "meta.json pmu and libpfm objects")
sys.exit(1 if failed else 0)
PYEOF
