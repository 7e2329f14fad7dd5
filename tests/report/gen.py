#!/usr/bin/env python3
"""Synthetic ftbench run directories with statistics known in advance.

Used by tests/report*.t (standard library only, any python3 runs it).

Model, per configuration: instructions I and mispredicts M come from a small
per-scenario formula; cycles = a + b*I + c*M with (a, b, c) fixed per variant
(VARIANT_ABC), so the report's fit must recover them exactly; time is
cycles / GHZ. Repetitions are the true value plus symmetric offsets
(true * SPREAD * (k - (n-1)/2)) in a shuffled order, so the median of every
configuration is exactly the true value and a bootstrap CI must contain it.

Known decisions: at ftrace-ops relevant=2/irrelevant=0 `dyntramp` and
`callops` are generated from identical values (no difference); at
relevant=1/irrelevant=100 `list` is far above `callops` (differ).

The scenarios have the harness's shapes (docs/scenarios.md): ftrace-ops
with `none` at 0/0 only, `direct` at 0/0 1/0 1/1 and `kernel` (the running
kernel's rows, with an untraced 0/0 of its own, KERNEL_UNTRACED, and
meta.json's kernel_ftrace); ops-sweep, overlap, footprint, threads and
callback with `none` at every point; patching, range and untraced without
an untraced variant of their own kind. Under `emu` every configuration
also has branch classes and mispredicts by kind (CLASSES; `emu-br-br` and
`emu-mispred-ret` are 0 everywhere). The `pmu` kind names an L1I and an
L2 cache in results.json (CACHES).

Usage: gen.py KIND OUT_DIR [--reps N] [--scale F]
  KIND: pmu (cycles, instructions, branch-misses over two passes),
        emu (emu-insns, emu-mispred; no cycles), time (time-tsc, ticks),
        arm (CPU_CYCLES, INST_RETIRED, BR_MIS_PRED_RETIRED, one pass).
  --scale multiplies every true value (for run-to-run ratios).
"""
import json
import os
import random
import sys

GHZ = 2.5
SPREAD = 0.01
VARIANT_ABC = {
    "none": (5.0, 0.25, 10.0),
    "none-literal": (5.5, 0.25, 10.0),
    "list": (20.0, 0.5, 14.0),
    "dyntramp": (8.0, 0.4, 12.0),
    "callops": (8.0, 0.4, 12.0),
    "direct": (4.0, 0.3, 11.0),
    "kernel": (6.0, 0.45, 13.0),
    "zzz": (3.0, 0.3, 9.0),
}
KERNEL_UNTRACED = 25.0
KERNEL_META = {"release": "6.12.117-synthetic", "design": "CALL_OPS"}
CACHES = [{"type": "Data", "level": 1, "size": 49152, "num_sharing": 1},
          {"type": "Instruction", "level": 1, "size": 32768,
           "num_sharing": 1},
          {"type": "Unified", "level": 2, "size": 1048576,
           "num_sharing": 1}]
# emu branch classes per call: {counter: f(variant, I)}; the totals of
# the classes are not asserted anywhere, only that they are drawn.
CLASSES = ["emu-br-b", "emu-br-bl", "emu-br-cond-taken",
           "emu-br-cond-not-taken", "emu-br-cbz", "emu-br-br",
           "emu-br-blr", "emu-br-ret"]
MISPREDICT_KINDS = ["emu-mispred-cond", "emu-mispred-ind",
                    "emu-mispred-ret"]
FTRACE_POINTS = [(0, 0), (1, 0), (1, 1), (1, 2), (1, 10), (1, 100), (2, 0),
                 (10, 0), (100, 0)]


def ftrace_ops(variant, relevant, irrelevant):
    """(I, M): the list walk is linear in all ops; one relevant ops and a
    private path (dyntramp, callops, direct, the kernel's CALL_OPS) is
    flat in irrelevant ops."""
    if relevant == 0 and irrelevant == 0:
        return (KERNEL_UNTRACED if variant == "kernel" else 20.0), 0.0
    if variant in ("dyntramp", "callops", "direct", "kernel") and \
            relevant == 1:
        return {"dyntramp": 28.0, "callops": 30.0, "direct": 24.0,
                "kernel": 67.0}[variant], 0.3
    walk = 45.0 if variant != "list" else 40.0
    if variant == "kernel":
        walk = 60.0
    return walk + 25.0 * (relevant + irrelevant), 1.0 + relevant


def configurations():
    """(scenario, variant, params as [(k, v)], I, M) for every config."""
    out = []
    out.append(("ftrace-ops", "none", [("relevant", 0), ("irrelevant", 0)],
                20.0, 0.0))
    for variant in ("list", "dyntramp", "callops", "direct", "kernel"):
        for rel, irr in FTRACE_POINTS:
            if variant == "direct" and (rel > 1 or irr > 1):
                continue    # a direct site serves one callback
            if variant not in ("direct", "kernel") and (rel, irr) == (0, 0):
                continue
            ins, mis = ftrace_ops(variant, rel, irr)
            out.append(("ftrace-ops", variant,
                        [("relevant", rel), ("irrelevant", irr)], ins, mis))
    for variant in ("none", "list", "callops"):
        for ops in (1, 2, 4, 8, 16, 32, 64):
            ins = {"none": 20.0, "list": 40.0 + 20.0 * ops,
                   "callops": 32.0}[variant]
            mis = 0.0 if variant == "none" else 1.0 + 0.5 * (ops % 3)
            out.append(("ops-sweep", variant, [("ops", ops)], ins, mis))
    for variant in ("none", "list", "dyntramp", "callops"):
        for pct in (0, 25, 50, 75, 100):
            ins = {"none": 20.0, "list": 90.0}.get(variant,
                                                   30.0 + 0.6 * pct)
            mis = 0.0 if variant == "none" else 0.3 + 0.01 * pct
            out.append(("overlap", variant, [("percent", pct)], ins, mis))
    for variant in ("none", "list", "callops"):
        for order in ("seq", "random"):
            for funcs in (16, 64, 256, 1024, 4096, 16384, 65536):
                knee = 1024 if order == "seq" else 256
                mis = 0.2 + (0.0 if funcs <= knee else
                             3.0 * (funcs // knee).bit_length())
                ins = 50.0 + (5.0 if variant == "list" else 0.0)
                if variant == "none":
                    ins, mis = 20.0, 0.1
                out.append(("footprint", variant,
                            [("funcs", funcs), ("order", order)], ins, mis))
    for variant in ("list", "callops"):
        for op in ("enable", "disable"):
            for sites in (1, 10, 100, 1000, 10000):
                ins = 200.0 + 40.0 * sites
                mis = 2.0 + 0.05 * sites
                out.append(("patching", variant,
                            [("sites", sites), ("op", op)], ins, mis))
    for variant in ("none", "list", "callops"):
        for threads in (1, 2, 4):
            ins = {"none": 20.0, "list": 90.0 + 5.0 * threads,
                   "callops": 30.0 + 2.0 * threads}[variant]
            out.append(("threads", variant, [("threads", threads)], ins,
                        0.0 if variant == "none" else 0.5))
    for variant in ("none", "list", "callops"):
        for word, extra in (("trivial", 0.0), ("ring", 30.0)):
            ins = 20.0 if variant == "none" else \
                (90.0 if variant == "list" else 30.0) + extra
            out.append(("callback", variant, [("callback", word)], ins,
                        0.0 if variant == "none" else 0.4))
    for variant in ("list", "dyntramp", "callops"):
        for word, extra in (("near", 0.0), ("far", 4.0)):
            base = {"list": 90.0, "dyntramp": 28.0, "callops": 30.0}[variant]
            out.append(("range", variant, [("callback", word)],
                        base + (extra if variant == "dyntramp" else 0.0),
                        0.3))
    for variant in ("none", "none-literal", "list", "callops"):
        for word, extra in (("ref", 0.0), ("site", 2.0)):
            out.append(("untraced", variant, [("call", word)], 20.0 + extra,
                        0.0))
    for word in ("alpha", "beta"):
        out.append(("zz-custom", "zzz", [("k", word)], 60.0, 1.5))
        out.append(("zz-custom", "list", [("k", word)], 70.0, 2.5))
    return out


def branch_classes(scenario, variant, params, ins):
    """Branches per call by class under emu: the list walk's grow with
    the ops it walks, the private paths' stay fixed."""
    values = dict(params)
    walked = values.get("relevant", 0) + values.get("irrelevant", 0) \
        if variant in ("list", "kernel") or values.get("relevant", 0) > 1 \
        else 0
    traced = 0.0 if variant.startswith("none") or \
        (scenario == "ftrace-ops" and walked == 0 and
         values.get("relevant", 1) == 0) else 1.0
    return {"emu-br-b": 1.0 * traced, "emu-br-bl": 1.0 + traced,
            "emu-br-cond-taken": 2.0 * walked,
            "emu-br-cond-not-taken": 1.0 + walked,
            "emu-br-cbz": 0.5 * walked, "emu-br-br": 0.0,
            "emu-br-blr": traced + walked, "emu-br-ret": 1.0 + traced +
            walked, "emu-branches": ins / 5.0}


def cycles(variant, ins, mis):
    """The mechanistic truth the report's fit must recover."""
    a, b, c = VARIANT_ABC[variant]
    return a + b * ins + c * mis


def offsets(reps):
    """Symmetric offsets: the median of true + offsets is exactly true."""
    return [k - (reps - 1) / 2.0 for k in range(reps)]


def reps_of(value, reps, rng):
    """The repetitions of one true value, shuffled."""
    values = [value * (1.0 + SPREAD * k) for k in offsets(reps)]
    rng.shuffle(values)
    return values


def counters_for(kind):
    """Counter columns and which pass measures each."""
    if kind == "pmu":
        return [("cycles", 0), ("instructions", 0), ("branch-misses", 1)]
    if kind == "arm":
        return [("CPU_CYCLES", 0), ("INST_RETIRED", 0),
                ("BR_MIS_PRED_RETIRED", 0)]
    if kind == "emu":
        return [("emu-insns", 0), ("emu-mispred", 0)] + \
            [(c, 0) for c in CLASSES + MISPREDICT_KINDS]
    return [("ticks", 0)]


BACKENDS = {"pmu": "pmu", "arm": "pmu-user", "emu": "emu", "time": "time-tsc"}


def truth(kind, scenario, variant, params, ins, mis, scale):
    """True per-call values of every metric for one configuration."""
    cyc = cycles(variant, ins, mis) * scale
    ns = cyc / GHZ
    values = {"real_time_ns": ns, "ticks": ns * GHZ,
              "cycles": cyc, "CPU_CYCLES": cyc,
              "instructions": ins * scale, "INST_RETIRED": ins * scale,
              "emu-insns": ins * scale,
              "branch-misses": mis * scale, "BR_MIS_PRED_RETIRED": mis * scale,
              "emu-mispred": mis * scale}
    if kind == "emu":
        values["real_time_ns"] = 1000.0 + ins   # qemu time: meaningless
        for name, value in branch_classes(scenario, variant, params,
                                          ins).items():
            values[name] = value * scale
        values["emu-mispred-cond"] = 0.7 * mis * scale
        values["emu-mispred-ind"] = 0.3 * mis * scale
        values["emu-mispred-ret"] = 0.0
    return values


def name_of(scenario, variant, params):
    """The configuration name of docs/results-format.md."""
    return "/".join([scenario, variant] + ["%s=%s" % kv for kv in params])


def generate(kind, out, reps, scale):
    """Write samples.csv, results.json and meta.json into `out`."""
    os.makedirs(out, exist_ok=True)
    rng = random.Random(7)
    counters = counters_for(kind)
    passes = sorted({p for _, p in counters})
    header = ["name", "scenario", "variant", "params", "repetition", "pass",
              "calls", "backend", "multiplexed", "real_time_ns"] + \
        [c for c, _ in counters] + ["error"]
    rows, benches = [], []
    backend = BACKENDS[kind]
    for scenario, variant, params, ins, mis in configurations():
        name = name_of(scenario, variant, params)
        true = truth(kind, scenario, variant, params, ins, mis, scale)
        series = {m: reps_of(v, reps, rng) for m, v in true.items()}
        for rep in range(reps):
            for pas in passes:
                row = [name, scenario, variant,
                       ";".join("%s=%s" % kv for kv in params), rep, pas,
                       100000, backend, 0,
                       "%.6f" % series["real_time_ns"][rep]]
                row += ["%.6f" % series[c][rep] if p == pas else ""
                        for c, p in counters]
                rows.append(row + [""])
            benches.append({
                "name": name, "family_index": 0,
                "per_family_instance_index": 0, "run_name": name,
                "run_type": "iteration", "repetitions": reps,
                "repetition_index": rep, "threads": 1, "iterations": 100000,
                "real_time": series["real_time_ns"][rep],
                "cpu_time": series["real_time_ns"][rep], "time_unit": "ns",
                "scenario": scenario, "variant": variant,
                "params": dict(params), "backend": backend})
        benches.append({"name": name + "_median", "run_name": name,
                        "run_type": "aggregate", "aggregate_name": "median",
                        "aggregate_unit": "time", "repetitions": reps,
                        "threads": 1, "iterations": reps,
                        "real_time": true["real_time_ns"],
                        "cpu_time": true["real_time_ns"], "time_unit": "ns"})
    # A multiplexed outlier the report must leave out of every statistic.
    first = rows[0]
    outlier = list(first)
    outlier[4], outlier[8], outlier[9] = reps, 1, "999999.0"
    rows.append(outlier)
    # A failed configuration, in both files.
    rows.append(["ops-sweep/callops/ops=128", "ops-sweep", "callops",
                 "ops=128", "", "", "", "failed", "", ""] +
                [""] * len(counters) + ["child killed by SIGSEGV"])
    benches.append({"name": "ops-sweep/callops/ops=128",
                    "error_occurred": True,
                    "error_message": "child killed by SIGSEGV"})
    with open(os.path.join(out, "samples.csv"), "w") as handle:
        for row in [header] + rows:
            handle.write(",".join(str(c) for c in row) + "\n")
    context = {"date": "2026-11-26T10:00:00+00:00", "host_name": "synth",
               "executable": "build/x86_64/ftbench", "num_cpus": 4,
               "mhz_per_cpu": 2500, "cpu_scaling_enabled": False,
               "caches": CACHES if kind == "pmu" else [],
               "library_build_type": "release",
               "format_version": 1, "ftbench_arch": "x86_64",
               "backend": backend, "backend_reason": "synthetic",
               "events": [c for c, _ in counters]}
    with open(os.path.join(out, "results.json"), "w") as handle:
        json.dump({"context": context, "benchmarks": benches}, handle,
                  indent=1)
    meta = {"format_version": 1, "ftbench_version": "0-synthetic",
            "git_revision": "synth0123", "command_line": "gen.py " + kind,
            "date": "2026-11-26T10:00:00+00:00", "host": "synth",
            "arch": "arm64" if kind in ("emu", "arm") else "x86_64",
            "cpu_model": "Synthetic CPU @ %.1f GHz" % GHZ,
            "kernel": "6.1.0-synthetic", "backend": backend,
            "backend_reason": "synthetic", "compiler": "gcc 12.2.0",
            "cflags": "-O2", "method": {"calls": 100000,
                                        "repetitions": reps},
            "kernel_ftrace": KERNEL_META}
    with open(os.path.join(out, "meta.json"), "w") as handle:
        json.dump(meta, handle, indent=1)


def main(argv):
    """Parse the few arguments and generate."""
    kind, out = argv[0], argv[1]
    reps, scale = 9, 1.0
    rest = argv[2:]
    while rest:
        if rest[0] == "--reps":
            reps = int(rest[1])
        elif rest[0] == "--scale":
            scale = float(rest[1])
        else:
            sys.exit("gen.py: unknown option " + rest[0])
        rest = rest[2:]
    generate(kind, out, reps, scale)


if __name__ == "__main__":
    main(sys.argv[1:])
