"""Modelled cycles per traced call: llvm-mca's cycles for the recorded path
of one call plus mispredicts per call times the core's penalty
(docs/model.md). Nothing here is measured; the inputs are the path run
(instructions, exact) and the predictor model's mispredicts.

Mispredicts per call come, by preference, from a measuring run of the
emulated PMU (many calls, many repetitions: the median of emu-mispred),
else from the path run itself (few calls: noisier), and each row says
which.
"""
import csv
import os
import statistics
from concurrent.futures import ThreadPoolExecutor

from . import llvm, pathrec

MISPRED = "emu-mispred"
WORKERS = 2  # llvm-mca processes at once (the machines have two cores)


class Row:
    """One configuration: its path, mispredicts and modelled cycles."""

    def __init__(self, call):
        self.call = call
        self.name = call.name
        self.variant = call.variant
        self.params = dict(kv.split("=", 1)
                           for kv in call.params.split(";") if kv)
        self.insns = len(call.insns)
        self.mispred = None
        self.mispred_from = None
        self.mca = {}       # cpu -> llvm.Result
        self.cycles = {}    # cpu -> modelled cycles per call

    def point(self):
        """(relevant, irrelevant) of an ftrace-ops row, else None."""
        try:
            return int(self.params["relevant"]), int(self.params["irrelevant"])
        except (KeyError, ValueError):
            return None


def mispred_medians(run_dir):
    """{(scenario, variant, params): median emu-mispred} of a run."""
    path = os.path.join(run_dir, "samples.csv")
    values = {}
    with open(path, newline="") as handle:
        for row in csv.DictReader(handle):
            if row.get("backend") == "failed" or row.get("multiplexed") == "1":
                continue
            if row.get(MISPRED) in (None, ""):
                continue
            key = (row["scenario"], row["variant"], row["params"])
            values.setdefault(key, []).append(float(row[MISPRED]))
    return {k: statistics.median(v) for k, v in values.items()}


class Model:
    """The model of one path run for a list of cores."""

    def __init__(self, path_dir, cores, measuring_dir=None):
        self.path_dir = path_dir
        self.cores = cores
        self.measuring_dir = measuring_dir
        self.calls = pathrec.read_path_run(path_dir)
        self.isa = self.calls[0].isa
        self.rows = [Row(c) for c in self.calls]
        self.llvm_version = None
        self._cache = {}

    def _mispreds(self):
        measured = {}
        if self.measuring_dir:
            try:
                measured = mispred_medians(self.measuring_dir)
            except (OSError, KeyError, ValueError):
                measured = {}
        for row in self.rows:
            key = row.call.key()
            if key in measured:
                row.mispred = measured[key]
                row.mispred_from = "measuring run"
            elif row.call.row.get(MISPRED) not in (None, ""):
                row.mispred = float(row.call.row[MISPRED])
                row.mispred_from = "path run"

    def compute(self):
        """Run llvm-mca for every row and core: each distinct path once,
        disassembled in one llvm-mc run, two llvm-mca processes at a time."""
        self.llvm_version = llvm.version()
        self._mispreds()
        text = llvm.disassemble([e for c in self.calls for _, e in c.insns],
                                self.isa)
        jobs = {}
        for row in self.rows:
            encs = tuple(e for _, e in row.call.insns)
            for core in self.cores:
                jobs.setdefault((encs, core.cpu), row.call.insns)
        with ThreadPoolExecutor(max_workers=WORKERS) as pool:
            futures = {key: pool.submit(
                llvm.cycles_per_call, insns, self.isa, key[1],
                llvm.assembly(insns, self.isa, text))
                for key, insns in jobs.items()}
            results = {key: f.result() for key, f in futures.items()}
        for row in self.rows:
            encs = tuple(e for _, e in row.call.insns)
            for core in self.cores:
                res = results[(encs, core.cpu)]
                row.mca[core.cpu] = res
                extra = 0.0
                if core.penalty is not None and row.mispred is not None:
                    extra = max(row.mispred, 0.0) * core.penalty
                row.cycles[core.cpu] = res.cycles + extra
        return self

    def models(self):
        """{cpu: scheduling model llvm-mca used} from the first row."""
        first = self.rows[0]
        return {c.cpu: first.mca[c.cpu].model for c in self.cores}

    def untraced(self, row):
        """The row's untraced twin: same variant and body, 0/0."""
        want = dict(row.params, relevant="0", irrelevant="0")
        for other in self.rows:
            if other.variant == row.variant and other.params == want:
                return other
        return None

    def overhead(self, row, cpu):
        """Modelled cycles of row over its untraced twin, or None."""
        base = self.untraced(row)
        if base is None:
            return None
        return row.cycles[cpu] - base.cycles[cpu]
