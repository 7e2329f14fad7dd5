"""Applying the statistics to runs: cells, baselines, tests, fits, series.

A *cell* is one configuration and one metric: the per-repetition values,
their median and its bootstrap CI. Everything the report shows is derived
from cells, so the text tables and both figure renderers agree by
construction. Nothing here knows scenario or variant names except the
baseline rule's preference for `none` (the untraced call).
"""
from . import roles, stats
from .load import TIME_METRIC

PREFERRED_BASELINE = "none"
# The untraced call every other variant's overhead is taken over, where a
# scenario measures it at the same point (docs/report.md, "overhead").
UNTRACED_VARIANT = "none"
# Variants measured somewhere else than ftbench's own process (the running
# kernel): their overhead is only ever over their own untraced point.
OWN_UNTRACED_ONLY = ("kernel",)


class Cell:
    """One configuration x one metric, summarised over repetitions."""

    def __init__(self, key, values, seed):
        self.scenario, self.variant, self.params, self.metric = key
        self.values = list(values)
        self.n = len(self.values)
        self.median = stats.median(self.values)
        self.lo, self.hi = stats.bootstrap_ci(self.values, key_text(key),
                                              seed)


def key_text(key):
    """A stable text form of a cell key (seeds, CSV output)."""
    scenario, variant, params, metric = key
    return "%s/%s/%s:%s" % (scenario, variant, params_text(params), metric)


def params_text(params, sep="/"):
    """`relevant=1/irrelevant=0` (or another separator)."""
    return sep.join("%s=%s" % kv for kv in params)


def sort_key(params, ranks=None):
    """Numbers numerically, words after numbers in the order the run
    declares them (`ranks`: {(key, word): rank}, else alphabetically),
    key order preserved."""
    ranks = ranks or {}
    return tuple((0, v, "") if isinstance(v, int) else
                 (1, ranks.get((k, v), len(ranks)), str(v))
                 for k, v in params)


def first_seen(items):
    """Unique items in the order they first appear."""
    seen = {}
    for item in items:
        seen.setdefault(item, None)
    return list(seen)


def _declared_order(declared, measured):
    """Names measured, in results.json's (declared) order first, then any
    others in the order samples.csv has them."""
    present = set(measured)
    return [n for n in first_seen(list(declared) + list(measured))
            if n in present]


class RunAnalysis:
    """The cells of one run and the orders in which to show them."""

    def __init__(self, run, seed, include_multiplexed=False):
        self.run = run
        self.seed = seed
        self._overheads = {}
        used = [s for s in run.samples
                if include_multiplexed or not s.multiplexed]
        self.metrics = [m for m in run.metrics
                        if m != TIME_METRIC
                        or roles.time_is_meaningful(run.backend)]
        self.primary = roles.primary_metric(self.metrics, run.backend)
        self.scenarios = _declared_order(
            [d[0] for d in run.declared], [s.scenario for s in used])
        self.variants = _declared_order(
            [d[1] for d in run.declared], [s.variant for s in used])
        self.cells = self._build_cells(used, seed)
        # Words (order=seq, random) in results.json's declared order.
        self.word_ranks = {}
        for params in run.declared_params:
            for key, value in params:
                if not isinstance(value, int):
                    self.word_ranks.setdefault((key, value),
                                               len(self.word_ranks))
        self.points = {}
        for scenario in self.scenarios:
            pts = first_seen(k[2] for k in self.cells if k[0] == scenario)
            self.points[scenario] = sorted(
                pts, key=lambda p: sort_key(p, self.word_ranks))

    def _build_cells(self, used, seed):
        """Group values per configuration and metric.

        Real time is measured in every pass; only the first pass's value is
        used so each repetition counts once. Counters live in one pass each.
        """
        first_pass = {}
        for sample in used:
            cfg = sample.config()
            first_pass[cfg] = min(first_pass.get(cfg, sample.pass_),
                                  sample.pass_)
        groups = {}
        for sample in used:
            for metric, value in sample.values.items():
                if metric not in self.metrics:
                    continue
                if metric == TIME_METRIC and \
                        sample.pass_ != first_pass[sample.config()]:
                    continue
                groups.setdefault(sample.config() + (metric,), []).append(
                    value)
        return {key: Cell(key, values, seed) for key, values in groups.items()}

    def cell(self, scenario, variant, params, metric):
        """The cell or None when that configuration lacks that metric."""
        return self.cells.get((scenario, variant, params, metric))

    def variants_in(self, scenario):
        """Variants measured in a scenario, in data order."""
        present = {k[1] for k in self.cells if k[0] == scenario}
        return [v for v in self.variants if v in present]

    def metrics_in(self, scenario):
        """Metrics measured in a scenario, in data order."""
        present = {k[3] for k in self.cells if k[0] == scenario}
        return [m for m in self.metrics if m in present]


def check_baseline(analyses, requested):
    """None when the requested baseline exists (or none was asked), else
    the error text naming the variants there are."""
    variants = first_seen(v for a in analyses for v in a.variants)
    if requested is None or requested in variants:
        return None
    return ("baseline %r is not a variant in the data (variants: %s)"
            % (requested, ", ".join(variants)))


def baseline_for(analysis, scenario, requested):
    """The variant a scenario's ratios are taken to.

    As asked when asked; else `none` (the untraced call) when it is measured
    at every point of the scenario; else the variant measured at the most
    points, first in data order on a tie, so that as many ratios as
    possible exist (the kernel's rows only when nothing else is there).
    """
    if requested is not None:
        return requested
    points = analysis.points[scenario]
    covered = {}
    for (s, v, p, _) in analysis.cells:
        if s == scenario:
            covered.setdefault(v, set()).add(p)
    variants = analysis.variants_in(scenario)
    if PREFERRED_BASELINE in variants and \
            len(covered[PREFERRED_BASELINE]) == len(points):
        return PREFERRED_BASELINE
    # ftbench's own variants before one measured elsewhere (the kernel).
    own = [v for v in variants if v not in OWN_UNTRACED_ONLY] or variants
    return max(own, key=lambda v: (len(covered[v]), -own.index(v)))


def set_baselines(analyses, requested):
    """Fill each analysis's per-scenario baseline."""
    for item in analyses:
        item.baselines = {s: baseline_for(item, s, requested)
                          for s in item.scenarios}


def ratio(analysis, cell):
    """cell's median over the baseline's at the same point, or None."""
    baseline = analysis.baselines[cell.scenario]
    base = analysis.cell(cell.scenario, baseline, cell.params, cell.metric)
    if base is None or base.median == 0:
        return None
    return cell.median / base.median


class Comparison:
    """One rank test between two variants at one point of a scenario."""

    def __init__(self, scenario, params, first, second):
        self.scenario = scenario
        self.params = params
        self.first, self.second = first.variant, second.variant
        self.n1, self.n2 = first.n, second.n
        self.delta = stats.cliffs_delta(second.values, first.values)
        self.tested = stats.enough_for_test(self.n1, self.n2)
        self.u, self.p = stats.mann_whitney(first.values, second.values)
        self.p_holm = None
        self.decision = ""

    def decide(self):
        """Words for the outcome, never claiming what n cannot support."""
        if not self.tested:
            self.decision = "too few repetitions (n=%d,%d)" % (self.n1,
                                                               self.n2)
        elif self.p_holm < stats.ALPHA:
            higher = self.second if self.delta > 0 else self.first
            self.decision = "differ: %s higher" % higher
        else:
            self.decision = "no evidence of a difference"


def comparisons(analysis, scenario, metric):
    """All variant pairs at every point, Holm-corrected per scenario."""
    found = []
    variants = analysis.variants_in(scenario)
    for params in analysis.points[scenario]:
        cells = [analysis.cell(scenario, v, params, metric) for v in variants]
        cells = [c for c in cells if c is not None]
        for i, first in enumerate(cells):
            for second in cells[i + 1:]:
                found.append(Comparison(scenario, params, first, second))
    tested = [c for c in found if c.tested]
    for comp, adjusted in zip(tested, stats.holm([c.p for c in tested])):
        comp.p_holm = adjusted
    for comp in found:
        comp.decide()
    return found


class VariantFit:
    """The mechanistic fit of one variant, or the reason there is none."""

    def __init__(self, variant, fit, reason, names):
        self.variant = variant
        self.fit = fit
        self.reason = reason
        self.names = names


def fit_roles(analysis):
    """(cycles, instructions, mispredicts) metric names, any may be None."""
    return tuple(roles.find_role(analysis.metrics, r)
                 for r in ("cycles", "instructions", "mispredicts"))


def fits(analysis):
    """cycles = a + b*instructions + c*mispredicts per variant.

    Each configuration of the variant (every sweep point of every scenario)
    contributes its three medians as one point.
    """
    names = fit_roles(analysis)
    cyc, ins, mis = names
    if cyc is None:
        return None, ("not possible with this backend (%s): no cycles "
                      "counter" % analysis.run.backend)
    if ins is None or mis is None:
        return None, ("not possible: no %s counter"
                      % ("instructions" if ins is None else "mispredicts"))
    result = []
    for variant in analysis.variants:
        ys, us, vs = [], [], []
        for scenario in analysis.scenarios:
            for params in analysis.points[scenario]:
                trio = [analysis.cell(scenario, variant, params, m)
                        for m in names]
                if all(trio):
                    ys.append(trio[0].median)
                    us.append(trio[1].median)
                    vs.append(trio[2].median)
        fit = stats.fit_mechanistic(ys, us, vs)
        if fit is None:
            reason = "too few points (%d, need 4)" % len(ys)
        elif fit.rank < 3:
            reason = ("not identifiable over %d points (instructions or "
                      "mispredicts do not vary independently)" % fit.points)
            fit = None
        else:
            reason = ""
        result.append(VariantFit(variant, fit, reason, names))
    return result, ""


def numeric_params(analysis, scenario):
    """Parameters of a scenario whose values are all integers."""
    points = analysis.points[scenario]
    if not points:
        return []
    keys = [k for k, _ in points[0]]
    return [k for k in keys
            if all(isinstance(dict(p).get(k), int) for p in points)]


def geometric(xs):
    """Is a sweep spread over two decades or more (plot it on log x)?"""
    return min(xs) > 0 and max(xs) / min(xs) >= 100


def reference_points(analysis, scenario):
    """The points of the reference table: ftrace-ops with the sample's
    empty tracee (body=empty; runs before the body axis have no body)."""
    return [p for p in analysis.points[scenario]
            if dict(p).get("body", "empty") == "empty"]


def _words(params):
    return [(k, v) for k, v in params if not isinstance(v, int)]


def untraced_point(analysis, scenario, like=None):
    """The all-zero point (e.g. relevant=0/irrelevant=0/body=empty), if
    measured: every number zero, and its words (body=...) those of the
    point `like`, or, without one, among the reference points."""
    points = reference_points(analysis, scenario) if like is None else \
        analysis.points[scenario]
    for params in points:
        numbers = [v for _, v in params if isinstance(v, int)]
        if not numbers or any(v != 0 for v in numbers):
            continue
        if like is None or _words(params) == _words(like):
            return params
    return None


class Value:
    """One drawn point: a median (or a difference of medians), its 95% CI
    and the repetitions behind it."""

    def __init__(self, median, lo, hi, n):
        self.median = median
        self.lo = lo
        self.hi = hi
        self.n = n


def value_of(cell):
    """A cell as a drawn point."""
    return Value(cell.median, cell.lo, cell.hi, cell.n)


def config_name(scenario, variant, params):
    """The configuration name of docs/results-format.md."""
    return "/".join([scenario, variant] + ["%s=%s" % kv for kv in params])


def paired_overhead(analysis, cell, base):
    """The harness's paired overhead of cell over base when base is its
    untraced twin (the variant's own 0/0, or `none` at the same point,
    measured in the same rounds; docs/method.md) and the CI was reached,
    else None."""
    paired = analysis.run.paired.get((cell.scenario, cell.variant,
                                      cell.params))
    if paired is None or paired.twin != config_name(
            base.scenario, base.variant, base.params):
        return None
    value = paired.metrics.get(cell.metric)
    if value is None or value[1] is None:
        return None
    return Value(value[0], value[1], value[2], paired.pairs)


def overhead(analysis, cell, base):
    """cell minus base (the untraced call): the harness's paired estimate
    when base is cell's twin, else the difference of the medians and its
    bootstrap CI, both samples resampled independently."""
    key = (cell.scenario, cell.variant, cell.params, cell.metric,
           base.variant, base.params)
    if key not in analysis._overheads:
        paired = paired_overhead(analysis, cell, base)
        if paired is not None:
            analysis._overheads[key] = paired
            return paired
        text = "%s-%s" % (key_text((cell.scenario, cell.variant,
                                    cell.params, cell.metric)),
                          key_text((base.scenario, base.variant,
                                    base.params, base.metric)))
        lo, hi = stats.bootstrap_diff_ci(cell.values, base.values, text,
                                         analysis.seed)
        analysis._overheads[key] = Value(cell.median - base.median, lo, hi,
                                         cell.n)
    return analysis._overheads[key]


def zero_untraced(analysis, scenario, variant, metric, params=None):
    """The untraced cell of a variant in a scenario with an all-zero point
    (ftrace-ops' 0/0, with the body of `params`): the variant's own, else
    the baseline's or any variant's (every ftbench variant shares the
    untraced call); a variant measured elsewhere (the kernel) only ever
    has its own. None if absent."""
    zero = untraced_point(analysis, scenario, params)
    if zero is None:
        return None
    candidates = [variant]
    if variant not in OWN_UNTRACED_ONLY:
        candidates += [analysis.baselines.get(scenario)] + [
            v for v in analysis.variants_in(scenario)
            if v not in OWN_UNTRACED_ONLY]
    for candidate in candidates:
        cell = analysis.cell(scenario, candidate, zero, metric)
        if cell is not None:
            return cell
    return None


def same_point_untraced(analysis, scenario, variant, params, metric):
    """The untraced variant measured at the same point, or None (also for
    the kernel, whose untraced call is not ftbench's)."""
    if variant in OWN_UNTRACED_ONLY or variant == UNTRACED_VARIANT:
        return None
    return analysis.cell(scenario, UNTRACED_VARIANT, params, metric)


def untraced_everywhere(analysis, scenario, metric):
    """Is the untraced variant measured at every point of the scenario
    (so that overheads over it exist everywhere)?"""
    points = analysis.points[scenario]
    return bool(points) and all(
        analysis.cell(scenario, UNTRACED_VARIANT, p, metric)
        for p in points)


def sweep_points(analysis, scenario, xparam):
    """{values of the other parameters: [(x, params)]} for a swept
    integer parameter, in point order."""
    columns = {}
    for params in analysis.points[scenario]:
        values = dict(params)
        if not isinstance(values.get(xparam), int):
            continue
        fixed = tuple(kv for kv in params if kv[0] != xparam)
        columns.setdefault(fixed, []).append((values[xparam], params))
    return columns


def knee_of(analysis, scenario, variant, metric, where):
    """The x of the knee of a variant's curve over where = [(x, params)]
    (see stats.knee), or None. The curve is the overhead over the
    untraced variant where that is measured at every point (what the
    figures draw), else the medians themselves."""
    subtract = untraced_everywhere(analysis, scenario, metric) and \
        variant != UNTRACED_VARIANT and variant not in OWN_UNTRACED_ONLY
    xs, ys = [], []
    for x, params in where:
        cell = analysis.cell(scenario, variant, params, metric)
        if cell is None:
            continue
        value = cell.median
        if subtract:
            value -= analysis.cell(scenario, UNTRACED_VARIANT, params,
                                   metric).median
        xs.append(x)
        ys.append(value)
    if not xs:
        return None
    index = stats.knee(xs, ys, geometric(xs))
    return xs[index] if index is not None else None
