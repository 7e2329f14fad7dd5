"""The text sections of the report (summary.txt, and the md/html pages).

Each section is (anchor, title, lines); lines are at most 80 columns so the
whole summary pastes into a mailing-list reply. Sections are built only for
what the data holds: no scenario, variant or counter name is assumed, except
that a scenario called `ftrace-ops` also gets the DESIGN.md section 2 table
and a scenario whose name mentions `footprint` gets its knees listed.
"""
from . import analysis as an
from . import roles, stats
from .load import TIME_METRIC
from .reference import FTRACE_OPS
from .textfmt import WIDTH, ci, heading, num, ratio, table, wrap

REFERENCE_SCENARIO = "ftrace-ops"
KNEE_HINT = "footprint"


class Section:
    """A titled block of text lines with an anchor for the pages."""

    def __init__(self, anchor, title, lines, scenario=None):
        self.anchor = anchor
        self.title = title
        self.lines = lines
        self.scenario = scenario    # the scenario a section is about

    def body(self):
        """The lines, long ones wrapped to 80 columns."""
        body = []
        for line in self.lines:
            if len(line) <= WIDTH:
                body.append(line)
            else:
                lead = len(line) - len(line.lstrip())
                body += wrap(line, indent=" " * (lead + 2))
        return body

    def text(self):
        """The section as plain text: title, rule, body (<= 80 columns)."""
        return "\n".join(heading(self.title) + [""] + self.body())


def provenance(run):
    """One-line-per-fact description of where a run came from."""
    meta = run.meta
    ctx = run.context

    def get(*names):
        for name in names:
            value = meta.get(name)
            if value in (None, ""):
                value = ctx.get(name)
            if value not in (None, ""):
                return str(value)
        return "unknown"
    method = meta.get("method") if isinstance(meta.get("method"),
                                              dict) else {}
    facts = ["cpu %s, %s, kernel %s" % (get("cpu_model"),
                                        get("arch", "ftbench_arch"),
                                        get("kernel"))]
    calls = sorted({s.calls for s in run.samples})
    if calls:
        span = str(calls[0]) if len(calls) == 1 else "%d..%d" % (calls[0],
                                                                 calls[-1])
        facts.append("method: M = %s calls per sample, %s repetitions, "
                     "cpu %s, governor %s" % (span,
                                              method.get("repetitions", "?"),
                                              get("cpu"),
                                              get("governor_before")))
    for name in ("governor", "freq_khz"):
        before, after = meta.get(name + "_before"), meta.get(name + "_after")
        if before is not None and after is not None and before != after:
            facts.append("warning: %s changed during the run: %s -> %s"
                         % (name, before, after))
    return facts + [
        "compiler %s, git %s, date %s" % (get("compiler"),
                                          get("git_revision"), get("date")),
        "backend %s: %s" % (run.backend, roles.backend_kind(run.backend))
        + ("" if not get("backend_reason") or
           get("backend_reason") == "unknown"
           else " (%s)" % get("backend_reason")),
    ]


def overview(analyses, options, notes):
    """Which runs, where from, baseline, seed, exclusions and notes."""
    lines = []
    for item in analyses:
        run = item.run
        lines.append("%s: %s (host %s)" % (run.label, run.path,
                                           run.meta.get("host") or
                                           run.context.get("host_name") or
                                           "unknown"))
        lines += ["  " + line for line in provenance(run)]
        flagged = sum(1 for s in run.samples if s.multiplexed)
        lines.append("  %d samples, %d configurations, %d failed, %d "
                     "flagged multiplexed (%s)"
                     % (len(run.samples),
                        len({s.config() for s in run.samples}),
                        len(run.failed), flagged,
                        "included" if options.include_multiplexed
                        else "left out"))
        if not roles.time_is_meaningful(run.backend) and \
                TIME_METRIC in run.metrics:
            lines.append("  real_time_ns left out: qemu's time under the "
                         "emulated model means nothing")
        for name, error in run.failed:
            lines += wrap("  FAILED %s: %s" % (name, error or "no reason"),
                          indent="    ")
        for name, why in run.no_result:
            lines += wrap("  NO RESULT %s: %s" % (name, why), indent="    ")
        for warning in run.warnings:
            lines += wrap("  warning: " + warning, indent="    ")
        lines += wrap("  baseline: " + ", ".join(
            "%s %s" % (s, item.baselines[s]) for s in item.scenarios),
            indent="    ")
    lines.append("")
    lines += wrap("Medians over repetitions with 95%% bootstrap CIs (%d "
                  "resamples, seed %d); ratios are to the scenario's "
                  "baseline variant at the same point (%s)."
                  % (stats.BOOTSTRAP_RESAMPLES, options.seed,
                     "--baseline" if options.baseline else
                     "default: none when measured at every point, else the "
                     "variant measured at the most points"))
    for note in notes:
        lines += wrap("note: " + note, indent="  ")
    return Section("overview", "ftbench report", lines)


def _prefix(item, several):
    """`run2: ` in titles when several runs are reported."""
    return item.run.label + ": " if several else ""


MAX_SUMMARY_METRICS = 6


def headline_metrics(item):
    """Time (when meaningful) and the counters with a role."""
    picks = [m for m in item.metrics if m == TIME_METRIC or roles.role_of(m)]
    return picks or item.metrics[:MAX_SUMMARY_METRICS]


def summary_metrics(item, all_counters):
    """Every metric when few (or asked); else the headline ones, so an
    emulated run's eighteen counters do not bury the email."""
    if all_counters or len(item.metrics) <= MAX_SUMMARY_METRICS:
        return list(item.metrics)
    return headline_metrics(item)


def medians(item, several, metrics=None):
    """Per scenario and metric: median, CI and ratio for every config."""
    found = []
    metrics = item.metrics if metrics is None else metrics
    left_out = [m for m in item.metrics if m not in metrics]
    for scenario in item.scenarios:
        lines = []
        if left_out:
            lines += wrap("%d more counters in medians-all.txt and "
                          "stats.csv (--all-counters puts them here): %s"
                          % (len(left_out), ", ".join(left_out)),
                          indent="  ") + [""]
        points = item.points[scenario]
        keys = [k for k, _ in points[0]] if points else []
        baseline = item.baselines[scenario]
        for metric in [m for m in item.metrics_in(scenario)
                       if m in metrics]:
            rows = []
            for params in points:
                for variant in item.variants_in(scenario):
                    cell = item.cell(scenario, variant, params, metric)
                    if cell is None:
                        continue
                    rows.append([str(v) for _, v in params] +
                                [variant, str(cell.n), num(cell.median),
                                 ci(cell.lo, cell.hi) if cell.n > 1
                                 else "(n=1)",
                                 ratio(an.ratio(item, cell))])
            if lines:
                lines.append("")
            lines.append(roles.unit(metric) + ":")
            lines += table(keys + ["variant", "n", "median", "95% CI",
                                   "vs " + baseline], rows,
                           keys=len(keys) + 1)
        found.append(Section("medians-%s-%s" % (item.run.label, scenario),
                             "%s%s: medians" % (_prefix(item, several),
                                                scenario), lines,
                             scenario))
    return found


def _reference_metrics(item):
    """Time (when meaningful) and the three counters the design names."""
    picks = [TIME_METRIC] if TIME_METRIC in item.metrics else []
    for role in ("cycles", "instructions", "mispredicts"):
        name = roles.find_role(item.metrics, role)
        if name:
            picks.append(name)
    return picks


def reference_table(item, several):
    """DESIGN.md section 2: rows relevant/irrelevant, columns variants."""
    scenario = REFERENCE_SCENARIO
    if scenario not in item.scenarios:
        return []
    zero = an.untraced_point(item, scenario)
    baseline = item.baselines[scenario]
    points = [p for p in an.reference_points(item, scenario) if p != zero]
    keys = [k for k, _ in points[0] if k != "body"] if points else []
    lines = []
    for metric in _reference_metrics(item):
        variants = [v for v in item.variants_in(scenario)
                    if any(item.cell(scenario, v, p, metric) for p in points)]
        if not variants:
            continue
        rows = []
        for params in points:
            row = [" / ".join(str(v) for k, v in params if k != "body")]
            for variant in variants:
                cell = item.cell(scenario, variant, params, metric)
                base = an.zero_untraced(item, scenario, variant, metric)
                if cell is None or (zero is not None and base is None):
                    row.append("-")
                else:
                    row.append(num(cell.median -
                                   (base.median if base else 0.0)))
            rows.append(row)
        untraced = an.zero_untraced(item, scenario, baseline, metric)
        untraced = untraced.median if untraced else None
        if lines:
            lines.append("")
        if untraced is None:
            lines.append("%s, absolute (no untraced 0/0 point measured):"
                         % roles.unit(metric))
        else:
            lines.append("%s, overhead over the untraced %s:"
                         % (roles.unit(metric), num(untraced)))
        lines += table([" / ".join(keys)] + variants, rows, keys=1)
    if not lines:
        return []
    return [Section("reference-" + item.run.label,
                    "%s%s (the DESIGN.md section 2 table)"
                    % (_prefix(item, several), scenario), lines, scenario)]


def paired_overheads(item, several):
    """The harness's paired overheads over the untraced twin, with their
    95% CI and why each configuration stopped (docs/method.md). The twin
    is the variant's own all-zero point where the scenario has one, else
    `none` at the same point: the title says which."""
    lines = []
    for scenario in item.scenarios:
        rows = []
        metric = item.primary
        for (sc, variant, params), paired in item.run.paired.items():
            if sc != scenario or metric not in paired.metrics:
                continue
            value, lo, hi = paired.metrics[metric]
            ci = "[%s, %s]" % (num(lo), num(hi)) if lo is not None else "-"
            half = "%.3f" % ((hi - lo) / 2) if lo is not None else "-"
            rows.append(["/".join(str(v) for _, v in params) or "-",
                         variant, str(paired.pairs), num(value), ci, half,
                         paired.stop])
        if not rows:
            continue
        keys = [k for k, _ in item.points[scenario][0]]
        over = "the variant's own untraced point" if all(
            "/%s/" % v in p.twin for (sc, v, _), p in item.run.paired.items()
            if sc == scenario) else "none at the same point"
        lines += ["", "%s, %s over %s, paired:"
                  % (scenario, roles.unit(metric), over)]
        lines += table(["/".join(keys), "variant", "pairs", "overhead",
                        "95% CI", "+-", "stop"], rows, keys=2)
    if not lines:
        return []
    lines = wrap("Traced minus untraced per pair of samples measured back "
                 "to back; median difference and its order-statistic 95% "
                 "CI (+- its half-width); stop: target (CI narrow enough), "
                 "budget (time ran out), max (repetitions stored)."
                 ) + lines
    return [Section("paired-" + item.run.label, "%spaired overheads"
                    % _prefix(item, several), lines)]


def published_reference(analyses):
    """The published table the ftrace-ops figure is drawn against, as
    text, once, when a run has that scenario."""
    if not any(REFERENCE_SCENARIO in item.scenarios for item in analyses):
        return []
    ref = FTRACE_OPS
    designs = ref.designs()
    points = sorted({p for d in designs for p in ref.values[d]},
                    key=lambda p: (p[0] != 1, p[0], p[1]))
    rows = [["%d / %d" % p] + [num(ref.values[d].get(p)) for d in designs]
            for p in points]
    lines = wrap("%s, %s: %s per call over the untraced %.2f %s (drawn in "
                 "the ftrace-ops figure; not measured here)."
                 % (ref.source, ref.machine, ref.unit, ref.untraced,
                    ref.unit))
    lines += [""] + table(["relevant / irrelevant"] + designs, rows, keys=1)
    return [Section("published-reference", "ftrace-ops reference: %s"
                    % ref.source, lines, REFERENCE_SCENARIO)]


def significance(item, several):
    """Rank tests per scenario on the primary metric, Holm-corrected."""
    metric = item.primary
    lines = wrap("Mann-Whitney U (two-sided) on %s between every pair of "
                 "variants at each point; p Holm-corrected per scenario; "
                 "d = Cliff's delta of the second over the first "
                 "(-1..1, size after Romano et al.)." % metric)
    untestable = []
    for scenario in item.scenarios:
        comps = an.comparisons(item, scenario, metric)
        if not comps:
            continue
        keys = [k for k, _ in item.points[scenario][0]]
        rows = []
        for comp in comps:
            size = stats.cliff_magnitude(comp.delta)
            decision = comp.decision
            if decision.startswith("differ"):
                decision = "%s (%s)" % (decision.split(": ")[1], size)
            rows.append(["/".join(str(v) for _, v in comp.params) or "-",
                         "%s vs %s" % (comp.first, comp.second),
                         pvalue(comp.p_holm) if comp.tested else "-",
                         "%+.2f" % comp.delta, decision])
        tested = [c for c in comps if c.tested]
        differ = [c for c in tested if c.decision.startswith("differ")]
        if not tested:
            sizes = sorted({n for c in comps for n in (c.n1, c.n2)})
            untestable.append("%s: %d comparisons, none testable: too few "
                              "repetitions (n=%s)" % (
                                  scenario, len(comps),
                                  ",".join(str(n) for n in sizes)))
            continue
        lines += ["", "%s: %d comparisons, %d testable, %d differ; point = "
                  "%s" % (scenario, len(comps), len(tested), len(differ),
                          "/".join(keys) or "(none)")]
        lines += table(["point", "pair", "p(Holm)", "d", "decision"], rows,
                       keys=2, left=(4,))
        floor = min(stats.min_p_value(c.n1, c.n2) for c in tested) * \
            len(tested)
        if floor >= stats.ALPHA:
            lines += wrap("note: with these repetitions and %d tests the "
                          "smallest possible Holm-adjusted p is %.3g: no "
                          "pair can show a difference here; more "
                          "repetitions are needed." % (len(tested), floor),
                          indent="  ")
    if untestable:
        lines += [""] + untestable + [""] + wrap(
            "With equal sizes a two-sided rank test needs at least %d "
            "repetitions per variant to reach p < %g: no difference is "
            "claimed here." % (stats.min_reps_for(stats.ALPHA), stats.ALPHA))
    return [Section("significance-" + item.run.label, "%ssignificance"
                    % _prefix(item, several), lines)]


def mechanistic(item, several):
    """The cycles = a + b*instructions + c*mispredicts fit per variant."""
    result, reason = an.fits(item)
    title = "%smechanistic fit" % _prefix(item, several)
    anchor = "fit-" + item.run.label
    if result is None:
        return [Section(anchor, title, wrap("cycles = a + b*instructions + "
                                            "c*mispredicts: " + reason))]
    cyc, ins, mis = result[0].names if result else (None,) * 3
    lines = wrap("%s = a + b*%s + c*%s, least squares over every "
                 "configuration's medians; a = fixed cost, b = cycles per "
                 "instruction, c = mispredict penalty." % (cyc, ins, mis))
    rows, notes = [], []
    for vfit in result:
        fit = vfit.fit
        if fit is None:
            rows.append([vfit.variant, "-", "-", "-", "-", "-"])
            notes.append("%s: %s" % (vfit.variant, vfit.reason))
            continue
        rows.append([vfit.variant, str(fit.points), num(fit.a), num(fit.b),
                     num(fit.c), "%.4f" % fit.r2])
    lines += [""] + table(["variant", "points", "fixed a", "cyc/insn b",
                           "penalty c", "R^2"], rows, keys=1)
    for note in notes:
        lines += wrap(note, indent="  ")
    return [Section(anchor, title, lines)]


KERNEL_SUFFIX = "+kernel"


def line_metrics(item, line):
    """What a sweep's line is shown for: time (when it means something),
    the cycles and instructions counters, and their kernel-inclusive twins
    (NAME+kernel) next to them."""
    picks = [TIME_METRIC] if roles.time_is_meaningful(item.run.backend) \
        else []
    for metric in item.metrics:
        if roles.role_of(metric) in ("cycles", "instructions"):
            picks.append(metric)
            if line.get(metric + KERNEL_SUFFIX):
                picks.append(metric + KERNEL_SUFFIX)
    return [m for m in picks if line.get(m)]


def plus_minus(value, error):
    """`v +- e`, `v` alone when there is no error estimate."""
    return num(value) + ("" if error is None else " +- " + num(error))


def sweep_lines(item, several):
    """Per scenario with fitted lines (patching: cost against sites): the
    fixed cost and the cost per unit of the swept parameter, least
    squares over every usable sample, with standard errors."""
    found = []
    for scenario in item.scenarios:
        keys = [k for k in item.run.lines if k[0] == scenario]
        if not keys:
            continue
        over = item.run.lines[keys[0]].over
        rows = []
        for key in keys:
            line = item.run.lines[key]
            words = ",".join("%s=%s" % kv for kv in key[2]) or "-"
            for metric in line_metrics(item, line):
                fixed, fixed_se, per, per_se = line.get(metric)
                rows.append([key[1], words, metric, str(line.points),
                             plus_minus(fixed, fixed_se),
                             plus_minus(per, per_se)])
        lines = wrap("cost of one %s point = fixed + per %s x %s: least "
                     "squares over every usable sample of the sweep, with "
                     "standard errors (+-). Counters without a suffix are "
                     "user-space only; NAME%s counts the kernel too."
                     % (scenario, over, over, KERNEL_SUFFIX))
        note = item.run.meta.get("kernel_counts")
        if isinstance(note, dict) and note.get("note"):
            lines += wrap("kernel: " + str(note["note"]), indent="  ")
        lines += [""] + table(["variant", "line", "metric", "n", "fixed",
                               "per unit"], rows, keys=3)
        found.append(Section("lines-%s-%s" % (item.run.label, scenario),
                             "%s%s: fixed cost and cost per unit of %s"
                             % (_prefix(item, several), scenario, over),
                             lines, scenario))
    return found


def knees(item, several):
    """Where footprint-like curves turn (the same knees the plots mark),
    on the primary metric and, when it is another, on mispredicts; on
    the overhead over the untraced variant where it is measured."""
    metrics = [item.primary]
    mispredicts = roles.find_role(item.metrics, "mispredicts")
    if mispredicts and mispredicts not in metrics:
        metrics.append(mispredicts)
    lines = []
    for scenario in item.scenarios:
        if KNEE_HINT not in scenario:
            continue
        for xparam in an.numeric_params(item, scenario):
            columns = an.sweep_points(item, scenario, xparam)
            for metric in metrics:
                for variant in item.variants_in(scenario):
                    for fixed, where in columns.items():
                        if sum(1 for _, p in where if item.cell(
                                scenario, variant, p, metric)) < 2:
                            continue
                        x = an.knee_of(item, scenario, variant, metric,
                                       where)
                        label = " ".join([variant] + ["%s=%s" % kv
                                                      for kv in fixed])
                        lines.append("%s %s, %s: %s" % (
                            scenario, label, metric,
                            "%s=%s" % (xparam, x) if x is not None
                            else "no clear knee"))
    if not lines:
        return []
    return [Section("knees-" + item.run.label, "%sknees"
                    % _prefix(item, several), lines)]


def across_runs(analyses):
    """Several runs side by side: medians aligned by configuration and
    the ratio of each run to the first. A metric is matched by name or by
    role, so a PMU run's INST_RETIRED lines up with an emulated emu-insns."""
    if len(analyses) < 2:
        return []
    first = analyses[0]
    lines = wrap("Medians per configuration; runK/run1 is the ratio of "
                 "run K's median to run 1's; metrics are matched by name "
                 "or by role (cycles, instructions, mispredicts).")
    order = {v: i for i, v in
             enumerate(an.first_seen(v for a in analyses
                                      for v in a.variants))}
    tables = []
    for metric in first.metrics:
        names = [roles.matching(metric, a.metrics) for a in analyses]
        if None in names[1:]:
            continue
        for scenario in an.first_seen(s for a in analyses
                                       for s in a.scenarios):
            tables += _runs_table(analyses, scenario, names, order)
    lines += tables or [""] + wrap(
        "No metric in common between the runs (by name or by role): %s."
        % "; ".join("%s has %s" % (a.run.label, ", ".join(a.metrics) or
                                   "none") for a in analyses))
    return [Section("runs", "runs side by side", lines)]


def _runs_table(analyses, scenario, names, order):
    """One scenario and metric across runs, aligned by configuration."""
    keys = set()
    for item, metric in zip(analyses, names):
        keys.update((v, p) for (s, v, p, m) in item.cells
                    if s == scenario and m == metric)
    rows = []
    for variant, params in sorted(keys, key=lambda k: (an.sort_key(k[1]),
                                                       order[k[0]])):
        cells = [a.cell(scenario, variant, params, m)
                 for a, m in zip(analyses, names)]
        row = [variant + " " + "/".join(str(v) for _, v in params),
               num(cells[0].median) if cells[0] else "-"]
        for cell in cells[1:]:
            row.append(num(cell.median) if cell else "-")
            row.append(ratio(cell.median / cells[0].median)
                       if cell and cells[0] and cells[0].median else "-")
        rows.append(row)
    if not rows:
        return []
    headers = ["variant " + "/".join(k for k, _ in next(iter(keys))[1]),
               analyses[0].run.label]
    for item in analyses[1:]:
        headers += [item.run.label, "%s/%s" % (item.run.label,
                                               analyses[0].run.label)]
    label = names[0] if len(set(names)) == 1 else " ~ ".join(names)
    return ["", "%s, %s per call:" % (scenario, label)] + \
        table(headers, rows, keys=1)


def _by_figure(produced):
    """[(title, ['dir/stem.{png,svg}', ...])] in the order written."""
    stems = {}
    for path, title in produced:
        stem, ext = path.rsplit(".", 1)
        stems.setdefault(title, {}).setdefault(stem, []).append(ext)
    return [(title, ["%s.{%s}" % (stem, ",".join(exts))
                     if len(exts) > 1 else "%s.%s" % (stem, exts[0])
                     for stem, exts in group.items()])
            for title, group in stems.items()]


def pvalue(p):
    """p-values: three decimals, or scientific below 0.001."""
    return "%.3f" % p if p >= 0.001 else "%.1e" % p


def figures_section(produced, missing, preview):
    """The list of figures written, what could not be, and the preview."""
    lines = []
    for title, paths in _by_figure(produced):
        lines.append(title)
        lines += ["  " + p for p in paths]
    if not produced:
        lines.append("no figures")
    for note in missing:
        lines += wrap("not produced: " + note, indent="  ")
    if preview:
        lines += ["", "main figure preview:"] + preview
    return Section("figures", "figures", lines)


def build(analyses, options, notes):
    """Every text section except the figure list, in report order."""
    several = len(analyses) > 1
    sections = [overview(analyses, options, notes)]
    for item in analyses:
        sections += reference_table(item, several)
        sections += paired_overheads(item, several)
    sections += published_reference(analyses)
    for item in analyses:
        sections += medians(item, several, summary_metrics(
            item, options.all_counters))
        sections += significance(item, several)
        sections += mechanistic(item, several)
        sections += sweep_lines(item, several)
        sections += knees(item, several)
    sections += across_runs(analyses)
    return sections
