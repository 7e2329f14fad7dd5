"""Text tables and the CSV of the model (every heading says MODEL)."""
import csv

FTRACE = "ftrace-ops"
DESIGN_ORDER = ["list", "dyntramp", "callops", "direct"]


def _fmt(value, width=8):
    if value is None:
        return "-".rjust(width)
    if abs(value) >= 1000:
        return ("%.0f" % value).rjust(width)
    return ("%.1f" % value).rjust(width)


def _designs(model):
    names = []
    for row in model.rows:
        if row.call.scenario == FTRACE and not row.variant.startswith("none") \
                and row.variant not in names:
            names.append(row.variant)
    return sorted(names, key=lambda n: (DESIGN_ORDER.index(n)
                                        if n in DESIGN_ORDER else 99, n))


def ftrace_rows(model, body="empty"):
    """[(design, (r, i), row)] of the traced ftrace-ops rows, in order."""
    out = []
    for design in _designs(model):
        rows = [r for r in model.rows
                if r.call.scenario == FTRACE and r.variant == design and
                r.params.get("body", "empty") == body and r.point() and
                r.point() != (0, 0)]
        rows.sort(key=lambda r: (r.point()[0], r.point()[1]))
        out += [(design, r.point(), r) for r in rows]
    return out


def cycles_table(model, body="empty"):
    """Designs x cores: modelled cycles per traced call over untraced."""
    cpus = [c.cpu for c in model.cores]
    shorts = [c.short for c in model.cores]
    head = ("MODEL (llvm-mca %s + modelled mispredicts x penalty): cycles "
            "per traced call over the untraced call, ftrace-ops body=%s"
            % (model.llvm_version.split()[-1] if model.llvm_version else "",
               body))
    lines = [head, "%-16s" % "design r/i" + "".join(
        c[:8].rjust(9) for c in shorts)]
    for design, (rel, irr), row in ftrace_rows(model, body):
        lines.append("%-16s" % ("%s %d/%d" % (design, rel, irr)) + "".join(
            " " + _fmt(model.overhead(row, c)) for c in cpus))
    return "\n".join(lines)


def inputs_table(model, body="empty"):
    """The model's inputs per row: instructions (exact, counted on the
    recorded path) and mispredicts per call (the predictor model), both
    over the untraced call, and where the mispredicts came from."""
    lines = ["MODEL inputs, over the untraced call: instructions (counted "
             "under emulation) and mispredicts (predictor model)",
             "%-16s%8s%10s  %s" % ("design r/i", "insns", "mispred",
                                   "mispred from")]
    for design, (rel, irr), row in ftrace_rows(model, body):
        base = model.untraced(row)
        dm = None
        if base is not None and None not in (row.mispred, base.mispred):
            dm = row.mispred - base.mispred
        lines.append("%-16s%8s%10s  %s" % (
            "%s %d/%d" % (design, rel, irr),
            row.insns - base.insns if base else "-",
            "%.2f" % dm if dm is not None else "-", row.mispred_from or "-"))
    return "\n".join(lines)


def cores_table(model):
    """Per core: the -mcpu, the model LLVM really used, the penalty."""
    models = model.models()
    lines = ["MODEL cores: llvm-mca -mcpu, the scheduling model it really "
             "used (from its processor resources), mispredict penalty",
             "%-12s %-38s %4s  %s" % ("-mcpu", "LLVM scheduling model",
                                      "pen.", "penalty kind")]
    for core in model.cores:
        lines.append("%-12s %-38s %4s  %s" % (
            core.cpu, models[core.cpu][:38],
            core.penalty if core.penalty is not None else "-", core.kind))
    return "\n".join(lines)


def sources(model):
    """The penalty sources, one paragraph per core."""
    return "\n".join("%s: %s." % (c.cpu, c.source) for c in model.cores)


def write_csv(model, path):
    """model.csv: one row per configuration; model-cycles-<cpu> per call
    (absolute, not over untraced) and llvm-mca's share mca-cycles-<cpu>."""
    cpus = [c.cpu for c in model.cores]
    with open(path, "w", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["name", "scenario", "variant", "params", "insns",
                      "mispred", "mispred_from"] +
                     ["model-cycles-%s" % c for c in cpus] +
                     ["mca-cycles-%s" % c for c in cpus])
        for row in model.rows:
            out.writerow([row.name, row.call.scenario, row.variant,
                          row.call.params, row.insns,
                          "" if row.mispred is None else "%.4f" % row.mispred,
                          row.mispred_from or ""] +
                         ["%.3f" % row.cycles[c] for c in cpus] +
                         ["%.3f" % row.mca[c].cycles for c in cpus])
