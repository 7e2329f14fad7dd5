"""Reading and validating run directories (docs/results-format.md).

Every problem with the input becomes one InputError carrying the file, the
problem and the field, so the command line can print exactly one line
`report: FILE: problem (field X)` and exit 2. A report built on input that
was silently half-read is worse than no report, hence the strictness:
truncated rows, unknown versions and missing fields all stop the run.

The tidy samples.csv is the source of every number (one row per sample, so
repetitions are visible); results.json is validated and supplies the
context (backend, events) and the failed configurations; meta.json supplies
provenance.
"""
import csv
import json
import math
import os
import re

FORMAT_VERSION = 1

# Columns every samples.csv has, in this order, before the counter columns.
SAMPLE_FIXED = ["name", "scenario", "variant", "params", "repetition",
                "pass", "calls", "backend", "multiplexed", "real_time_ns"]
# Columns that are not per-call metrics even though they follow real_time_ns.
NON_METRIC = {"error"}
TIME_METRIC = "real_time_ns"


class InputError(Exception):
    """A problem with one input file, printable as one line."""

    def __init__(self, path, problem, field=None):
        super().__init__(problem)
        self.path = path
        self.problem = problem
        self.field = field

    def line(self):
        """The one-line message the command prints on stderr."""
        text = "report: %s: %s" % (self.path, self.problem)
        if self.field:
            text += " (field %s)" % self.field
        return text


class Sample:
    """One row of samples.csv: one repetition of one configuration/pass."""

    __slots__ = ("name", "scenario", "variant", "params", "repetition",
                 "pass_", "calls", "backend", "multiplexed", "values",
                 "error")

    def config(self):
        """The configuration key shared by every repetition and pass."""
        return (self.scenario, self.variant, self.params)


class Run:
    """Everything read from one run directory."""

    def __init__(self, path):
        self.path = path
        self.label = os.path.basename(os.path.normpath(path))
        self.meta = {}
        self.context = {}
        self.samples = []
        self.metrics = []          # TIME_METRIC then counters, data order
        self.failed = []           # (configuration name, error message)
        self.warnings = []
        self.backend = "unknown"
        # (scenario, variant) in results.json order: the harness writes it
        # in declared order, while samples.csv follows the (shuffled)
        # measurement order; used to order tables and legends.
        self.declared = []
        # Parameter tuples in results.json order (the declared order of
        # word values such as order=seq before order=random).
        self.declared_params = []
        # Straight lines over a swept parameter (results.json fit rows):
        # (scenario, variant, other params) -> Line.
        self.lines = {}
        # Configurations with samples but no result: (name, why).
        self.no_result = []
        # The harness's paired overheads over the untraced twin (median
        # rows of results.json, docs/results-format.md):
        # {(scenario, variant, params): Paired}.
        self.paired = {}


class Line:
    """cost = fixed + per * value over a sweep, per metric, with errors
    (harness/output_fit.c computed it; the report only shows it)."""

    STATS = ("fixed", "fixed_se", "per", "per_se")

    def __init__(self, over):
        self.over = over
        self.points = 0
        self.values = {stat: {} for stat in self.STATS}

    def get(self, metric):
        """(fixed, fixed_se, per, per_se) of a metric; None if absent."""
        if metric not in self.values["fixed"]:
            return None
        return tuple(self.values[s].get(metric) for s in self.STATS)


class Paired:
    """One configuration's overheads over its untraced twin, per metric
    {metric: (value, lo, hi)} (lo, hi None when the CI was not reached),
    the pairs behind them and why its measurement stopped."""

    __slots__ = ("twin", "pairs", "stop", "metrics")

    def __init__(self, twin, pairs, stop, metrics):
        self.twin = twin
        self.pairs = pairs
        self.stop = stop
        self.metrics = metrics


def _paired_of(bench):
    """The Paired of a median row, or None when it has no twin."""
    twin = bench.get("untraced_twin")
    if not isinstance(twin, str):
        return None
    metrics = {}
    for key, value in bench.items():
        if not key.startswith("overhead_") or key.endswith(("_lo", "_hi")) \
                or key == "overhead_pairs":
            continue
        name = key[len("overhead_"):]
        metric = TIME_METRIC if name == "real_time" else name
        if isinstance(value, (int, float)):
            lo, hi = bench.get(key + "_lo"), bench.get(key + "_hi")
            ok = isinstance(lo, (int, float)) and isinstance(hi, (int, float))
            metrics[metric] = (float(value), float(lo) if ok else None,
                               float(hi) if ok else None)
    pairs = bench.get("overhead_pairs")
    return Paired(twin, pairs if isinstance(pairs, int) else 0,
                  str(bench.get("stop", "")), metrics)


def parse_value(text):
    """A parameter value: an integer when it looks like one, else a word."""
    if re.fullmatch(r"[+-]?\d+", text):
        return int(text)
    return text


def parse_params(text, path, lineno):
    """`k=v;k=v` -> tuple of (key, value) pairs, in the declared order."""
    if text == "":
        return ()
    pairs = []
    for part in text.split(";"):
        if "=" not in part:
            raise InputError(path, "line %d: parameter %r is not key=value"
                             % (lineno, part), "params")
        key, value = part.split("=", 1)
        pairs.append((key, parse_value(value)))
    return tuple(pairs)


def _read_text(path):
    """File contents, refusing missing and empty files with one message."""
    if not os.path.exists(path):
        raise InputError(path, "missing")
    if not os.path.isfile(path):
        raise InputError(path, "not a regular file")
    with open(path, "r", encoding="utf-8", errors="replace") as handle:
        text = handle.read()
    if text.strip() == "":
        raise InputError(path, "empty file")
    return text


def _read_json(path):
    """Parsed JSON; a parse error almost always means a truncated file."""
    text = _read_text(path)
    try:
        return json.loads(text)
    except ValueError as err:
        raise InputError(path, "truncated or not JSON (%s)" %
                         str(err).split(":")[0])


def _check_version(path, obj, where, field):
    """Refuse any format_version but ours, naming where it should be."""
    if "format_version" not in obj:
        raise InputError(path, "not an ftbench file: no format_version in "
                         + where, field)
    version = obj["format_version"]
    if version != FORMAT_VERSION:
        raise InputError(path, "format_version %r, this reader knows %d"
                         % (version, FORMAT_VERSION), field)


def load_results(path, run):
    """Validate results.json; keep its context and failed configurations."""
    doc = _read_json(path)
    if not isinstance(doc, dict) or not isinstance(doc.get("context"), dict):
        raise InputError(path, "not a Google Benchmark results file",
                         "context")
    _check_version(path, doc["context"], "context",
                   "context.format_version")
    benches = doc.get("benchmarks")
    if not isinstance(benches, list):
        raise InputError(path, "not a Google Benchmark results file",
                         "benchmarks")
    for index, bench in enumerate(benches):
        if not isinstance(bench, dict):
            raise InputError(path, "benchmarks[%d] is not an object" % index,
                             "benchmarks")
        if not isinstance(bench.get("name"), str):
            raise InputError(path, "benchmarks[%d]: missing name" % index,
                             "name")
        if bench.get("error_occurred"):
            run.failed.append((bench["name"],
                               str(bench.get("error_message", ""))))
            continue
        for field in ("run_type", "real_time", "time_unit"):
            if field not in bench:
                raise InputError(path, "benchmarks[%d] (%s): missing field"
                                 % (index, bench["name"]), field)
        if "fit_over" in bench:
            _fit_row(path, bench, run)
            continue
        if bench.get("no_result") and bench.get("aggregate_name") == \
                "median":
            run.no_result.append((str(bench.get("run_name")),
                                  str(bench["no_result"])))
        if bench["run_type"] == "iteration":
            for field in ("scenario", "variant", "params"):
                if field not in bench:
                    raise InputError(path, "benchmarks[%d] (%s): missing "
                                     "field" % (index, bench["name"]), field)
            run.declared.append((str(bench["scenario"]),
                                 str(bench["variant"])))
            if isinstance(bench["params"], dict):
                run.declared_params.append(tuple(
                    (str(k), parse_value(str(v)))
                    for k, v in bench["params"].items()))
        elif bench.get("aggregate_name") == "median" and \
                isinstance(bench.get("params"), dict):
            paired = _paired_of(bench)
            if paired is not None:
                run.paired[(str(bench.get("scenario")),
                            str(bench.get("variant")),
                            tuple((str(k), parse_value(str(v)))
                                  for k, v in bench["params"].items()))] = \
                    paired
    run.context = doc["context"]


def _fit_row(path, bench, run):
    """One statistic of a fitted line (fixed, fixed_se, per_X, per_X_se)."""
    over = str(bench["fit_over"])
    stat = str(bench.get("aggregate_name", ""))
    stat = {"per_" + over: "per", "per_%s_se" % over: "per_se"}.get(
        stat, stat)
    if stat not in Line.STATS or not isinstance(bench.get("params"), dict):
        raise InputError(path, "fit row %s: unknown statistic %r"
                         % (bench["name"], stat), "aggregate_name")
    key = (str(bench.get("scenario")), str(bench.get("variant")),
           tuple((str(k), parse_value(str(v)))
                 for k, v in bench["params"].items()))
    line = run.lines.setdefault(key, Line(over))
    if stat == "fixed":
        line.points = int(bench.get("iterations") or 0)
    skip = {"name", "family_index", "per_family_instance_index", "run_name",
            "run_type", "repetitions", "threads", "aggregate_name",
            "aggregate_unit", "iterations", "fit_over", "scenario",
            "variant", "params", "backend", "cpu_time", "time_unit"}
    for field, value in bench.items():
        if field in skip or not isinstance(value, (int, float)):
            continue
        line.values[stat][TIME_METRIC if field == "real_time" else field] = \
            float(value)


def load_meta(path, run):
    """Provenance; a run without meta.json is still readable (warned)."""
    if not os.path.exists(path):
        run.warnings.append("%s: missing, provenance unknown" % path)
        return
    doc = _read_json(path)
    if not isinstance(doc, dict):
        raise InputError(path, "not a JSON object", "format_version")
    _check_version(path, doc, "meta.json", "format_version")
    run.meta = doc
    # Conditions the run could not measure under (harness/conditions.c):
    # each one is a warning the reader sees beside the numbers.
    conditions = doc.get("conditions")
    if isinstance(conditions, list):
        for c in conditions:
            if isinstance(c, dict) and c.get("detail"):
                run.warnings.append("%s: %s: %s" % (path, c.get("kind", "?"),
                                                    c["detail"]))


def _number(text, path, lineno, field, kind=float):
    """A finite numeric cell, or an InputError naming line and column."""
    try:
        value = kind(text)
    except ValueError:
        raise InputError(path, "line %d: %r is not a number" % (lineno, text),
                         field)
    if not math.isfinite(value):
        raise InputError(path, "line %d: %r is not a finite number"
                         % (lineno, text), field)
    return value


def _check_header(path, header):
    """The fixed columns must be present, in order, before the counters."""
    for index, field in enumerate(SAMPLE_FIXED):
        if index >= len(header) or header[index] != field:
            raise InputError(path, "not an ftbench samples file: column %d "
                             "should be %s" % (index + 1, field), field)
    seen = set()
    for field in header:
        if field in seen:
            raise InputError(path, "duplicate column", field)
        seen.add(field)


def _parse_row(path, lineno, header, row, metric_cols):
    """One CSV row -> Sample, or None for a failed-configuration row."""
    if len(row) != len(header):
        missing = header[len(row)] if len(row) < len(header) else "?"
        raise InputError(path, "line %d: truncated or malformed row (%d of "
                         "%d fields)" % (lineno, len(row), len(header)),
                         missing)
    cells = dict(zip(header, row))
    sample = Sample()
    sample.name = cells["name"]
    sample.scenario = cells["scenario"]
    sample.variant = cells["variant"]
    for field in ("name", "scenario", "variant"):
        if cells[field] == "":
            raise InputError(path, "line %d: empty value" % lineno, field)
    sample.params = parse_params(cells["params"], path, lineno)
    sample.backend = cells["backend"]
    sample.error = cells.get("error", "")
    if sample.backend == "failed":
        return sample
    sample.repetition = _number(cells["repetition"], path, lineno,
                                "repetition", int)
    sample.pass_ = _number(cells["pass"], path, lineno, "pass", int)
    sample.calls = _number(cells["calls"], path, lineno, "calls", int)
    sample.multiplexed = _number(cells["multiplexed"] or "0", path, lineno,
                                 "multiplexed", int) != 0
    sample.values = {}
    for field in metric_cols:
        text = cells[field].strip()
        if text == "":
            continue
        sample.values[field] = _number(text, path, lineno, field)
    if TIME_METRIC not in sample.values:
        raise InputError(path, "line %d: no time for a completed sample"
                         % lineno, TIME_METRIC)
    return sample


def load_samples(path, run):
    """Read samples.csv: every row, strictly; failed rows kept apart."""
    text = _read_text(path)
    rows = list(csv.reader(text.splitlines()))
    header = [h.strip() for h in rows[0]]
    _check_header(path, header)
    if not text.endswith("\n"):
        cut = header[min(len(rows[-1]), len(header)) - 1]
        raise InputError(path, "truncated: line %d has no newline (an "
                         "interrupted run: ftbench run --resume completes "
                         "it)" % len(rows), cut)
    metric_cols = [h for h in header[len(SAMPLE_FIXED) - 1:]
                   if h not in NON_METRIC]
    count = 0
    for lineno, row in enumerate(rows[1:], start=2):
        if not row:
            continue
        count += 1
        sample = _parse_row(path, lineno, header, row, metric_cols)
        if sample.backend == "failed":
            run.failed.append((sample.name, sample.error))
        else:
            run.samples.append(sample)
    if count == 0:
        raise InputError(path, "no samples (header only)", "name")
    present = set()
    for sample in run.samples:
        present.update(sample.values)
    run.metrics = [m for m in metric_cols if m in present]


def _dedupe_failed(run):
    """A failure is reported by both files: keep one line per config."""
    seen = {}
    for name, error in run.failed:
        if name not in seen or (error and not seen[name]):
            seen[name] = error
    run.failed = sorted(seen.items())


def load_run(path):
    """Load and validate one run directory; raise InputError on any fault."""
    if not os.path.isdir(path):
        raise InputError(path, "no such run directory")
    run = Run(path)
    load_results(os.path.join(path, "results.json"), run)
    load_samples(os.path.join(path, "samples.csv"), run)
    load_meta(os.path.join(path, "meta.json"), run)
    _dedupe_failed(run)
    backends = sorted({s.backend for s in run.samples})
    run.backend = (run.meta.get("backend") or run.context.get("backend")
                   or (backends[0] if backends else "unknown"))
    if len(backends) > 1:
        run.warnings.append("%s: samples from several backends: %s"
                            % (run.label, ", ".join(backends)))
    return run


def label_runs(runs):
    """Give each run a short unique label (run1, run2, ...) when several."""
    if len(runs) == 1:
        return
    for index, run in enumerate(runs, start=1):
        run.label = "run%d" % index
