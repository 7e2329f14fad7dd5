"""The matplotlib renderer: publication figures, PNG and SVG.

- lines: median per call against the swept parameter with the 95% CI as a
  band, knees marked when the figure asks for them, log axes as planned;
- dist: every repetition as a box plot with the points overlaid (violins
  hide how few repetitions there often are);
- ratio: runs side by side as bars around 1.

matplotlib is optional: when it cannot be imported (or FTB_REPORT_NO_MATPLOTLIB
is set, which the tests use to simulate its absence) the report says so and
how to install it, and the gnuplot figures still exist.
"""
import os
import textwrap

FOOTER_CHARS = 150
DASHES = ["-", "--", ":", "-."]
MARKERS = ["o", "s", "^", "D", "v"]
INSTALL = "apt-get install python3-matplotlib"
HIDE_ENV = "FTB_REPORT_NO_MATPLOTLIB"


def load():
    """The pyplot module, or None with the reason."""
    if os.environ.get(HIDE_ENV):
        return None, "matplotlib hidden by %s" % HIDE_ENV
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError as err:
        return None, "matplotlib is missing (%s)" % err
    return plt, ""


def _decorate(plt, fig, figure, bottom):
    """Title, provenance footer and backend on every figure."""
    fig.suptitle(figure.title, fontsize=11)
    lines = [part for line in figure.footer
             for part in textwrap.wrap(line, FOOTER_CHARS)]
    fig.text(0.01, 0.01, "\n".join(lines), fontsize=7,
             va="bottom", ha="left", family="monospace")
    fig.subplots_adjust(bottom=bottom, right=0.78, top=0.9)


def _lines(plt, figure):
    """Median lines with CI bands; knees circled and annotated."""
    fig, axes = plt.subplots(figsize=(9.6, 6.0))
    colours = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    labelled = set()
    for line in figure.series:
        xs = [x for x, _ in line.points]
        meds = [c.median for _, c in line.points]
        drawn = axes.plot(xs, meds, marker=MARKERS[line.dash % len(MARKERS)],
                          markersize=3.5,
                          linestyle=DASHES[line.dash % len(DASHES)],
                          color=colours[line.colour % len(colours)],
                          label=line.label())[0]
        axes.fill_between(xs, [c.lo for _, c in line.points],
                          [c.hi for _, c in line.points],
                          color=drawn.get_color(), alpha=0.2, linewidth=0)
        if figure.knees and line.knee is not None:
            x, cell = line.points[line.knee]
            axes.plot([x], [cell.median], marker="o", markersize=14,
                      markerfacecolor="none", color="black")
            if x not in labelled:     # one label per knee position
                labelled.add(x)
                axes.annotate("knee %s" % x, (x, cell.median),
                              textcoords="offset points", xytext=(8, -14),
                              fontsize=8)
    if figure.ylim:
        axes.set_ylim(*figure.ylim)
    if figure.logx:
        axes.set_xscale("log")
    elif figure.zero_log:
        axes.set_xscale("symlog", linthresh=1.0)
    if figure.logy:
        axes.set_yscale("log")
    axes.set_xlabel(figure.xlabel)
    axes.set_ylabel(figure.ylabel)
    axes.grid(True, which="both", alpha=0.3)
    axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8)
    _decorate(plt, fig, figure, 0.16)
    return fig


def _dist(plt, figure):
    """Horizontal boxes, one per configuration, with every repetition."""
    count = len(figure.groups)
    fig, axes = plt.subplots(figsize=(9.6, max(3.5, 1.2 + 0.28 * count)))
    labels = [label for label, _ in figure.groups]
    values = [vals for _, vals in figure.groups]
    axes.boxplot(values, vert=False, labels=labels, showfliers=False)
    for index, vals in enumerate(values, start=1):
        axes.plot(vals, [index] * len(vals), "k.", markersize=3, alpha=0.5)
    axes.invert_yaxis()
    if figure.logx:
        axes.set_xscale("log")
    axes.set_xlabel(figure.ylabel)
    axes.tick_params(axis="y", labelsize=7)
    axes.grid(True, axis="x", alpha=0.3)
    _decorate(plt, fig, figure, 0.6 / max(3.5, 1.2 + 0.28 * count) + 0.05)
    fig.subplots_adjust(left=0.3, right=0.97)
    return fig


def _ratio(plt, figure):
    """Bars of run-to-run ratios around the line at 1."""
    count = len(figure.bars)
    height = max(3.5, 1.2 + 0.25 * count)
    fig, axes = plt.subplots(figsize=(9.6, height))
    labels = [label for label, _ in figure.bars]
    axes.barh(range(count), [value for _, value in figure.bars])
    axes.axvline(1.0, color="black", linewidth=0.8)
    axes.set_yticks(range(count))
    axes.set_yticklabels(labels, fontsize=7)
    axes.invert_yaxis()
    axes.set_xlabel(figure.xlabel)
    _decorate(plt, fig, figure, 0.9 / height + 0.05)
    fig.subplots_adjust(left=0.35, right=0.97)
    return fig


DRAW = {"lines": _lines, "dist": _dist, "ratio": _ratio}


def render(figures, out_dir, rel_base):
    """Draw every figure; return (produced, notes)."""
    plt, reason = load()
    if plt is None:
        return [], ["matplotlib figures: %s; install it with: %s"
                    % (reason, INSTALL)]
    os.makedirs(out_dir, exist_ok=True)
    produced, notes = [], []
    for figure in figures:
        fig = DRAW[figure.kind](plt, figure)
        for ext in ("png", "svg"):
            target = os.path.join(out_dir, "%s.%s" % (figure.ident, ext))
            try:
                fig.savefig(target, dpi=110)
            except (OSError, ValueError) as err:
                notes.append("matplotlib %s: %s" % (target, err))
                continue
            produced.append((os.path.join(rel_base,
                                          os.path.basename(target)),
                             figure.title))
        plt.close(fig)
    return produced, notes
