"""scripts/precision: the precision goals of issue 15, measured (not a test).

  scripts/precision run [--bin B] [--out DIR] [--cpu N] [--scenarios S]
      two back-to-back default runs (quiet as the machine is), then one
      with the other core loaded by a spinning process this script starts
      and stops; prints the figures below for the pairs (1, 2) and (1, load)
  scripts/precision compare DIR_A DIR_B
      the figures for two run directories measured already

Figures: the wall time of each run and the load average beside it; per
configuration of ftrace-ops and ops-sweep the median real time of both
runs and their relative difference (max and median over configurations);
every ftrace-ops overhead over its untraced twin (the variant's own 0/0
point) with its 95% CI: the paired estimate results.json records
(docs/method.md), or, for a run without one, the report's difference of
medians with its bootstrap CI. Nothing here asserts: the numbers are for a reader.
"""
import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                ".."))

from report_lib import stats  # noqa: E402

SCENARIOS = ("ftrace-ops", "ops-sweep")
UNTRACED = "none"


def load(path):
    """{name: median row} and {name: [clean real times]} of a run."""
    with open(os.path.join(path, "results.json"), encoding="utf-8") as f:
        res = json.load(f)
    medians = {}
    for b in res["benchmarks"]:
        if b.get("run_type") == "aggregate" and \
                b.get("aggregate_name") == "median":
            medians[b["run_name"]] = b
    times = {}
    for b in res["benchmarks"]:
        if b.get("run_type") == "iteration" and not b.get("multiplexed") \
                and not b.get("error_occurred"):
            times.setdefault(b["run_name"], []).append(b["real_time"])
    return medians, times


def twin_name(name, names):
    """As the harness pairs (bench/pairs.c): the variant's own point with
    every number 0, else `none` at the same point; None for a twin."""
    parts = name.split("/")
    zero = [p.split("=")[0] + "=0" if p.split("=")[1].isdigit() else p
            for p in parts[2:]]
    own = "/".join(parts[:2] + zero)
    if own == name:
        return None
    if own in names:
        return own
    return "/".join([parts[0], UNTRACED] + parts[2:])


def overhead(row, times):
    """(value, lo, hi, how) of one row's overhead over its twin."""
    if "overhead_real_time" in row:
        return (row["overhead_real_time"], row["overhead_real_time_lo"],
                row["overhead_real_time_hi"], row.get("stop", ""))
    twin = twin_name(row["run_name"], times)
    base = times.get(twin) if twin else None
    own = times.get(row["run_name"])
    if not base or not own:
        return None
    lo, hi = stats.bootstrap_diff_ci(own, base, row["run_name"], 1)
    return stats.median(own) - stats.median(base), lo, hi, "bootstrap"


def compare(a, b, label_a="A", label_b="B", out=sys.stdout):
    ma, ta = load(a)
    mb, tb = load(b)
    diffs = []
    for name, row in ma.items():
        if row["scenario"] not in SCENARIOS or name not in mb:
            continue
        x, y = row["real_time"], mb[name]["real_time"]
        if x is None or y is None or not x:
            continue
        diffs.append((abs(y - x) / x * 100.0, name, x, y))
    diffs.sort(reverse=True)
    rel = sorted(d[0] for d in diffs)
    print("%s = %s\n%s = %s" % (label_a, a, label_b, b), file=out)
    if rel:
        print("per-configuration medians (%d configurations of %s): max "
              "difference %.2f%% (%s: %.3f against %.3f ns), median "
              "difference %.2f%%" % (len(rel), ",".join(SCENARIOS),
                                     diffs[0][0], diffs[0][1], diffs[0][2],
                                     diffs[0][3], stats.median(rel)),
              file=out)
        print("  over 1%%: %d, over 2%%: %d" % (
            sum(r > 1 for r in rel), sum(r > 2 for r in rel)), file=out)
    print("\nftrace-ops overheads over the variant's own 0/0, ns per call "
          "(95% CI, half-width; stop reason)", file=out)
    print("  %-50s %-32s %-32s" % ("configuration", label_a, label_b),
          file=out)
    widest = {label_a: 0.0, label_b: 0.0}
    within = {label_a: [0, 0], label_b: [0, 0]}
    below = {label_a: 0, label_b: 0}
    for name in sorted(ma):
        row = ma[name]
        if row["scenario"] != "ftrace-ops" or twin_name(name, ma) is None:
            continue
        cells = []
        for label, m, t in ((label_a, ma, ta), (label_b, mb, tb)):
            o = overhead(m[name], t) if name in m else None
            if o is None or o[1] is None:
                cells.append("-")
                continue
            half = (o[2] - o[1]) / 2
            widest[label] = max(widest[label], half)
            within[label][0] += half <= 0.05
            within[label][1] += 1
            below[label] += o[2] < 0
            cells.append("%7.3f [%.3f, %.3f] ±%.3f %s" % (
                o[0], o[1], o[2], half, o[3]))
        print("  %-50s %-32s %-32s" % (name[len("ftrace-ops/"):], *cells),
              file=out)
    for label in (label_a, label_b):
        print("  %s: widest half-width %.3f ns; %d of %d rows within "
              "+-0.05 ns; %d negative beyond their CI" % (
                  label, widest[label], within[label][0], within[label][1],
                  below[label]), file=out)


def uptime():
    with open("/proc/loadavg", encoding="ascii") as f:
        return "load %s" % " ".join(f.read().split()[:3])


def one_run(binary, out, cpu, scenarios, extra):
    t0 = time.monotonic()
    before = uptime()
    subprocess.run([binary, "run", "--scenarios", scenarios, "--cpu",
                    str(cpu), "--out", out, "--quiet"] + extra, check=True,
                   stdout=subprocess.DEVNULL)
    took = time.monotonic() - t0
    print("%s: %.1f s (%s before, %s after)" % (out, took, before, uptime()))
    return took


def run(args):
    binary, out, cpu = "build/x86_64/ftbench", "/tmp/ftbench-precision", 1
    scenarios, extra = ",".join(SCENARIOS), []
    while args:
        opt = args.pop(0)
        if opt == "--bin":
            binary = args.pop(0)
        elif opt == "--out":
            out = args.pop(0)
        elif opt == "--cpu":
            cpu = int(args.pop(0))
        elif opt == "--scenarios":
            scenarios = args.pop(0)
        elif opt == "--":
            extra = args
            break
        else:
            sys.exit("precision: unknown option %s" % opt)
    if os.path.exists(out):
        sys.exit("precision: %s exists; fix: name a new --out" % out)
    os.makedirs(out)
    dirs = [os.path.join(out, n) for n in ("quiet1", "quiet2", "load")]
    one_run(binary, dirs[0], cpu, scenarios, extra)
    one_run(binary, dirs[1], cpu, scenarios, extra)
    other = 0 if cpu != 0 else 1
    spin = subprocess.Popen(["taskset", "-c", str(other), "sh", "-c",
                             "while :; do :; done"])
    try:
        time.sleep(1)
        one_run(binary, dirs[2], cpu, scenarios, extra)
    finally:
        spin.kill()
        spin.wait()
    print("\n== two back-to-back runs")
    compare(dirs[0], dirs[1], "run 1", "run 2")
    print("\n== a quiet run against one with CPU %d busy" % other)
    compare(dirs[0], dirs[2], "quiet", "loaded")


def main(argv):
    if len(argv) >= 1 and argv[0] == "run":
        return run(argv[1:])
    if len(argv) == 3 and argv[0] == "compare":
        return compare(argv[1], argv[2])
    sys.exit("usage: scripts/precision run [--bin B] [--out DIR] [--cpu N] "
             "[--scenarios S] [-- RUN_OPTIONS] | compare DIR_A DIR_B")


if __name__ == "__main__":
    main(sys.argv[1:])
