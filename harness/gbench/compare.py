#!/usr/bin/env python3
"""ftbench's time backend against Google Benchmark, per configuration.

  harness/gbench/compare.py RUN_DIR GBENCH_JSON

RUN_DIR is an `ftbench run --pmu=time` directory, GBENCH_JSON the file
`make gbench` writes (build/<arch>/gbench.json, with repetitions). For each
configuration both measured: ftbench's median real_time over its usable
(unflagged) samples, Google Benchmark's median wall time per call and its
median CPU time per call (which, like ftbench's preemption flag, leaves out
time spent switched out), and the relative differences.
"""
import json
import re
import statistics
import sys


def ftbench_times(path):
    with open(path) as f:
        res = json.load(f)
    if res["context"].get("format_version") != 1:
        sys.exit(f"compare: {path}: format_version is not 1")
    out = {}
    for b in res["benchmarks"]:
        if (b["run_type"] == "iteration" and not b.get("error_occurred")
                and not b.get("multiplexed")):
            out.setdefault(b["run_name"], []).append(b["real_time"])
    return out


def gbench_times(path):
    with open(path) as f:
        res = json.load(f)
    real, cpu = {}, {}
    for b in res["benchmarks"]:
        if b["run_type"] != "iteration" or "per_call" not in b:
            continue
        name = re.sub(r"/real_time$", "", b["run_name"])
        calls = b["per_call"] and b["real_time"] / (b["per_call"] * 1e9)
        real.setdefault(name, []).append(b["per_call"] * 1e9)
        cpu.setdefault(name, []).append(b["cpu_time"] / calls)
    return real, cpu


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip().splitlines()[2].strip())
    ft = ftbench_times(sys.argv[1] + "/results.json")
    real, cpu = gbench_times(sys.argv[2])
    print(f"{'configuration':46s} {'ftbench':>8s} {'gb wall':>8s} "
          f"{'diff':>7s} {'gb cpu':>8s} {'diff':>7s}  (ns per call, medians)")
    for name in sorted(ft):
        if name not in real:
            continue
        a = statistics.median(ft[name])
        r = statistics.median(real[name])
        c = statistics.median(cpu[name])
        print(f"{name:46s} {a:8.2f} {r:8.2f} {100 * (r - a) / a:+6.1f}% "
              f"{c:8.2f} {100 * (c - a) / a:+6.1f}%")


main()
