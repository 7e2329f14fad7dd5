"""Which figures the data supports, independent of how they are drawn.

A figure spec holds everything a renderer needs (series with medians and
CIs, axis scales, title, provenance footer, backend) so gnuplot and
matplotlib draw the same figures from the same numbers. Only figures whose
data exist are planned. Names steer defaults only: a scenario mentioning
`footprint` gets its knees marked, one mentioning `patching` gets log-log
axes, and the `ftrace-ops` curve over irrelevant ops is the main figure.
"""
import re

from . import analysis as an
from . import roles, stats

KNEE_HINT = "footprint"
LOGLOG_HINT = "patching"
MAIN_SCENARIO = "ftrace-ops"
MAIN_PARAM = "irrelevant"
MAX_BOXES = 40


class Figure:
    """One figure to draw; `kind` is lines, dist or ratio."""

    def __init__(self, ident, kind, title, footer, backend):
        self.ident = ident
        self.kind = kind
        self.title = title
        self.footer = footer        # list of short lines
        self.backend = backend      # words for the backend
        self.series = []            # lines: [analysis.Series]
        self.groups = []            # dist: [(label, values)]
        self.bars = []              # ratio: [(label, value)]
        self.xlabel = ""
        self.ylabel = ""
        self.ylim = None          # (low, high) for lines figures
        self.logx = False
        self.zero_log = False     # log-like x that must also show x = 0
        self.logy = False
        self.knees = False
        self.main = False


def slug(text):
    """A file-name-safe form of a figure name."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-")


def footer(run):
    """Provenance footer: CPU, kernel, compiler, date, git revision."""
    meta = run.meta

    def get(name):
        value = meta.get(name)
        if value in (None, ""):
            value = run.context.get(name)
        return str(value) if value not in (None, "") else "unknown"
    return ["%s | cpu %s | kernel %s" % (run.label, get("cpu_model"),
                                         get("kernel")),
            "compiler %s | date %s | git %s | backend %s: %s"
            % (get("compiler"), get("date"), get("git_revision"),
               run.backend, roles.backend_kind(run.backend))]


def _new(item, ident, kind, title, several):
    """A figure of a run with its footer and backend filled in."""
    prefix = item.run.label + "-" if several else ""
    label = item.run.label + ": " if several else ""
    return Figure(slug(prefix + ident), kind, label + title,
                  footer(item.run), roles.backend_kind(item.run.backend))


def line_figures(item, several):
    """Cost against each numeric parameter that is swept (>= 3 points)."""
    found = []
    metric = item.primary
    for scenario in item.scenarios:
        for xparam in an.numeric_params(item, scenario):
            lines = an.series(item, scenario, xparam, metric)
            if not any(len(s.points) >= 3 for s in lines):
                continue
            fig = _new(item, "%s-vs-%s" % (scenario, xparam), "lines",
                       "%s: %s against %s" % (scenario, metric, xparam),
                       several)
            fig.series = lines
            xs = [x for s in lines for x, _ in s.points]
            ys = [c.median for s in lines for _, c in s.points]
            fig.xlabel = xparam
            fig.ylabel = roles.unit(metric)
            fig.logx = an.geometric(xs)
            positive = [x for x in xs if x > 0]
            if not fig.logx and min(xs) == 0 and positive:
                # 0, 1, 2, 10, 100: log-like spacing that keeps the 0 point
                fig.zero_log = an.geometric(positive)
            fig.logy = LOGLOG_HINT in scenario and min(ys) > 0
            fig.logx = fig.logx or (fig.logy and min(xs) > 0)
            if KNEE_HINT in scenario:
                an.mark_knees(lines)
                fig.knees = True
            fig.main = scenario == MAIN_SCENARIO and xparam == MAIN_PARAM
            fig.ylim = _ylim(ys, fig.logy)
            _style(item, fig)
            found.append(fig)
    return found


def _ylim(medians, logy):
    """y range from the medians, not the CIs: with few repetitions one
    outlier makes a CI band a hundred times the curve and would flatten
    every line; bands beyond the range are clipped."""
    low, high = min(medians), max(medians)
    if logy:
        return low / 2.0, high * 2.0
    span = (high - low) or abs(high) or 1.0
    bottom = low - 0.1 * span
    if low >= 0 and bottom < 0:
        bottom = 0.0
    return bottom, high + 0.3 * span


def _style(item, fig):
    """Colour by variant, dash pattern by the other parameters' values, so
    `list order=seq` and `list order=random` read as one design."""
    fixed = an.first_seen(line.fixed for line in fig.series)
    for line in fig.series:
        line.colour = item.variants.index(line.variant)
        line.dash = fixed.index(line.fixed)


def _thin(points, limit):
    """At most `limit` points, evenly spread, ends kept."""
    if len(points) <= limit:
        return points
    step = (len(points) - 1) / float(limit - 1)
    return [points[round(i * step)] for i in range(limit)]


def dist_figures(item, several):
    """Per scenario, the repetitions of every configuration as boxes."""
    found = []
    metric = item.primary
    for scenario in item.scenarios:
        variants = item.variants_in(scenario)
        per_point = max(1, MAX_BOXES // max(1, len(variants)))
        groups = []
        for params in _thin(item.points[scenario], per_point):
            for variant in variants:
                cell = item.cell(scenario, variant, params, metric)
                if cell is not None:
                    label = variant + (" " + an.params_text(params, " ")
                                       if params else "")
                    groups.append((label, cell.values))
        if not groups:
            continue
        fig = _new(item, "%s-distribution" % scenario, "dist",
                   "%s: %s per repetition" % (scenario, metric), several)
        fig.groups = groups
        fig.ylabel = roles.unit(metric)
        medians = [stats.median(v) for _, v in groups]
        fig.logx = min(medians) > 0 and max(medians) / min(medians) >= 50
        found.append(fig)
    return found


def ratio_figure(analyses):
    """Several runs: per scenario, each configuration's median over the
    first run's (metrics matched by name or role, primary metric first)."""
    first = analyses[0]
    found = []
    for item in analyses[1:]:
        pairs = [(m, roles.matching(m, item.metrics))
                 for m in [first.primary] + first.metrics]
        pairs = [p for p in pairs if p[1] is not None]
        if not pairs:
            continue
        metric, other_metric = pairs[0]
        for scenario in first.scenarios:
            bars = []
            for params in first.points[scenario]:
                for variant in first.variants_in(scenario):
                    cell = first.cell(scenario, variant, params, metric)
                    other = item.cell(scenario, variant, params,
                                      other_metric)
                    if cell is not None and other is not None and \
                            cell.median:
                        bars.append(("%s %s" % (variant, an.params_text(
                            params, " ")), other.median / cell.median))
            if not bars:
                continue
            shown = metric if metric == other_metric else \
                "%s ~ %s" % (metric, other_metric)
            fig = Figure(slug("ratio-%s-%s-%s" % (scenario, item.run.label,
                                                  first.run.label)),
                         "ratio", "%s: %s / %s, %s" % (
                             scenario, item.run.label, first.run.label,
                             shown),
                         footer(first.run) + footer(item.run),
                         "%s vs %s" % (roles.backend_kind(first.run.backend),
                                       roles.backend_kind(
                                           item.run.backend)))
            fig.bars = _thin(bars, MAX_BOXES)
            fig.xlabel = "ratio of medians (%s / %s)" % (item.run.label,
                                                         first.run.label)
            found.append(fig)
    return found


def plan(analyses):
    """All figures, the main one first (see MAIN_SCENARIO)."""
    several = len(analyses) > 1
    figures = []
    for item in analyses:
        figures += line_figures(item, several)
    for item in analyses:
        figures += dist_figures(item, several)
    if several:
        figures += ratio_figure(analyses)
    mains = [f for f in figures if f.main]
    if not mains:
        lines = [f for f in figures if f.kind == "lines"]
        mains = lines[:1] or figures[:1]
    for fig in figures:
        fig.main = fig is mains[0] if mains else False
    figures.sort(key=lambda f: not f.main)
    return figures
