"""The registry of figures: one entry per scenario and question.

Each entry names the scenario it reads, a short name (the file is
`SCENARIO-NAME`), the question the figure answers, in words (its title),
and the function that builds it from one run's analysis. A scenario with
no entry gets the generic one. Adding a figure is adding an entry:

    @question("ftrace-ops", "body", "ftrace-ops: how much of the dispatch "
              "cost does the traced function's own body hide?")
    def ftrace_ops_body(ctx, q):
        return sweep_figure(ctx, q, "ftrace-ops", "body", ...)

What every figure follows (docs/report.md):
- the y axis is the overhead per traced call over the untraced call where
  the run measured it (ftrace-ops: the all-zero point; elsewhere the
  `none` variant at the same point), else the cost per call, and the
  label says which, in the unit that is real for the backend;
- one line per design in its fixed style (designs.py), the untraced
  baselines left out of overhead figures;
- medians with 95% bootstrap CIs as bands (bars on categorical axes);
- panels for what explains the cost (instructions, mispredicts, branch
  classes) where the run has those counters.
"""
from . import analysis as an
from . import roles
from .designs import is_untraced
from .figures import Figure, Line, Panel, footer, slug
from .reference import FTRACE_OPS
from .textfmt import num

QUESTIONS = []


class Question:
    """A registry entry (see the module docstring)."""

    def __init__(self, scenario, name, title, build, main=False):
        self.scenario = scenario
        self.name = name
        self.title = title
        self.build = build
        self.main = main


def question(scenario, name, title, main=False):
    """Register the decorated builder as the figure answering `title`."""
    def register(build):
        QUESTIONS.append(Question(scenario, name, title, build, main))
        return build
    return register


class Context:
    """What a builder needs: the run's analysis, the styles, the naming."""

    def __init__(self, item, palette, several):
        self.item = item
        self.run = item.run
        self.palette = palette
        self.several = several

    def style(self, variant):
        """The variant's fixed style, labelled with this run's meta."""
        return self.palette.style(variant, self.run.meta)

    def unit(self, metric):
        """The axis unit of a metric for this run's backend."""
        return roles.axis_unit(metric, self.run.backend, self.run.meta)

    def figure(self, q, scenario, title=None):
        """An empty figure for question q, named and titled."""
        prefix = self.run.label + "-" if self.several else ""
        label = self.run.label + ": " if self.several else ""
        fig = Figure(slug(prefix + scenario + "-" + q.name), "panels",
                     label + (title or q.title), footer(self.run),
                     roles.backend_kind(self.run.backend))
        fig.scenario, fig.question = scenario, q.name
        return fig

    def explaining(self, with_primary=False):
        """The counters that explain a cost, present (and not the primary
        metric unless asked): instructions and mispredicts."""
        found = []
        for role in ("instructions", "mispredicts"):
            name = roles.find_role(self.item.metrics, role)
            if name and (with_primary or name != self.item.primary):
                found.append(name)
        return found

    def traced(self, scenario):
        """The variants of a scenario that trace (not the untraced)."""
        return [v for v in self.item.variants_in(scenario)
                if not is_untraced(v)]

    def repetitions(self, scenario):
        """`n = 3` or `n = 2..10`: repetitions behind the medians."""
        ns = sorted({c.n for k, c in self.item.cells.items()
                     if k[0] == scenario})
        if not ns:
            return "n = 0"
        return "n = %d" % ns[0] if len(ns) == 1 else \
            "n = %d..%d" % (ns[0], ns[-1])


# ---- how a value is taken: overhead over which untraced call ----

def untraced_rule(ctx, scenario, metric, zero_point=False):
    """The function giving the untraced cell of (variant, params), and
    words for the axis: over the all-zero point when asked (ftrace-ops'
    0/0, no ops registered: the sample's untraced call; overlap's percent=0
    is not untraced), else over `none` at the same point when it is
    measured at every point, else None (cost per call, absolute)."""
    item = ctx.item
    if zero_point and an.untraced_point(item, scenario) is not None:
        return (lambda variant, params:
                an.zero_untraced(item, scenario, variant, metric,
                                 params)), \
            "overhead per traced call"
    points = item.points[scenario]
    if points and all(item.cell(scenario, an.UNTRACED_VARIANT, p, metric)
                      for p in points):
        return (lambda variant, params: an.same_point_untraced(
            item, scenario, variant, params, metric)), \
            "overhead per traced call"
    return None, "cost per call"


def measured_line(ctx, scenario, variant, metric, where, rule, per=None,
                  connect=True):
    """The Line of one variant over where = [(x, params)]: medians (or
    overheads over the untraced cell `rule` gives) with their CIs; `per`
    divides each value by a function of the params. None if no point."""
    points = []
    for x, params in where:
        cell = ctx.item.cell(scenario, variant, params, metric)
        if cell is None:
            continue
        if rule is not None:
            base = rule(variant, params)
            if base is None:
                continue
            value = an.overhead(ctx.item, cell, base)
        else:
            value = an.value_of(cell)
        if per is not None:
            scale = float(per(params))
            value = an.Value(value.median / scale, value.lo / scale,
                             value.hi / scale, value.n)
        points.append((x, value))
    if not points:
        return None
    points.sort(key=lambda p: p[0])
    return Line(variant, ctx.style(variant), points, connect=connect)


def add_lines(ctx, panel, scenario, metric, where, rule, variants,
              **kwargs):
    """Every variant's line in a panel; a note for those left out."""
    missing = []
    for variant in variants:
        line = measured_line(ctx, scenario, variant, metric, where, rule,
                             **kwargs)
        if line is not None:
            panel.lines.append(line)
        elif rule is not None and any(
                ctx.item.cell(scenario, variant, p, metric)
                for _, p in where):
            missing.append(ctx.style(variant).label)
    for label in missing:
        panel.notes.append("%s: no untraced point, not drawn" % label)


# Words for the values of word parameters, in panel titles and categories
# (docs/scenarios.md says what each is).
VALUE_WORDS = {
    ("order", "seq"): "called in order",
    ("order", "random"): "called in random order",
    ("op", "toggle"): "toggle: 0 -> 1 -> 0 ops per site",
    ("op", "retarget"): "retarget: 1 -> 2 -> 1 ops per site",
    ("callback", "near"): "callback in branch reach",
    ("callback", "far"): "callback beyond branch reach",
    ("callback", "trivial"): "trivial callback",
    ("callback", "ring"): "ring-buffer recorder",
}


def value_words(fixed):
    """Words for fixed parameter values: `called in order`, `k = v`."""
    return ", ".join(VALUE_WORDS.get((k, v), "%s = %s" % (k, v))
                     for k, v in fixed)


def ylabel(what, unit):
    """Two lines: what is drawn, then its unit."""
    return "%s\n[%s]" % (what, unit)


# ---- ftrace-ops: the main figure and what explains it ----

def ftrace_ops_sweeps(item, scenario="ftrace-ops"):
    """([(irrelevant, params)] with 1 relevant, [(relevant, params)] with
    0 irrelevant and at least 1 relevant): the sample's two sweeps."""
    by_irrelevant, by_relevant = [], []
    for params in item.points.get(scenario, []):
        values = dict(params)
        if "relevant" not in values or "irrelevant" not in values or \
                values.get("body", "empty") != "empty":
            continue
        if values["relevant"] == 1:
            by_irrelevant.append((values["irrelevant"], params))
        if values["irrelevant"] == 0 and values["relevant"] >= 1:
            by_relevant.append((values["relevant"], params))
    return sorted(by_irrelevant), sorted(by_relevant)


def reference_lines(ctx, sweep):
    """The published reference as Lines over one of the two sweeps."""
    ref = FTRACE_OPS
    lines = []
    for design in ref.designs():
        style = ctx.style(design)
        table = ref.values[design]
        if sweep == "irrelevant":
            pts = sorted((irr, v) for (rel, irr), v in table.items()
                         if rel == 1)
        else:
            pts = sorted((rel, v) for (rel, irr), v in table.items()
                         if irr == 0)
        lines.append(Line("ref:" + design, style,
                          [(x, an.Value(v, None, None, None))
                           for x, v in pts],
                          label=ref.label(style.label), reference=True))
    return lines


@question("ftrace-ops", "overhead",
          "ftrace-ops: what does a traced call cost over an untraced one "
          "as ops are added?", main=True)
def ftrace_ops_overhead(ctx, q):
    """Overhead per traced call against irrelevant ops (1 relevant) and
    against relevant ops (0 irrelevant), one line per design, with the
    CALL_OPS cover letter's points."""
    scenario = q.scenario
    by_irrelevant, by_relevant = ftrace_ops_sweeps(ctx.item)
    if not by_irrelevant and not by_relevant:
        return None
    metric = ctx.item.primary
    rule, what = untraced_rule(ctx, scenario, metric, zero_point=True)
    unit = ctx.unit(metric)
    count = roles.is_count(metric)
    fig = ctx.figure(q, scenario)
    left = Panel("1 relevant ops, more irrelevant ones",
                 "irrelevant ops (tracing another function)",
                 ylabel(what, unit), count)
    right = Panel("0 irrelevant ops, more relevant ones",
                  "relevant ops (tracing the called function)",
                  ylabel(what, unit), count)
    variants = ctx.traced(scenario)
    add_lines(ctx, left, scenario, metric, by_irrelevant, rule, variants)
    add_lines(ctx, right, scenario, metric, by_relevant, rule, variants)
    fig.panels = [left, right]
    fig.ncols = 2
    ref = FTRACE_OPS
    same_unit = metric == an.TIME_METRIC
    if same_unit:
        left.lines += reference_lines(ctx, "irrelevant")
        right.lines += reference_lines(ctx, "relevant")
        where = "open markers: %s, %s, %s, over its untraced %.2f %s" % (
            ref.source, ref.machine, ref.unit, ref.untraced, ref.unit)
    else:
        for sweep, panel in (("irrelevant", left), ("relevant", right)):
            extra = Panel("reference: %s, %s" % (ref.source, ref.machine),
                          panel.xlabel, ylabel("overhead per traced call",
                                               "%s, %s" % (ref.unit,
                                                           ref.machine)))
            extra.lines = reference_lines(ctx, sweep)
            extra.reference_only = True
            fig.panels.append(extra)
        where = ("lower panels: %s, %s, in %s over its untraced %.2f %s "
                 "(another unit: not overlaid)" % (
                     ref.source, ref.machine, ref.unit, ref.untraced,
                     ref.unit))
    untraced = an.zero_untraced(ctx.item, scenario,
                                ctx.item.baselines.get(scenario), metric)
    fig.subtitle = "%s; lines: medians (%s), bands: 95%% CIs; %s." % (
        ("over the untraced call (%s %s)" % (
            "%.3g" % untraced.median, unit.split(",")[0])
         if rule is not None and untraced is not None
         else "absolute: no untraced point measured"),
        ctx.repetitions(scenario), where)
    for panel in fig.panels:
        panel.finish()
    return fig


def centred_points(item, scenario="ftrace-ops"):
    """The ftrace-ops points on one categorical axis centred on 1/0:
    irrelevant ops added to the left, relevant ones to the right."""
    by_irrelevant, by_relevant = ftrace_ops_sweeps(item, scenario)
    left = [p for _, p in sorted(by_irrelevant, reverse=True)]
    right = [p for x, p in by_relevant if x > 1]
    return left + right


NEGLIGIBLE = 0.005   # events per call: below it a count panel shows nothing


def negligible(panel):
    """Nothing to see: a count below 0.005 per call in every configuration
    (no BR in any design; a modelled mispredict of -0.0004 from warm-up)."""
    return panel.count and all(abs(y) < NEGLIGIBLE for y in panel.values())


def centred_panels(ctx, q, metrics):
    """A figure of panels over the centred ftrace-ops axis, one per
    (metric, words), overhead over the untraced point; panels where every
    design is exactly 0 are left out and named in the subtitle."""
    scenario = q.scenario
    order = centred_points(ctx.item, scenario)
    if not order or not metrics:
        return None
    categories = ["/".join(str(v) for _, v in p) for p in order]
    fig = ctx.figure(q, scenario)
    zero = []
    for metric, words in metrics:
        rule, what = untraced_rule(ctx, scenario, metric, zero_point=True)
        panel = Panel(words, "relevant / irrelevant ops (<- irrelevant "
                      "added | relevant added ->)",
                      "per traced call" + ("" if rule is None else
                                           ", over untraced"),
                      roles.is_count(metric))
        panel.categories = categories
        add_lines(ctx, panel, scenario, metric, list(enumerate(order)),
                  rule, ctx.traced(scenario))
        if not panel.lines:
            continue
        if negligible(panel):
            zero.append(words)
            continue
        panel.finish()
        fig.panels.append(panel)
    if not fig.panels:
        return None
    fig.ncols = 2 if len(fig.panels) == 4 else min(3, len(fig.panels))
    fig.subtitle = ("Per traced call over the untraced 0/0 point; medians "
                    "(%s) with 95%% CIs; %s." % (
                        ctx.repetitions(scenario),
                        roles.backend_kind(ctx.run.backend)))
    if zero:
        fig.subtitle += (" Below %g per call in every configuration, not "
                         "drawn: %s." % (NEGLIGIBLE, ", ".join(zero)))
    return fig


@question("ftrace-ops", "body",
          "ftrace-ops: how much of the dispatch cost does the traced "
          "function's own work hide?")
def ftrace_ops_body(ctx, q):
    """Per design, the overhead with the sample's empty tracee (filled)
    beside the corpus body's (open), each over the untraced call with the
    same body; one panel per ops row measured with both. Equal counts and
    a smaller time or cycle overhead with the body: the core ran the
    dispatch in the shadow of the body's dependency chain."""
    scenario = q.scenario
    item = ctx.item
    rows = {}
    for params in item.points.get(scenario, []):
        values = dict(params)
        if values.get("body") not in ("empty", "corpus") or \
                values.get("relevant", 0) == 0:
            continue
        key = (values["relevant"], values["irrelevant"])
        rows.setdefault(key, {})[values["body"]] = params
    rows = {k: v for k, v in sorted(rows.items()) if len(v) == 2}
    if not rows:
        return None
    metric = item.primary
    rule, what = untraced_rule(ctx, scenario, metric, zero_point=True)
    if rule is None:
        return None
    fig = ctx.figure(q, scenario)
    for (rel, irr), by_body in rows.items():
        panel = Panel("%d relevant, %d irrelevant ops" % (rel, irr),
                      "design", ylabel(what, ctx.unit(metric)),
                      roles.is_count(metric))
        labels = []
        for variant in ctx.traced(scenario):
            x = len(labels)
            where = [(x - 0.15, by_body["empty"]),
                     (x + 0.15, by_body["corpus"])]
            line = measured_line(ctx, scenario, variant, metric, where, rule)
            if line is None or len(line.points) != 2:
                continue
            line.hollow = [False, True]
            line.thin = True
            panel.lines.append(line)
            labels.append(ctx.style(variant).label)
        if not panel.lines:
            continue
        panel.categories = labels
        panel.finish()
        fig.panels.append(panel)
    if not fig.panels:
        return None
    fig.ncols = min(3, len(fig.panels))
    fig.subtitle = ("filled: the sample's empty tracee; open: corpus f1's "
                    "body (a loop-carried chain); each over the untraced "
                    "call with the same body; medians (%s) with 95%% CI "
                    "bars." % ctx.repetitions(scenario))
    return fig


@question("ftrace-ops", "explain",
          "ftrace-ops: what does a traced call execute, and how often is "
          "a branch mispredicted?")
def ftrace_ops_explain(ctx, q):
    """Instructions and mispredicts (total and by kind) per traced call."""
    metrics = [(m, ctx.unit(m)) for m in ctx.explaining(True)]
    metrics += roles.classes_in(ctx.item.metrics, roles.MISPREDICT_KINDS)
    return centred_panels(ctx, q, metrics)


@question("ftrace-ops", "branches",
          "ftrace-ops: which branches does a traced call execute?")
def ftrace_ops_branches(ctx, q):
    """Branches per traced call by class (B, BL, B.cond, CB*, BR, BLR,
    RET): what the list walk adds per ops, what CALL_OPS keeps fixed."""
    return centred_panels(ctx, q, roles.classes_in(ctx.item.metrics,
                                                   roles.BRANCH_CLASSES))


# ---- sweeps and categories: the other scenarios ----

def capacity_marks(run):
    """[(functions, words)]: where the core's caches and branch-target
    buffer would be full if each called function took one 64-byte line
    (or the line size given) or one entry. From results.json's `caches`
    (Google Benchmark's schema) or meta.json's, and under the emulated
    backend the ftb-emu model's default sizes (docs/emu.md)."""
    marks = []
    caches = run.context.get("caches") or run.meta.get("caches") or []
    for cache in caches if isinstance(caches, list) else []:
        if not isinstance(cache, dict):
            continue
        kind = str(cache.get("type", ""))
        level = cache.get("level")
        size = cache.get("size")
        line = cache.get("line_size") or 64
        if kind == "Data" or not isinstance(size, (int, float)) or \
                size <= 0:
            continue
        name = "L%sI" % level if kind == "Instruction" else "L%s" % level
        marks.append((size / float(line), "%s %s = %d lines" % (
            name, human_bytes(size), size // line)))
    if run.backend == "emu":
        marks += [(6144, "BTB 6144 entries (ftb-emu default)"),
                  (1024, "indirect predictor 1024 (ftb-emu default)")]
    btb = run.meta.get("btb_entries")
    if isinstance(btb, int) and btb > 0:
        marks.append((btb, "BTB %d entries" % btb))
    return sorted(marks)


def human_bytes(size):
    """32 KiB, 1 MiB."""
    for unit, scale in (("MiB", 1 << 20), ("KiB", 1 << 10)):
        if size >= scale and size % scale == 0:
            return "%d %s" % (size // scale, unit)
    return "%d B" % size


def sweep_figure(ctx, q, xparam, xlabel, title=None, per=None,
                 marks=None, knees=False, metrics=None, reading=None):
    """Lines over a swept integer parameter: one column of panels per
    value of the other parameters, one row per metric (the primary, then
    what explains it); the panels of a row share their y axis and every
    panel the x axis, so columns compare at a glance."""
    scenario = q.scenario
    columns = an.sweep_points(ctx.item, scenario, xparam)
    if not columns or not any(len(w) >= 2 for w in columns.values()):
        return None
    metrics = metrics or [ctx.item.primary] + ctx.explaining()
    fig = ctx.figure(q, scenario, title)
    knee_metrics = {ctx.item.primary,
                    roles.find_role(ctx.item.metrics, "mispredicts")}
    absolute = False
    rows, dropped = [], []
    for metric in metrics:
        rule, what = untraced_rule(ctx, scenario, metric)
        absolute = absolute or rule is None
        if per is not None:
            what = "cost per site"
        variants = ctx.traced(scenario) if rule is not None else \
            ctx.item.variants_in(scenario)
        row = []
        for fixed, where in columns.items():
            panel = Panel(value_words(fixed), xlabel,
                          ylabel(what, ctx.unit(metric)),
                          roles.is_count(metric))
            add_lines(ctx, panel, scenario, metric, where, rule, variants,
                      per=per)
            if knees and metric in knee_metrics:
                for line in panel.lines:
                    x = an.knee_of(ctx.item, scenario, line.key, metric,
                                   where)
                    xs = [px for px, _ in line.points]
                    if x in xs:
                        line.knee = xs.index(x)
            panel.marks = list(marks or [])
            row.append(panel)
        if any(p.lines for p in row):
            if all(negligible(p) for p in row if p.lines):
                dropped.append(roles.short_name(metric))
                continue
            rows.append(row)
    if not rows:
        return None
    xs = sorted({x for row in rows for p in row for x in p.xs()})
    for row in rows:
        ys = [y for p in row for y in p.values()]
        for panel in row:
            panel.finish(xs, ys)
            fig.panels.append(panel)
    fig.ncols = max(1, min(len(rows[0]), 3))
    fig.subtitle = "%s; medians (%s) with 95%% CI bands." % (
        reading or ("absolute cost per call (no untraced call measured "
                    "here)" if absolute else "over the untraced call "
                    "(variant none) at each point"),
        ctx.repetitions(scenario))
    if dropped:
        fig.subtitle += (" Below %g per call everywhere, not drawn: %s."
                         % (NEGLIGIBLE, ", ".join(dropped)))
    return fig


def category_figure(ctx, q, param, title=None, metrics=None):
    """Per variant (its own place on x), its value at each value of a
    word parameter side by side, the first filled and the others open,
    joined by a thin line: the difference within a design is what these
    scenarios ask about (far callback against near, ring against
    trivial). CI bars; one panel per metric; a count that is below 0.005
    per call everywhere is left out and named."""
    scenario = q.scenario
    item = ctx.item
    order = [p for p in item.points[scenario] if param in dict(p)]
    if not order:
        return None
    values = an.first_seen(dict(p)[param] for p in order)
    words = [VALUE_WORDS.get((param, v), "%s = %s" % (param, v))
             for v in values]
    metrics = metrics or [item.primary] + ctx.explaining()
    fig = ctx.figure(q, scenario, title)
    absolute, negligible_panels = False, []
    width = 0.5 / max(1, len(values) - 1) if len(values) > 1 else 0.0
    for metric in metrics:
        rule, what = untraced_rule(ctx, scenario, metric)
        absolute = absolute or rule is None
        variants = ctx.traced(scenario) if rule is not None else \
            item.variants_in(scenario)
        panel = Panel(roles.short_name(metric), "variant",
                      ylabel(what, ctx.unit(metric)),
                      roles.is_count(metric))
        labels = []
        first = {}
        for params in order:
            first.setdefault(dict(params)[param], params)
        for variant in variants:
            place = {len(labels) + (k - (len(values) - 1) / 2.0) * width: k
                     for k in range(len(values))}
            where = [(x, first[values[k]]) for x, k in place.items()]
            line = measured_line(ctx, scenario, variant, metric, where, rule)
            if line is None:
                continue
            line.hollow = [place[x] > 0 for x, _ in line.points]
            line.thin = True
            panel.lines.append(line)
            labels.append(ctx.style(variant).label)
        if not panel.lines:
            continue
        if negligible(panel):
            negligible_panels.append(roles.short_name(metric))
            continue
        panel.categories = labels
        panel.finish()
        fig.panels.append(panel)
    if not fig.panels:
        return None
    fig.ncols = min(3, len(fig.panels))
    fig.subtitle = "%s; %s; medians (%s) with 95%% CI bars." % (
        "absolute cost per call (no untraced call measured here)"
        if absolute else "over the untraced call (variant none) at each "
        "point", ", ".join("%s: %s" % (("filled" if k == 0 else "open"), w)
                           for k, w in enumerate(words)),
        ctx.repetitions(scenario))
    if negligible_panels:
        fig.subtitle += (" Below %g per call everywhere, not drawn: %s."
                         % (NEGLIGIBLE, ", ".join(negligible_panels)))
    return fig


@question("footprint", "overhead",
          "footprint: when do the branch predictors and caches run out as "
          "more distinct traced functions are called?")
def footprint(ctx, q):
    """Distinct functions in rotation, cache and BTB sizes marked."""
    fig = sweep_figure(ctx, q, "funcs", "distinct functions called in "
                       "rotation", marks=capacity_marks(ctx.run),
                       knees=True)
    if fig is not None and any(p.marks for p in fig.panels):
        fig.subtitle += (" Dashed marks: the function count that would "
                         "fill a cache at one line per function, or a "
                         "predictor at one entry per function.")
    return fig


# Backends whose counts leave the kernel's share of patching out (the
# mprotect and membarrier system calls): time backends count it all.
USER_ONLY = {
    "emu": "user-space counts only (qemu-user does not see the kernel)",
    "pmu": "user-mode counts only (the kernel's share is not counted)",
    "pmu-user": "user-mode counts only (the kernel's share is not counted)",
}
KERNEL_SUFFIX = "+kernel"


def with_kernel_twins(item, metrics):
    """Each metric followed by its kernel-inclusive twin, when measured."""
    out = []
    for metric in metrics:
        out.append(metric)
        if metric + KERNEL_SUFFIX in item.metrics:
            out.append(metric + KERNEL_SUFFIX)
    return out


def line_words(item, scenario, metric):
    """The fitted lines of one metric (results.json), for a subtitle."""
    words = []
    for key, line in item.run.lines.items():
        got = line.get(metric) if key[0] == scenario else None
        if not got or got[2] is None:
            continue
        fixed, fixed_se, per, per_se = got
        words.append("%s %s %s%s | %s%s" % (
            key[1], ",".join(str(v) for _, v in key[2]), num(per),
            "" if per_se is None else "+-" + num(per_se), num(fixed),
            "" if fixed_se is None else "+-" + num(fixed_se)))
    return words


@question("patching", "per-site",
          "patching: what does turning tracing on and off cost per site, "
          "and does it amortise over many sites?")
def patching(ctx, q):
    """One register+unregister cycle over N sites, divided by N."""
    item = ctx.item
    reading = ("cost per site: one register + unregister cycle over N "
               "sites, divided by N")
    metrics = with_kernel_twins(item, [item.primary] + ctx.explaining())
    if any(m.endswith(KERNEL_SUFFIX) for m in metrics):
        reading += ("; NAME%s counts the kernel's share too, NAME alone is "
                    "user mode" % KERNEL_SUFFIX)
    elif ctx.run.backend in USER_ONLY:
        reading += "; %s" % USER_ONLY[ctx.run.backend]
    fig = sweep_figure(ctx, q, "sites", "sites patched per cycle",
                       per=lambda params: max(1, dict(params)["sites"]),
                       reading=reading, metrics=metrics)
    words = line_words(item, q.scenario, metrics[1] if len(metrics) > 1
                       and metrics[1].endswith(KERNEL_SUFFIX)
                       else metrics[0])
    if fig is not None and words:
        fig.subtitle += (" Least-squares line of a cycle, %s per site | "
                         "fixed (+- s.e.): %s." % (
                             roles.short_name(metrics[0]), "; ".join(words)))
    return fig


@question("untraced", "cost",
          "untraced: what does an untraced patch site cost each layout?")
def untraced(ctx, q):
    """Per variant (its layout): f1 with its site, as compiled or
    initialised, minus the copy built without one."""
    scenario = q.scenario
    item = ctx.item
    points = {dict(p).get("call"): p for p in item.points[scenario]}
    if "ref" not in points or "site" not in points:
        return category_figure(ctx, q, "call")
    variants = item.variants_in(scenario)
    labels = [ctx.style(v).label for v in variants]
    fig = ctx.figure(q, scenario)
    dropped = []
    for metric in [item.primary] + ctx.explaining():
        panel = Panel(roles.short_name(metric), "variant (its patch-site "
                      "layout, sites untraced)",
                      ylabel("site minus no site, per call",
                             ctx.unit(metric)), roles.is_count(metric))
        panel.categories = labels
        for index, variant in enumerate(variants):
            site = item.cell(scenario, variant, points["site"], metric)
            ref = item.cell(scenario, variant, points["ref"], metric)
            if site is None or ref is None:
                continue
            panel.lines.append(Line(variant, ctx.style(variant),
                                    [(index, an.overhead(item, site, ref))],
                                    connect=False))
        if not panel.lines:
            continue
        if negligible(panel):
            dropped.append(roles.short_name(metric))
            continue
        panel.finish()
        fig.panels.append(panel)
    if not fig.panels:
        return None
    fig.ncols = min(2, len(fig.panels))
    fig.subtitle = ("f1 with its patch site (compiled for none, initialised "
                    "for the others) minus a copy built without one; "
                    "medians (%s) with 95%% CI bars." %
                    ctx.repetitions(scenario))
    if dropped:
        fig.subtitle += (" Below %g per call everywhere, not drawn: %s."
                         % (NEGLIGIBLE, ", ".join(dropped)))
    return fig


# The questions whose figure is a plain sweep or a per-variant comparison:
# (scenario, name, question, kind, parameter, x axis words).
PLAIN_QUESTIONS = [
    ("ops-sweep", "overhead", "ops-sweep: does a traced call get dearer as "
     "more ops each trace functions of their own?", "sweep", "ops",
     "registered ops (4 functions each)"),
    ("overlap", "overhead", "overlap: how soon do the single-ops fast "
     "paths fall back to the list walk as two ops share functions?",
     "sweep", "percent", "% of the 256 called functions traced by both ops"),
    ("threads", "overhead", "threads: does a traced call get dearer while "
     "other threads call it too?", "sweep", "threads",
     "threads calling the tracee"),
    ("callback", "overhead", "callback: how much of a traced call is "
     "dispatch once the callback does a tracer's work?", "category",
     "callback", ""),
    ("range", "cost", "range: what do branch reach and landing pads cost a "
     "traced call?", "category", "callback", ""),
]


def _register_plain(scenario, name, title, kind, param, xlabel):
    """One PLAIN_QUESTIONS entry in the registry."""
    if kind == "sweep":
        question(scenario, name, title)(
            lambda ctx, q: sweep_figure(ctx, q, param, xlabel))
    else:
        question(scenario, name, title)(
            lambda ctx, q: category_figure(ctx, q, param))


for _entry in PLAIN_QUESTIONS:
    _register_plain(*_entry)


def generic(ctx, q):
    """A scenario with no question of its own: cost against its first
    swept integer parameter, else per value of its first parameter."""
    item = ctx.item
    scenario = q.scenario
    for xparam in an.numeric_params(item, scenario):
        columns = an.sweep_points(item, scenario, xparam)
        if any(len(w) >= 3 for w in columns.values()):
            return sweep_figure(ctx, q, xparam, xparam, title=(
                "%s: how does the cost per call change with %s?"
                % (scenario, xparam)))
    points = item.points[scenario]
    if points and points[0]:
        param = points[0][0][0]
        return category_figure(ctx, q, param, title=(
            "%s: what does a call cost at each %s?" % (scenario, param)))
    return None


def figures_of(item, palette, several):
    """Every registered (or generic) question's figure for one run, in
    scenario order; each remembers how to build itself again (the small
    multiples need fresh copies)."""
    found = []
    for scenario in item.scenarios:
        entries = [q for q in QUESTIONS if q.scenario == scenario] or \
            [Question(scenario, "cost", "", generic)]
        for entry in entries:
            def build(entry=entry):
                return entry.build(Context(item, palette, several), entry)
            fig = build()
            if fig is None:
                continue
            fig.main = entry.main
            fig.run_label = item.run.label
            fig.rebuild = (lambda entry=entry: entry.build(
                Context(item, palette, False), entry))
            found.append(fig)
    return found


def rebuild(fig):
    """A fresh copy of a figure, named and titled as for a single run
    (its panels can then be re-labelled for the small multiples)."""
    copy = fig.rebuild()
    copy.run_label = fig.run_label
    return copy

