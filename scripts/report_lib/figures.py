"""Which figures the data supports, independent of how they are drawn.

A Figure is a grid of Panels; a Panel holds Lines (one per design, in the
design's fixed style, designs.py) with medians and 95% CIs, the reference
points to compare with, marks (cache and BTB sizes), axis scales, limits
and ticks. gnuplot and matplotlib draw the same Figure from the same
numbers, so both renderers agree by construction.

Figures come from a registry of questions (questions.py): each entry names
a scenario, the question the figure answers (its title, in words) and the
function that builds it. A new figure is one more registered question; a
new kind of axis or unit is a Panel setting. Scenarios without a question
of their own get a generic one. Besides the questions, every scenario gets
its distribution figure, and several runs get small multiples (one panel
per run, the same axes) and run-to-run ratio figures.
"""
import math
import re

from . import analysis as an
from . import roles, stats
from .designs import Palette

MAX_BOXES = 40
MAX_TICKS = 12
LOG_SPAN = 10.0   # an axis whose values span a decade or more is log


class Line:
    """One design's (or one reference's) values over a panel's x axis."""

    def __init__(self, key, style, points, label=None, reference=False,
                 connect=True):
        self.key = key            # variant name, or "ref:<design>"
        self.style = style        # designs.Style
        self.label = label or style.label
        self.points = points      # [(x, analysis.Value)], sorted by x
        self.reference = reference  # published points: open markers, no CI
        self.connect = connect    # False: markers and error bars only
        self.knee = None          # index into points, when marked
        self.hollow = None        # [bool] per point: open markers
        self.thin = False         # joined by a thin line, no band

    def ys(self):
        """The medians."""
        return [v.median for _, v in self.points]


class Panel:
    """One set of axes: what it shows, how its axes are scaled."""

    def __init__(self, title, xlabel, ylabel, count=False):
        self.title = title
        self.xlabel = xlabel
        self.ylabel = ylabel
        self.count = count          # y counts events: 0 is a valid value
        self.lines = []
        self.categories = None      # [labels]: x is the index into them
        self.marks = []             # [(x, words)]: vertical lines
        self.notes = []             # short lines drawn inside the panel
        self.reference_only = False  # a panel of published points only
        self.xscale = "linear"      # linear | log | log1p | category
        self.yscale = "linear"
        self.xlim = None
        self.ylim = None
        self.xticks = None          # [(value, text)] or None: renderer's
        self.yticks = None
        self.forced_xscale = None

    def xs(self):
        """Every x drawn."""
        return sorted({x for line in self.lines for x, _ in line.points})

    def values(self):
        """Every median drawn (limits come from medians, not CIs: with few
        repetitions one outlier's CI would flatten every line)."""
        return [y for line in self.lines for y in line.ys()
                if math.isfinite(y)]

    def finish(self, xs=None, ys=None):
        """Scales, limits and ticks from the values drawn (or from the
        union of several panels' values, for shared axes)."""
        xs = self.xs() if xs is None else xs
        ys = self.values() if ys is None else ys
        if self.categories is not None:
            self.xscale = "category"
            self.xlim = (-0.5, len(self.categories) - 0.5)
            self.xticks = list(enumerate(self.categories))
        elif xs:
            self.xscale = self.forced_xscale or x_scale(xs)
            self.xlim = _x_limits(xs, self.xscale)
            if len(xs) <= MAX_TICKS:
                self.xticks = [(x, tick_text(x)) for x in xs]
        if ys:
            self.yscale = y_scale(ys, self.count)
            self.ylim = y_limits(ys, self.yscale)
            if self.yscale != "linear":
                self.yticks = [(y, tick_text(y)) for y in
                               nonlinear_ticks(self.ylim, self.yscale)]
        self.marks = [(x, w) for x, w in self.marks
                      if self.xlim and self.xlim[0] <= x <= self.xlim[1]]


class Figure:
    """One figure to draw; `kind` is panels, dist or ratio."""

    def __init__(self, ident, kind, title, footer, backend):
        self.ident = ident
        self.kind = kind
        self.title = title          # the question, in words
        self.subtitle = ""          # how to read it (unit, untraced, CIs)
        self.footer = footer        # provenance: list of short lines
        self.backend = backend      # words for the backend
        self.panels = []
        self.ncols = 1
        self.groups = []            # dist: [(label, values)]
        self.bars = []              # ratio: [(label, value)]
        self.xlabel = ""            # dist and ratio figures
        self.ylabel = ""
        self.logx = False           # dist figures
        self.main = False
        self.scenario = ""
        self.question = ""          # the registry entry's name

    def lines(self):
        """Every line of every panel, legend order, one per label."""
        seen = {}
        for panel in self.panels:
            for line in panel.lines:
                seen.setdefault(line.label, line)
        return list(seen.values())


def slug(text):
    """A file-name-safe form of a figure name."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-")


def footer(run):
    """Provenance footer: machine, kernel, compiler, date, git revision;
    an emulated run names the model, not the host's CPU."""
    meta = run.meta

    def get(name):
        value = meta.get(name)
        if value in (None, ""):
            value = run.context.get(name)
        return str(value) if value not in (None, "") else "unknown"
    if run.backend == "emu":
        cpu = "emulated %s (qemu + ftb-emu model) on host %s" % (
            get("arch"), get("cpu_model"))
    else:
        cpu = "cpu %s (%s)" % (get("cpu_model"), get("arch"))
    return ["%s | %s | kernel %s" % (run.label, cpu, get("kernel")),
            "compiler %s | date %s | git %s | backend %s: %s"
            % (get("compiler"), get("date"), get("git_revision"),
               run.backend, roles.backend_kind(run.backend))]


def tick_text(value):
    """A tick label: integers plainly, others with three digits."""
    if value == int(value) and abs(value) < 1e7:
        return "%d" % value
    return "%.3g" % value


def _arithmetic(xs):
    """Evenly spaced values (0 25 50 75 100): a linear sweep."""
    steps = {round(b - a, 9) for a, b in zip(xs, xs[1:])}
    return len(steps) == 1


def x_scale(xs):
    """log when a geometric sweep spans a decade or more; log1p (log of
    1 + x, so that 0 keeps its place) when such a sweep starts at 0;
    linear for evenly spaced or short sweeps."""
    xs = sorted(set(xs))
    positive = [x for x in xs if x > 0]
    if len(xs) < 3 or min(xs) < 0 or not positive or _arithmetic(xs):
        return "linear"
    if max(xs) / min(positive) < LOG_SPAN:
        return "linear"
    return "log1p" if min(xs) == 0 else "log"


def y_scale(ys, count):
    """log when the values span a decade or more and are all positive;
    for counts that reach 0 (a design that executes no BLR), log1p; else
    linear, so that no value is hidden (a time overhead at or below 0 is
    noise a reader must see)."""
    positive = [y for y in ys if y > 0]
    if not positive:
        return "linear"
    high = max(ys)
    if count:
        if high <= LOG_SPAN:
            return "linear"
        if min(ys) >= 1:
            return "log" if high / min(ys) >= LOG_SPAN else "linear"
        return "log1p" if min(ys) > -1 else "linear"
    if len(positive) < len(ys):
        return "linear"
    return "log" if high / min(positive) >= LOG_SPAN else "linear"


def _x_limits(xs, scale):
    """A little room either side of the data."""
    low, high = min(xs), max(xs)
    if scale == "log":
        return low / 1.5, high * 1.5
    if scale == "log1p":
        return (low + 1) / 1.3 - 1, (high + 1) * 1.3 - 1
    span = (high - low) or abs(high) or 1.0
    return low - 0.05 * span, high + 0.05 * span


def y_limits(ys, scale):
    """Room above for the legend-free top and below for the bands."""
    positive = [y for y in ys if y > 0]
    low, high = min(ys), max(ys)
    if scale == "log":
        return min(positive) / 1.6, high * 1.6
    if scale == "log1p":
        return min(0.0, low), (high + 1) * 1.6 - 1
    span = (high - low) or abs(high) or 1.0
    bottom = low - 0.1 * span
    if low >= 0 and bottom < 0:
        bottom = 0.0
    return bottom, high + 0.15 * span


def nonlinear_ticks(limits, scale):
    """1-2-5 ticks inside the limits (0 first on a log1p axis); decades
    only when that makes too many."""
    low, high = limits
    start = 1.0 if scale == "log1p" else low
    ticks = []
    for subs in ((1, 2, 5), (1,)):
        ticks = []
        exponent = math.floor(math.log10(max(start, 1e-12)))
        while 10 ** exponent <= high:
            for sub in subs:
                value = sub * 10 ** exponent
                if start * 0.999 <= value <= high:
                    ticks.append(float(value) if exponent < 0 else
                                 float(int(value)))
            exponent += 1
        if len(ticks) <= MAX_TICKS:
            break
    if scale == "log1p" and low <= 0:
        ticks = [0.0] + ticks
    if len(ticks) < 2:      # a narrow log range: its ends
        ticks = sorted({float("%.2g" % low), float("%.2g" % high)})
    return ticks


# ---- small multiples and the plan ----

def small_multiples(figures, labels):
    """Several runs' figures of one question as one figure: the panels of
    each run in its own row (or one panel per run), sharing x and y among
    panels of the same place and unit; published-only panels once."""
    first = figures[0]
    fig = Figure("compare-" + first.ident, "panels", first.title,
                 [line for f in figures for line in f.footer],
                 "; ".join(sorted({f.backend for f in figures})))
    fig.scenario, fig.question = first.scenario, first.question
    groups = {}
    reference = []
    for figure, label in zip(figures, labels):
        own = [p for p in figure.panels if not p.reference_only]
        reference += [p for p in figure.panels if p.reference_only]
        for place, panel in enumerate(own):
            panel.title = "%s: %s" % (label, panel.title) if panel.title \
                else label
            panel.notes = []
            fig.panels.append(panel)
            groups.setdefault((place, panel.ylabel, panel.xlabel),
                              []).append(panel)
    seen = set()
    for panel in reference:
        if (panel.title, panel.xlabel) not in seen:
            seen.add((panel.title, panel.xlabel))
            fig.panels.append(panel)
    for panels in groups.values():
        xs = sorted({x for p in panels for x in p.xs()})
        ys = [y for p in panels for y in p.values()]
        for panel in panels:
            panel.finish(xs, ys)
    per_run = max(1, len([p for p in first.panels if not p.reference_only]))
    fig.ncols = first.ncols if per_run > 1 else min(3, len(figures))
    fig.subtitle = ("One panel per run, the same axes for panels of the "
                    "same place and unit. " + " ".join(
                        "%s: %s" % (label, f.subtitle)
                        for f, label in zip(figures, labels)))
    return fig


def _thin(points, limit):
    """At most `limit` points, evenly spread, ends kept."""
    if len(points) <= limit:
        return points
    step = (len(points) - 1) / float(limit - 1)
    return [points[round(i * step)] for i in range(limit)]


def dist_figures(item, palette, several):
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
                    label = palette.style(variant, item.run.meta).label
                    if params:
                        label += " " + an.params_text(params, " ")
                    groups.append((label, cell.values))
        if not groups:
            continue
        prefix = item.run.label + "-" if several else ""
        fig = Figure(slug(prefix + scenario + "-distribution"), "dist",
                     "%s%s: how much do the repetitions of each "
                     "configuration vary?" % (
                         item.run.label + ": " if several else "", scenario),
                     footer(item.run), roles.backend_kind(item.run.backend))
        fig.scenario, fig.question = scenario, "distribution"
        fig.groups = groups
        fig.ylabel = "per call, " + roles.axis_unit(
            metric, item.run.backend, item.run.meta)
        medians = [stats.median(v) for _, v in groups]
        fig.logx = min(medians) > 0 and max(medians) / min(medians) >= 50
        found.append(fig)
    return found


def ratio_figures(analyses, palette):
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
                        bars.append(("%s %s" % (
                            palette.style(variant, first.run.meta).label,
                            an.params_text(params, " ")),
                            other.median / cell.median))
            if not bars:
                continue
            shown = metric if metric == other_metric else \
                "%s ~ %s" % (metric, other_metric)
            fig = Figure(slug("ratio-%s-%s-%s" % (scenario, item.run.label,
                                                  first.run.label)),
                         "ratio", "%s: how do %s's medians compare with "
                         "%s's?" % (scenario, item.run.label,
                                    first.run.label),
                         footer(first.run) + footer(item.run),
                         "%s vs %s" % (roles.backend_kind(first.run.backend),
                                       roles.backend_kind(
                                           item.run.backend)))
            fig.scenario, fig.question = scenario, "ratio"
            fig.bars = _thin(bars, MAX_BOXES)
            fig.xlabel = "ratio of medians, %s / %s (%s)" % (
                item.run.label, first.run.label, shown)
            found.append(fig)
    return found


def plan(analyses):
    """All figures, the main one first (questions.py marks it)."""
    from . import questions
    several = len(analyses) > 1
    palette = Palette([v for a in analyses for v in a.variants],
                      analyses[0].run.meta)
    per_run = [questions.figures_of(item, palette, several)
               for item in analyses]
    figures = [f for found in per_run for f in found]
    if several:
        by_question = {}
        for found in per_run:
            for fig in found:
                by_question.setdefault((fig.scenario, fig.question),
                                       []).append(fig)
        for key, figs in by_question.items():
            if len(figs) > 1:
                copies = [questions.rebuild(f) for f in figs]
                figures.append(small_multiples(
                    copies, [f.run_label for f in figs]))
    for item in analyses:
        figures += dist_figures(item, palette, several)
    if several:
        figures += ratio_figures(analyses, palette)
    mains = [f for f in figures if f.main]
    if not mains:
        mains = [f for f in figures if f.kind == "panels"][:1] or \
            figures[:1]
    for fig in figures:
        fig.main = bool(mains) and fig is mains[0]
    figures.sort(key=lambda f: not f.main)
    return figures
