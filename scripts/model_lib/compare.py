"""Where the model meets something measured (docs/model.md): the x86 host's
TSC, and the arm64 reference table. Comparisons, not fits: no constant here
is chosen to make model and measurement agree.

x86-64. The measured overhead of a configuration is its median TSC ticks
per call over the untraced twin's (the same variant at 0/0), converted to
core cycles with the core clock given (by default /proc/cpuinfo's "cpu
MHz", recorded) over the TSC rate the run measured (meta.json tick_hz).
In a VM the core clock is not observable: with no cycle counter the
conversion assumes the core runs at that clock, which turbo or power
states can break. The error is (model - measured) / measured.

Reference. The CALL_OPS cover letter (DESIGN.md section 2) measured the
kernel's ftrace-ops sample on an Apple M1 under HVF; it states no clock.
REF_GHZ is the M1's published P-core maximum (Apple; AnandTech's review
measured 3.204 GHz), an assumption about the run, not a fit. The model's
cycles for apple-m1 (LLVM's Cyclone model) become ns at that clock.
"""
import csv
import json
import os
import statistics

from report_lib.reference import FTRACE_OPS

from .tables import ftrace_rows

REF_GHZ = 3.2
MIN_SLOPE_NS = 0.1
REF_SOURCE = ("CALL_OPS cover letter (M. Rutland, Jan 2023), Apple M1 under "
              "HVF QEMU, ns per call over the untraced 0.95 ns")
# DESIGN.md section 2: {design: {(relevant, irrelevant): ns}}.
# The cover letter's table, one copy for the report and the model.
REFERENCE = FTRACE_OPS.values


def _ratio(model, ref):
    return model / ref if ref else None


def _fmt(value, spec="%.2f"):
    return "-" if value is None else spec % value


def reference_rows(model, cpu="apple-m1"):
    """[(design, point, ref ns, model ns, ratio)] at the reference points."""
    out = []
    for design, point, row in ftrace_rows(model):
        ref = REFERENCE.get(design, {}).get(point)
        if ref is None:
            continue
        cycles = model.overhead(row, cpu)
        ns = None if cycles is None else cycles / REF_GHZ
        out.append((design, point, ref, ns,
                    None if ns is None else _ratio(ns, ref)))
    return out


def _slope(values, a, b):
    if a in values and b in values and values[a] is not None \
            and values[b] is not None:
        return (values[b] - values[a]) / (b[0] + b[1] - a[0] - a[1])
    return None


def reference_shape(model, cpu="apple-m1"):
    """The shape ratios: list over CALL_OPS at 1/0, and cost per ops."""
    ns = {}
    for design, point, _, value, _ in reference_rows(model, cpu):
        ns.setdefault(design, {})[point] = value
    out = []
    lst, cops = ns.get("list", {}), ns.get("callops", {})
    ref_l, ref_c = REFERENCE["list"], REFERENCE["callops"]
    if (1, 0) in lst and (1, 0) in cops and cops[(1, 0)]:
        out.append(("list / CALL_OPS at 1/0", ref_l[(1, 0)] / ref_c[(1, 0)],
                    lst[(1, 0)] / cops[(1, 0)]))
    for name, design, a, b in (
            ("list, ns per irrelevant ops (1/10 to 1/100)", "list",
             (1, 10), (1, 100)),
            ("list, ns per relevant ops (10/0 to 100/0)", "list",
             (10, 0), (100, 0)),
            ("CALL_OPS, ns per relevant ops (10/0 to 100/0)", "callops",
             (10, 0), (100, 0)),
            ("CALL_OPS, ns per irrelevant ops (1/10 to 1/100)", "callops",
             (1, 10), (1, 100))):
        out.append((name, _slope(REFERENCE[design], a, b),
                    _slope(ns.get(design, {}), a, b)))
    return out


def reference_text(model, cpu="apple-m1"):
    """The comparison with the cover letter, as text."""
    if cpu not in [c.cpu for c in model.cores]:
        return ""
    lines = ["MODEL against the reference table: %s (LLVM model: %s) at "
             "%.1f GHz against the %s" % (cpu, model.models()[cpu], REF_GHZ,
                                          REF_SOURCE),
             "%-16s%10s%10s%8s" % ("design r/i", "ref ns", "model ns",
                                   "ratio")]
    for design, (rel, irr), ref, ns, ratio in reference_rows(model, cpu):
        lines.append("%-16s%10.2f%10s%8s" % ("%s %d/%d" % (design, rel, irr),
                                             ref, _fmt(ns), _fmt(ratio)))
    lines.append("%-48s%8s%8s%8s" % ("shape", "ref", "model", "ratio"))
    for name, ref, mod in reference_shape(model, cpu):
        # A ratio to a slope of about zero (CALL_OPS over irrelevant ops)
        # says nothing: shown only from MIN_SLOPE_NS on.
        ratio = None
        if None not in (mod, ref) and abs(ref) >= MIN_SLOPE_NS:
            ratio = _ratio(mod, ref)
        lines.append("%-48s%8s%8s%8s" % (name, _fmt(ref), _fmt(mod),
                                         _fmt(ratio)))
    return "\n".join(lines)


def tsc_medians(run_dir):
    """({(variant, params): median ticks per call}, tick_hz) of a run."""
    with open(os.path.join(run_dir, "meta.json")) as handle:
        tick_hz = json.load(handle).get("tick_hz")
    values = {}
    with open(os.path.join(run_dir, "samples.csv"), newline="") as handle:
        for row in csv.DictReader(handle):
            if row.get("backend") == "failed" or row.get("multiplexed") == "1" \
                    or row.get("ticks") in (None, ""):
                continue
            values.setdefault((row["variant"], row["params"]), []).append(
                float(row["ticks"]))
    if not values or not tick_hz:
        raise ValueError("%s: no ticks or no tick_hz: not a TSC run" % run_dir)
    return {k: statistics.median(v) for k, v in values.items()}, tick_hz


class X86Row:
    """One configuration: model and measured cycles over untraced."""

    def __init__(self, design, point, model, measured):
        self.design = design
        self.point = point
        self.model = model
        self.measured = measured
        self.error = (None if model is None or not measured
                      else (model - measured) / measured)


def x86_rows(model, tsc_dir, core_mhz, body="empty"):
    """[X86Row] of the ftrace-ops rows, the host core's model."""
    ticks, tick_hz = tsc_medians(tsc_dir)
    scale = core_mhz * 1e6 / tick_hz
    cpu = model.cores[0].cpu
    out = []
    for design, point, row in ftrace_rows(model, body):
        base = model.untraced(row)
        key = (row.variant, row.call.params)
        bkey = (base.variant, base.call.params) if base else None
        measured = None
        if key in ticks and bkey in ticks:
            measured = (ticks[key] - ticks[bkey]) * scale
        out.append(X86Row(design, point, model.overhead(row, cpu), measured))
    return out, tick_hz, scale


def x86_text(rows, facts, tick_hz, scale, load):
    """The validation table, with what was assumed and the load."""
    lines = ["MODEL against MEASURED, x86-64 (%s): llvm-mca %s + modelled "
             "mispredicts against TSC ticks x %.4f (core %.1f MHz / TSC "
             "%.1f MHz), cycles per traced call over untraced; load "
             "average %s" % (facts.get("model_name"), facts.get("cpu"),
                             scale, facts.get("mhz") or 0, tick_hz / 1e6,
                             load),
             "%-16s%10s%10s%9s" % ("design r/i", "model", "measured",
                                   "error")]
    for r in rows:
        lines.append("%-16s%10s%10s%9s" % (
            "%s %d/%d" % (r.design, r.point[0], r.point[1]),
            _fmt(r.model, "%.1f"), _fmt(r.measured, "%.1f"),
            "-" if r.error is None else "%+.0f%%" % (100 * r.error)))
    errs = [abs(r.error) for r in rows if r.error is not None]
    if errs:
        lines.append("median |error| %.0f%% over %d rows"
                     % (100 * statistics.median(errs), len(errs)))
    return "\n".join(lines)
