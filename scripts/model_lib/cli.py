"""scripts/model: the modelled cycles of ftbench's traced calls
(docs/model.md).

  scripts/model record [--arch A] [--bin BIN] [--calls M] [--reps R]
                       [--variants V] OUT
      OUT: an emulated-PMU run of ftrace-ops (made unless OUT already holds
      a run) and its path run OUT/paths.
  scripts/model show RUN [--cores a,b,...] [--csv FILE]
      The MODEL tables of RUN (a run with RUN/paths): designs x cores,
      the inputs, the cores' LLVM models and penalties, and the reference
      comparison.
  scripts/model x86 [--out DIR] [--tsc RUN] [--cpu N] [--reps R]
                    [--tsc-calls M] [--x86-cpu NAME] [--core-mhz F]
      The x86-64 validation: the model of the host core against the TSC.

Exit status: 0; 1 when a tool or run failed; 2 on usage or input errors.
Every problem is one line on stderr.
"""
import argparse
import os
import sys

from . import compare, cores, llvm, model, pathrec, recording, tables


def _fail(text, code=2):
    print("model: " + text, file=sys.stderr)
    return code


def _paths_dir(run):
    """The path run of run: run/paths, or run itself when it is one."""
    sub = os.path.join(run, "paths")
    if os.path.exists(os.path.join(sub, pathrec.PATHS_FILE)):
        return sub, run
    if os.path.exists(os.path.join(run, pathrec.PATHS_FILE)):
        return run, None
    raise pathrec.PathError("%s: no %s in it or in its paths/ (make it "
                            "with: scripts/model record)"
                            % (run, pathrec.PATHS_FILE))


def compute(run, core_list):
    """The computed Model of run (with its measuring run when present)."""
    path_dir, measuring = _paths_dir(run)
    return model.Model(path_dir, core_list, measuring).compute()


def cmd_record(opts):
    ftbench = opts.bin or recording.binary(opts.arch)
    if not os.path.exists(ftbench):
        return _fail("%s: no such program (make ARCH=%s)" % (ftbench,
                                                            opts.arch))
    if not os.path.exists(os.path.join(opts.out, "samples.csv")):
        recording.emu_run(ftbench, opts.out, opts.calls, opts.reps,
                          opts.variants)
    paths = os.path.join(opts.out, "paths")
    if os.path.exists(paths):
        return _fail("%s exists: remove it to record again" % paths)
    recording.path_run(ftbench, paths, opts.variants)
    print("model: recorded %s" % paths, file=sys.stderr)
    return 0


def cmd_show(opts):
    names = opts.cores.split(",") if opts.cores else None
    m = compute(opts.run, cores.arm64_cores(names))
    if m.isa != "aarch64":
        return _fail("%s: an %s path run: use scripts/model x86" % (
            opts.run, m.isa))
    parts = [tables.cores_table(m), tables.cycles_table(m),
             tables.inputs_table(m), compare.reference_text(m),
             "Penalty sources:\n" + tables.sources(m)]
    print("\n\n".join(p for p in parts if p))
    if opts.csv:
        tables.write_csv(m, opts.csv)
    return 0


def _host_core(opts):
    with open("/proc/cpuinfo") as handle:
        core, facts = cores.x86_host_core(handle.read())
    if opts.x86_cpu:
        core.cpu = core.short = opts.x86_cpu
        facts["cpu"] = opts.x86_cpu + " (--x86-cpu)"
    if opts.core_mhz:
        facts["mhz"] = opts.core_mhz
    if not facts.get("mhz"):
        raise ValueError("/proc/cpuinfo gives no cpu MHz: pass --core-mhz")
    return core, facts


def _loadavg():
    with open("/proc/loadavg") as handle:
        return " ".join(handle.read().split()[:3])


def cmd_x86(opts):
    core, facts = _host_core(opts)
    out = opts.out
    os.makedirs(out, exist_ok=True)
    emu = os.path.join(out, "emu")
    ftbench = recording.binary("x86_64")
    if not os.path.exists(os.path.join(emu, "paths", pathrec.PATHS_FILE)):
        if not os.path.exists(os.path.join(emu, "samples.csv")):
            recording.emu_run(ftbench, emu, opts.calls, 3)
        recording.path_run(ftbench, os.path.join(emu, "paths"))
    tsc = opts.tsc or os.path.join(out, "tsc")
    load = "not measured now (%s)" % tsc
    if not opts.tsc and not os.path.exists(os.path.join(tsc, "samples.csv")):
        before = _loadavg()
        recording.tsc_run(ftbench, tsc, opts.reps, opts.cpu, opts.tsc_calls)
        load = "%s before, %s after the TSC run" % (before, _loadavg())
        with open(os.path.join(tsc, "loadavg.txt"), "w") as handle:
            handle.write(load + "\n")
    elif os.path.exists(os.path.join(tsc, "loadavg.txt")):
        with open(os.path.join(tsc, "loadavg.txt")) as handle:
            load = handle.read().strip()
    m = compute(emu, [core])
    rows, tick_hz, scale = compare.x86_rows(m, tsc, facts["mhz"])
    print(tables.cores_table(m))
    print()
    print(compare.x86_text(rows, facts, tick_hz, scale, load))
    print("\nPenalty source: " + tables.sources(m))
    return 0


def parse(argv):
    parser = argparse.ArgumentParser(prog="model", description=(
        "Modelled cycles per traced call (llvm-mca + modelled "
        "mispredicts): a model, not a measurement."))
    sub = parser.add_subparsers(dest="cmd", required=True)
    rec = sub.add_parser("record", help="emulated run + path run")
    rec.add_argument("out", metavar="OUT")
    rec.add_argument("--arch", default="arm64", choices=["arm64", "x86_64"])
    rec.add_argument("--bin")
    rec.add_argument("--calls", type=int, default=1000)
    rec.add_argument("--reps", type=int, default=3)
    rec.add_argument("--variants")
    show = sub.add_parser("show", help="the MODEL tables of a run")
    show.add_argument("run", metavar="RUN")
    show.add_argument("--cores")
    show.add_argument("--csv", metavar="FILE")
    x86 = sub.add_parser("x86", help="x86-64: model against the TSC")
    x86.add_argument("--out", default="results/model-x86")
    x86.add_argument("--tsc", metavar="RUN")
    x86.add_argument("--cpu", type=int)
    x86.add_argument("--reps", type=int, default=21)
    x86.add_argument("--calls", type=int, default=1000,
                     help="calls per window of the emulated run")
    x86.add_argument("--tsc-calls", type=int, default=10000,
                     help="calls per window of the TSC run")
    x86.add_argument("--x86-cpu")
    x86.add_argument("--core-mhz", type=float)
    return parser.parse_args(argv)


def main(argv):
    opts = parse(argv)
    try:
        return {"record": cmd_record, "show": cmd_show,
                "x86": cmd_x86}[opts.cmd](opts)
    except llvm.ToolMissing as err:
        return _fail(str(err), 1)
    except (llvm.MCAError, RuntimeError) as err:
        return _fail(str(err), 1)
    except (pathrec.PathError, ValueError, OSError) as err:
        return _fail(str(err))
