"""What counters and backends mean.

Counters are named after the event that produced them, and the same idea has
many names (`cycles` from perf, `CPU_CYCLES` from the Arm tables, `r11` as a
raw code, `emu-insns` from the qemu model). The fit and the figure defaults
need to know which column plays which role; this module is the one place
that maps names to roles, so an unknown name simply has no role.
"""
from .load import TIME_METRIC

# Role -> names in order of preference (retired events before speculative:
# DESIGN.md section 3). Matching ignores case and perf modifiers (":u").
ROLE_NAMES = {
    "cycles": ["cycles", "cpu_cycles", "cpu-cycles", "r11", "r0011"],
    "instructions": ["instructions", "inst_retired", "emu-insns",
                     "instructions_retired", "r08", "r0008", "inst_spec"],
    "mispredicts": ["br_mis_pred_retired", "branch-misses", "emu-mispred",
                    "br_mis_pred", "branch_mispred", "branch-mispredicts",
                    "r22", "r0022", "r10", "r0010"],
}

# Branch classes per call, in the order a figure shows them: the emulated
# model's (docs/emu.md) and the Arm PMU's speculative class events.
BRANCH_CLASSES = [
    ("emu-br-b", "B"), ("emu-br-bl", "BL"),
    ("emu-br-cond-taken", "B.cond taken"),
    ("emu-br-cond-not-taken", "B.cond not taken"),
    ("emu-br-cbz", "CBZ/CBNZ/TBZ/TBNZ"),
    ("emu-br-cbz-taken", "CB*/TB* taken"),
    ("emu-br-cbz-not-taken", "CB*/TB* not taken"),
    ("emu-br-br", "BR"), ("emu-br-blr", "BLR"), ("emu-br-ret", "RET"),
    ("br_indirect_spec", "indirect branches (speculative)"),
    ("br_return_spec", "returns (speculative)"),
]
# Mispredicts by kind (the total is the `mispredicts` role).
MISPREDICT_KINDS = [
    ("emu-mispred-cond", "conditional mispredicts (model)"),
    ("emu-mispred-ind", "BR/BLR target mispredicts (model)"),
    ("emu-mispred-ret", "return mispredicts (model)"),
    ("emu-btb-miss", "BTB misses, taken direct (model)"),
    ("br_ind_mis_pred_retired", "indirect mispredicts"),
]

# How a time backend keeps time, for axis labels.
TIMERS = {
    "time-tsc": "TSC timer",
    "time-cntvct": "CNTVCT_EL0 timer",
    "time-clock": "clock_gettime",
}

BACKEND_KINDS = {
    "pmu": "PMU counters (perf_event_open read())",
    "pmu-user": "PMU counters (user-space reads)",
    "emu": "emulated model (qemu plugin): counts, no cycles",
}


def _plain(name):
    """Compare names without case or perf modifiers (`cycles:u`)."""
    return name.split(":")[0].strip().lower()


def find_role(metrics, role):
    """The metric in `metrics` playing `role`, best name first, or None."""
    plain = {_plain(m): m for m in metrics}
    for name in ROLE_NAMES[role]:
        if name in plain:
            return plain[name]
    return None


def role_of(metric):
    """The role a metric plays, or None."""
    plain = _plain(metric)
    for role, names in ROLE_NAMES.items():
        if plain in names:
            return role
    return None


def matching(metric, metrics):
    """The metric in `metrics` comparable with `metric`: the same name, or
    the same role under another name (INST_RETIRED against emu-insns)."""
    if metric in metrics:
        return metric
    role = role_of(metric)
    return find_role(metrics, role) if role else None


def backend_kind(backend):
    """Human words for a backend: PMU, time (and its source) or emulated."""
    if backend in BACKEND_KINDS:
        return BACKEND_KINDS[backend]
    if backend.startswith("time-"):
        return "time only (%s), no PMU counters" % backend[len("time-"):]
    return "backend %s" % backend


def time_is_meaningful(backend):
    """qemu's wall time under the emulated backend measures nothing real."""
    return backend != "emu"


def unit(metric):
    """The per-call unit of a metric, for table headings and axis labels."""
    if metric == TIME_METRIC:
        return "ns per call"
    return "%s per call" % metric


def primary_metric(metrics, backend):
    """The one metric comparisons and default figures use.

    Cycles when the PMU gave them; real time when it means something; under
    the emulated model, instructions (the most basic exact count).
    """
    cycles = find_role(metrics, "cycles")
    if cycles:
        return cycles
    if time_is_meaningful(backend) and TIME_METRIC in metrics:
        return TIME_METRIC
    insns = find_role(metrics, "instructions")
    if insns:
        return insns
    return metrics[0] if metrics else TIME_METRIC


def classes_in(metrics, table):
    """[(metric, words)] of a class table that the run has, in order."""
    plain = {_plain(m): m for m in metrics}
    return [(plain[name.lower()], words) for name, words in table
            if name.lower() in plain]


def is_count(metric):
    """Instructions, branches, mispredicts: counts of events, which may be
    exactly 0 per call (time and cycles never are)."""
    return metric != TIME_METRIC and role_of(metric) != "cycles"


def axis_unit(metric, backend, meta=None):
    """The unit of a metric in words for an axis: what it is and where it
    comes from (`ns, TSC timer`, `cycles (CPU_CYCLES)`, `instructions,
    emulated (exact)`, `BR_RETIRED`)."""
    meta = meta or {}
    role = role_of(metric)
    if metric == TIME_METRIC:
        timer = TIMERS.get(backend)
        if timer is None and backend in ("pmu", "pmu-user"):
            timer = "clock_gettime beside the PMU"
        hz = meta.get("tick_hz")
        if timer and isinstance(hz, (int, float)) and hz > 0 and \
                backend == "time-cntvct":
            timer += " at %.4g MHz" % (hz / 1e6)
        return "ns, %s" % timer if timer else "ns"
    emulated = backend == "emu"
    if role == "cycles":
        return "cycles" if _plain(metric) == "cycles" else \
            "cycles (%s)" % metric
    if role == "instructions":
        if emulated:
            return "instructions, emulated (exact)"
        return "instructions" if _plain(metric) == "instructions" else \
            "instructions (%s)" % metric
    if role == "mispredicts":
        if emulated:
            return "branch mispredicts, predictor model"
        return "branch mispredicts (%s)" % metric
    for name, words in BRANCH_CLASSES + MISPREDICT_KINDS:
        if _plain(metric) == name.lower():
            return words
    return metric


def short_name(metric):
    """A panel title for a metric: its role in words, or its name."""
    if metric == TIME_METRIC:
        return "time"
    role = role_of(metric)
    if role:
        return {"mispredicts": "branch mispredicts"}.get(role, role)
    return metric
