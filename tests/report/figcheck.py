#!/usr/bin/env python3
"""Structural checks of the report's figures (not pixels).

Two kinds of evidence: the files the report wrote (matplotlib SVGs keep
their text and name each drawn line's group `line:VARIANT`, `band:VARIANT`,
`ref:DESIGN`, `mark:N`; gnuplot's SVGs put each plot's key text and stroke
in one group; the .gp scripts and .dat files are kept), and the figures
drawn again in this process from the same run (matplotlib's axes: scales,
ticks, limits, the data of each line). The expectations are held here,
independently of the code under test: the fixed colour of each design and
the published reference table.

Usage: figcheck.py CHECK ARGS...
  titles OUT RUN...        every title is a question, never a column name
  colours OUT              every design in its fixed colour, both renderers
  reference OUT            the cover letter's points in the ftrace-ops figure
  scales RUN KIND          axis scales and ticks of the synthetic shapes
  legend OUT               no column-style legends, no untraced in overheads
  kernel RUN KIND          the kernel's line: its label and own untraced
  explain RUN              emu: mispredict and branch-class panels
  marks OUT RUN            footprint: L1I and L2 sizes marked
  multiples RUN RUN        small multiples: one panel per run, same axes
  unit RUN KIND            the main figure's y unit for the backend
"""
import csv
import os
import re
import sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "..", "scripts"))
import gen  # noqa: E402

FAILED = []
SVG = "{http://www.w3.org/2000/svg}"

# The fixed design colours (Okabe-Ito; docs/report.md), by variant prefix
# and by the name a reader sees.
COLOURS = {"list": "#d55e00", "dyntramp": "#0072b2", "callops": "#009e73",
           "direct": "#cc79a7", "kernel": "#000000", "none": "#7f7f7f"}
NAMES = {"list walk": "list", "per-ops trampoline": "dyntramp",
         "CALL_OPS": "callops", "direct call": "direct",
         "kernel (running)": "kernel", "untraced": "none"}
# The CALL_OPS cover letter's table (DESIGN.md section 2), ns per call.
COVER_LETTER = {
    "list": {(1, 0): 13.37, (1, 1): 63.73, (1, 2): 74.15, (1, 10): 236.92,
             (1, 100): 1063.38, (2, 0): 63.62, (10, 0): 226.22,
             (100, 0): 1031.99},
    "callops": {(1, 0): 1.86, (1, 1): 1.86, (1, 2): 1.87, (1, 10): 1.86,
                (1, 100): 1.87, (2, 0): 64.08, (10, 0): 185.87,
                (100, 0): 1034.56},
}


def report(name, good, detail=""):
    """One TAP-like line."""
    if good:
        print("ok - %s" % name)
    else:
        FAILED.append(name)
        print("not ok - %s%s" % (name, (": " + str(detail)[:300])
                                 if detail else ""))


def svgs(out, renderer):
    """{ident: parsed SVG root} of one renderer's figures."""
    folder = os.path.join(out, "figures", renderer)
    found = {}
    for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
        if name.endswith(".svg"):
            found[name[:-4]] = ET.parse(os.path.join(folder, name)).getroot()
    return found


def text_of(element):
    """All text below an element, joined by spaces."""
    return " ".join(t.strip() for t in element.itertext() if t.strip())


def by_id(root, prefix):
    """[(id, element)] of groups whose id starts with prefix."""
    return [(g.get("id"), g) for g in root.iter(SVG + "g")
            if (g.get("id") or "").startswith(prefix)]


def colours_in(element):
    """Every stroke and fill colour below an element, as #rrggbb."""
    found = set()
    for node in element.iter():
        values = [node.get("stroke"), node.get("fill"), node.get("color")]
        style = node.get("style") or ""
        values += re.findall(r"(?:stroke|fill):\s*([^;]+)", style)
        for value in values:
            if not value:
                continue
            value = value.strip().lower()
            rgb = re.match(r"rgb\(\s*(\d+),\s*(\d+),\s*(\d+)\)", value)
            if rgb:
                value = "#%02x%02x%02x" % tuple(int(x) for x in
                                                rgb.groups())
            if value.startswith("#"):
                found.add(value)
    return found


def design_of(variant):
    """The design a variant belongs to (its name before a flavour)."""
    return variant if variant in COLOURS else variant.split("-")[0]


def columns(runs):
    """The column names of the runs' samples.csv files."""
    names = set()
    for run in runs:
        with open(os.path.join(run, "samples.csv")) as handle:
            names.update(next(csv.reader(handle)))
    return names


def check_titles(out, *runs):
    """Every figure's title is a question in words, never a column name."""
    names = {n for n in columns(runs) if n not in ("name", "params")}
    bad = []
    titles = []
    for ident, root in svgs(out, "mpl").items():
        found = [text_of(g) for _, g in by_id(root, "title")]
        if not found:
            bad.append((ident, "no title"))
            continue
        titles.append((ident, found[0]))
    for ident in svgs(out, "gnuplot"):
        script = os.path.join(out, "figures", "gnuplot", ident + ".svg.gp")
        with open(script) as handle:
            text = handle.read()
        title = re.search(r'set label 1 "((?:[^"\\]|\\.)*)"', text) or \
            re.search(r'set title "((?:[^"\\]|\\.)*)"', text)
        if not title:
            bad.append((ident, "no title in the script"))
            continue
        titles.append(("gnuplot/" + ident, title.group(1)))
        svg_text = text_of(svgs(out, "gnuplot")[ident])
        if title.group(1) not in svg_text:
            bad.append((ident, "title not drawn"))
    for ident, title in titles:
        words = set(re.findall(r"[A-Za-z_][A-Za-z0-9_.-]*", title))
        column = sorted(words & names)
        if not title.endswith("?"):
            bad.append((ident, "not a question: " + title))
        if column:
            bad.append((ident, "names a column %s: %s" % (column, title)))
        if "=" in title or " against " in title:
            bad.append((ident, "column-style: " + title))
    report("%d figure titles checked" % len(titles), len(titles) > 0)
    report("every title is a question in words, no column names", not bad,
           bad[:3])


def check_colours(out):
    """Each drawn line, band and reference in its design's fixed colour,
    in both renderers; every traced design of the run appears."""
    wrong, seen = [], {}
    for ident, root in svgs(out, "mpl").items():
        for gid, group in by_id(root, "line:") + by_id(root, "band:") + \
                by_id(root, "ref:"):
            design = design_of(gid.split(":", 1)[1])
            if design not in COLOURS:
                continue
            got = colours_in(group) - {"#ffffff", "none"}
            if not got and design == "kernel":
                got = {"#000000"}    # SVG's default fill, left unwritten
            seen.setdefault(design, set()).add("mpl/" + ident)
            if got != {COLOURS[design]}:
                wrong.append((ident, gid, sorted(got)))
    for ident, root in svgs(out, "gnuplot").items():
        for gid, group in by_id(root, "gnuplot_plot_"):
            key = " ".join(t.text or "" for t in group.iter(SVG + "text"))
            design = next((d for name, d in NAMES.items()
                           if key.startswith(name)), None)
            if design is None:
                continue
            got = colours_in(group) - {"#ffffff", "#000000"
                                       if design != "kernel" else ""}
            seen.setdefault(design, set()).add("gnuplot/" + ident)
            if COLOURS[design] not in got or len(got) != 1:
                wrong.append((ident, key, sorted(got)))
    report("every design's lines, bands and markers in its fixed colour "
           "(%d designs)" % len(seen), seen and not wrong, wrong[:3])
    return seen


def check_reference(out):
    """The cover letter's points, exactly, in the main figure of both
    renderers, with unit and machine named."""
    roots = svgs(out, "mpl")
    root = roots.get("ftrace-ops-overhead")
    report("matplotlib main figure exists", root is not None)
    if root is None:
        return
    for design in ("list", "callops"):
        groups = [g for _, g in by_id(root, "ref:" + design)]
        marks = sum(len(list(g.iter(SVG + "use"))) for g in groups)
        # 1/0 is in both sweeps: 5 points against irrelevant, 4 relevant
        report("mpl: %d reference points of %s drawn" % (marks, design),
               marks == len(COVER_LETTER[design]) + 1, marks)
    text = text_of(root)
    report("mpl: the reference's machine and unit named",
           "Apple M1 under HVF QEMU" in text and "(ns)" in text, "")
    data = os.path.join(out, "figures", "gnuplot", "ftrace-ops-overhead.dat")
    with open(data) as handle:
        blocks = handle.read().split("\n\n\n")
    found = {}
    for block in blocks:
        lines = block.strip().splitlines()
        if not lines or "cover letter" not in lines[0]:
            continue
        design = "list" if "list walk" in lines[0] else "callops"
        panel = int(re.match(r"# panel (\d+)", lines[0]).group(1))
        for row in lines[1:]:
            x, y = (float(v) for v in row.split()[:2])
            key = (1, int(x)) if panel in (1, 3) else (int(x), 0)
            found.setdefault(design, {})[key] = y
    report("gnuplot: the reference points equal the published table",
           found == COVER_LETTER, found)


def plan_of(*runs):
    """The figure plan of the runs, built as the report builds it."""
    from report_lib import analysis as an
    from report_lib import figures
    from report_lib.load import label_runs, load_run
    loaded = [load_run(path) for path in runs]
    label_runs(loaded)
    analyses = [an.RunAnalysis(run, 1) for run in loaded]
    an.set_baselines(analyses, None)
    return figures.plan(analyses)


def drawn(figure):
    """The matplotlib Figure of a planned figure and its panel axes."""
    from report_lib import mpl
    plt, reason = mpl.load()
    if plt is None:
        raise SystemExit("figcheck.py: " + reason)
    fig = mpl.draw(plt, figure)
    axes = [a for a in fig.axes if a.get_visible() and a.axison]
    return plt, fig, axes[:len(figure.panels)]


def find(plan, ident):
    """The planned figure of that ident, or None."""
    return next((f for f in plan if f.ident == ident), None)


def check_scales(run, kind):
    """Log-log where the synthetic data span decades, log(1+x) where a
    geometric sweep starts at 0, linear for even sweeps; the ticks of the
    log(1+x) axis are the data's (no negative tick)."""
    plan = plan_of(run)
    main = find(plan, "ftrace-ops-overhead")
    report("main figure planned first", plan and plan[0] is main)
    plt, fig, axes = drawn(main)
    report("main: against irrelevant ops on log(1+x), log y",
           axes[0].get_xscale() == "function" and
           axes[0].get_yscale() == "log",
           (axes[0].get_xscale(), axes[0].get_yscale()))
    report("main: against relevant ops log-log",
           axes[1].get_xscale() == "log" and axes[1].get_yscale() == "log",
           (axes[1].get_xscale(), axes[1].get_yscale()))
    ticks = [t.get_text() for t in axes[0].get_xticklabels()]
    report("main: irrelevant-ops ticks are the swept values",
           ticks == ["0", "1", "2", "10", "100"], ticks)
    labels = [t.get_text() for a in axes for t in a.get_yticklabels() +
              a.get_xticklabels()]
    report("main: no negative or exponent tick labels",
           not any(re.search(r"[-\u2212^]|\$", t) for t in labels), labels)
    plt.close(fig)
    expect = {"patching-per-site": "log", "footprint-overhead": "log",
              "ops-sweep-overhead": "log", "overlap-overhead": "linear",
              "threads-overhead": "linear"}
    for ident, scale in expect.items():
        figure = find(plan, ident)
        if figure is None:
            report("%s planned" % ident, False)
            continue
        plt, fig, axes = drawn(figure)
        scales = {a.get_xscale() for a in axes}
        report("%s: x axis %s" % (ident, scale), scales == {scale}, scales)
        plt.close(fig)
    with open(os.path.join(run, "report", "figures", "gnuplot",
                           "ftrace-ops-overhead.png.gp")) as handle:
        script = handle.read()
    report("gnuplot main: log(1+x), log x and log y set",
           "set nonlinear x via log10(x+1)" in script and
           "set logscale x 10" in script and "set logscale y 10" in script)


def check_legend(out):
    """Legends name designs, never `none relevant=1`; overhead figures
    leave the untraced baseline out."""
    bad = []
    for ident, root in svgs(out, "mpl").items():
        for _, legend in by_id(root, "legend"):
            text = text_of(legend)
            if "=" in text:
                bad.append((ident, text))
        if ident.endswith("overhead") and by_id(root, "line:none"):
            bad.append((ident, "untraced drawn in an overhead figure"))
    report("legends name designs (no 'none relevant=1'), overheads leave "
           "the untraced out", not bad, bad[:3])


def check_kernel(run, kind):
    """The kernel's rows: one line named from meta.json, its overhead over
    its own untraced 0/0 point (not ftbench's)."""
    plan = plan_of(run)
    main = find(plan, "ftrace-ops-overhead")
    lines = [l for l in main.panels[0].lines if l.key == "kernel"]
    want = "kernel (running): %s, %s" % (gen.KERNEL_META["release"],
                                         gen.KERNEL_META["design"])
    report("kernel line labelled %r" % want,
           len(lines) == 1 and lines[0].label == want,
           [l.label for l in lines])
    if not lines:
        return
    metric = {"pmu": "cycles", "arm": "CPU_CYCLES", "emu": "emu-insns",
              "time": "ticks"}[kind]
    if kind == "time":
        metric = "real_time_ns"

    def truth(rel, irr):
        ins, mis = gen.ftrace_ops("kernel", rel, irr)
        return gen.truth(kind, "ftrace-ops", "kernel",
                         [("relevant", rel), ("irrelevant", irr)], ins, mis,
                         1.0)[metric]
    got = [(x, v.median) for x, v in lines[0].points]
    want = [(irr, truth(1, irr) - truth(0, 0)) for irr in (0, 1, 2, 10, 100)]
    report("kernel overhead is over its own untraced point",
           len(got) == len(want) and all(
               g[0] == w[0] and abs(g[1] - w[1]) < 1e-6 * max(1, abs(w[1]))
               for g, w in zip(got, want)), (got, want))
    plt, fig, axes = drawn(main)
    artists = [a for a in axes[0].get_lines() if a.get_gid() == "line:kernel"]
    report("kernel drawn in black with its marker",
           len(artists) == 1 and artists[0].get_color().lower() in
           ("#000000", "black") and artists[0].get_marker() == "v",
           [(a.get_color(), a.get_marker()) for a in artists])
    plt.close(fig)


def check_explain(run):
    """Under emu: instructions and mispredicts by kind, and branch classes,
    each a panel; a class that is 0 everywhere left out and named."""
    plan = plan_of(run)
    explain = find(plan, "ftrace-ops-explain")
    branches = find(plan, "ftrace-ops-branches")
    report("explain and branch-class figures planned",
           explain is not None and branches is not None)
    if explain is None or branches is None:
        return
    titles = [p.title for p in explain.panels]
    report("explain: instructions, mispredicts, conditional and BR/BLR "
           "mispredicts", len(titles) == 4 and "instructions" in titles[0]
           and "mispredicts" in titles[1], titles)
    classes = [p.title for p in branches.panels]
    report("branches: one panel per class that occurs",
           classes == ["B", "BL", "B.cond taken", "B.cond not taken",
                       "CBZ/CBNZ/TBZ/TBNZ", "BLR", "RET"], classes)
    report("branches: BR (0 everywhere) left out and named",
           "BR" not in classes and "not drawn: BR" in branches.subtitle,
           branches.subtitle)
    report("explain: return mispredicts (0 everywhere) named",
           "return mispredicts" in explain.subtitle, explain.subtitle)
    blr = branches.panels[classes.index("BLR")]
    by = {l.key: dict((x, v.median) for x, v in l.points)
          for l in blr.lines}
    centre = blr.categories.index("1/0")
    left = blr.categories.index("1/100")
    report("branches: the list walk's BLRs grow with irrelevant ops, "
           "CALL_OPS' stay", by["list"][left] > by["list"][centre] and
           by["callops"][left] == by["callops"][centre], by)


def check_marks(out, run):
    """footprint: the L1I and L2 capacity marks where results.json names
    the caches (32 KiB and 1 MiB of 64-byte lines)."""
    plan = plan_of(run)
    figure = find(plan, "footprint-overhead")
    marks = sorted({m for p in figure.panels for m in p.marks})
    report("footprint: L1I and L2 marked at 512 and 16384 functions",
           [x for x, _ in marks] == [512.0, 16384.0] and
           "L1I 32 KiB" in marks[0][1] and "L2 1 MiB" in marks[1][1], marks)
    root = svgs(out, "mpl").get("footprint-overhead")
    report("footprint: marks drawn and labelled in the SVG",
           root is not None and by_id(root, "mark:") and
           "L1I 32 KiB = 512 lines" in text_of(root))


def check_multiples(*runs):
    """Several runs: the main question as small multiples, one row of
    panels per run, the same axes for panels of the same place."""
    plan = plan_of(*runs)
    figure = find(plan, "compare-ftrace-ops-overhead")
    report("small multiples of the main figure planned", figure is not None)
    if figure is None:
        return
    own = [p for p in figure.panels if not p.reference_only]
    report("one row of two panels per run", len(own) == 2 * len(runs) and
           figure.ncols == 2, (len(own), figure.ncols))
    for place in (0, 1):
        same = own[place::2]
        limits = {(p.xlim, p.ylim, p.xscale, p.yscale) for p in same}
        report("panel %d: same axes in every run" % (place + 1),
               len(limits) == 1, limits)
    report("panels name their run", all(p.title.startswith("run%d:" % (
        i // 2 + 1)) for i, p in enumerate(own)), [p.title for p in own])


def check_unit(run, kind):
    """The main figure's y axis: the overhead in the backend's real unit."""
    plan = plan_of(run)
    main = find(plan, "ftrace-ops-overhead")
    want = {"pmu": "[cycles]", "arm": "[cycles (CPU_CYCLES)]",
            "emu": "[instructions, emulated (exact)]",
            "time": "[ns, TSC timer]"}[kind]
    label = main.panels[0].ylabel
    report("%s: main y axis is overhead in %s" % (kind, want),
           label.startswith("overhead per traced call") and
           label.endswith(want), label)


CHECKS = {"titles": check_titles, "colours": check_colours,
          "reference": check_reference, "scales": check_scales,
          "legend": check_legend, "kernel": check_kernel,
          "explain": check_explain, "marks": check_marks,
          "multiples": check_multiples, "unit": check_unit}


if __name__ == "__main__":
    CHECKS[sys.argv[1]](*sys.argv[2:])
    sys.exit(1 if FAILED else 0)
