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
