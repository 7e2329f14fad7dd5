"""The matplotlib renderer: publication figures, PNG and SVG.

- panels: a grid of axes, each with its designs' medians as lines in the
  design's fixed colour and marker (designs.py), 95% CIs as bands (or bars
  on a categorical axis), reference points as open markers, cache and BTB
  marks as dashed verticals, knees circled; one legend for the figure;
- dist: every repetition as a box plot with the points overlaid (violins
  hide how few repetitions there often are);
- ratio: runs side by side as bars around 1.

Every figure carries its question as title, a line saying how to read it,
and the provenance footer. SVG keeps text as text (searchable, and what
the tests read) and names each drawn line's group `line:VARIANT`,
`band:VARIANT` or `ref:DESIGN`.

matplotlib is optional: when it cannot be imported (or FTB_REPORT_NO_MATPLOTLIB
is set, which the tests use to simulate its absence) the report says so and
how to install it, and the gnuplot figures still exist.
"""
import math
import os
import textwrap

FOOTER_CHARS = 150
INSTALL = "apt-get install python3-matplotlib"
HIDE_ENV = "FTB_REPORT_NO_MATPLOTLIB"
PANEL_W, PANEL_H = 4.5, 3.3       # inches per panel
LEGEND_W = 3.1                    # inches for the legend column
LEGEND_CHARS = 36
MARK_COLOUR = "#555555"


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
    plt.rcParams["svg.fonttype"] = "none"
    plt.rcParams["svg.hashsalt"] = "ftbench"   # reproducible SVG ids
    return plt, ""


def _wrap(text, width):
    """Lines of at most `width` characters."""
    return "\n".join(textwrap.wrap(text, width)) if text else ""


def _log1p_scale():
    """Forward and inverse of the log(1 + x) axis (0 keeps its place)."""
    import numpy as np

    def forward(x):
        return np.log10(1.0 + np.clip(x, -0.999, None))

    def inverse(y):
        return 10.0 ** y - 1.0
    return forward, inverse


def _set_scale(axis_setter, scale):
    """log, log1p or linear on one axis (a category axis is linear)."""
    if scale == "log":
        axis_setter("log")
    elif scale == "log1p":
        axis_setter("function", functions=_log1p_scale())
    else:
        axis_setter("linear")


def _ticks(axis, ticks):
    """Explicit ticks and labels, no minor ticks (nor their labels)."""
    from matplotlib.ticker import NullLocator
    if ticks is None:
        return
    axis.set_ticks([t for t, _ in ticks])
    axis.set_ticklabels([text for _, text in ticks])
    axis.set_minor_locator(NullLocator())


def _drawable(panel, line):
    """The points of a line that the axes can show (no y <= 0 on log)."""
    return [(x, v) for x, v in line.points
            if panel.yscale != "log" or v.median > 0]


def _draw_line(axes, panel, line, under):
    """One design's line with its band, or a reference's open markers;
    `under` lines are drawn after it: the earlier a line, the wider and
    lower, so designs that coincide (every design walks the list from 2
    relevant ops) stay visible."""
    style = line.style
    points = _drawable(panel, line)
    if not points:
        return None
    xs = [x for x, _ in points]
    ys = [v.median for _, v in points]
    if line.reference:
        drawn = axes.plot(xs, ys, linestyle="none", marker=style.marker,
                          markersize=7, markerfacecolor="white",
                          markeredgewidth=1.4, color=style.colour,
                          label=line.label, zorder=4)[0]
        drawn.set_gid("ref:" + style.design)
        return drawn
    if line.hollow is not None:
        return _draw_pairs(axes, panel, line, under)
    floor = panel.ylim[0] if panel.ylim else None
    lows = [v.lo if v.lo is not None else v.median for _, v in points]
    highs = [v.hi if v.hi is not None else v.median for _, v in points]
    if panel.yscale == "log" and floor is not None:
        lows = [max(lo, floor) for lo in lows]
    if line.connect and len(points) > 1:
        drawn = axes.plot(xs, ys, color=style.colour, marker=style.marker,
                          markersize=5 + 0.6 * under,
                          linestyle=style.mpl_dash(),
                          linewidth=1.4 + 0.4 * under, label=line.label,
                          zorder=3 + 0.01 * (10 - under))[0]
        band = axes.fill_between(xs, lows, highs, color=style.colour,
                                 alpha=0.18, linewidth=0, zorder=2)
        band.set_gid("band:" + line.key)
    else:
        errors = [[m - lo for m, lo in zip(ys, lows)],
                  [hi - m for m, hi in zip(ys, highs)]]
        errors = [[max(0.0, e) for e in side] for side in errors]
        container = axes.errorbar(xs, ys, yerr=errors, color=style.colour,
                                  marker=style.marker,
                                  markersize=6 + 0.6 * under,
                                  linestyle="none", capsize=3,
                                  label=line.label, zorder=3)
        drawn = container.lines[0]
        for bar in container.lines[2]:
            bar.set_gid("band:" + line.key)
    drawn.set_gid("line:" + line.key)
    if line.knee is not None:
        x, value = line.points[line.knee]
        if x in xs:
            axes.plot([x], [value.median], marker="o", markersize=15,
                      markerfacecolor="none", markeredgecolor="black",
                      linestyle="none", zorder=5)[0].set_gid("knee:" +
                                                             line.key)
    return drawn


def _draw_pairs(axes, panel, line, under):
    """A design's values side by side on a categorical axis: filled for
    the first value of the parameter, open for the others, joined by a
    thin line, each with its CI bar."""
    style = line.style
    keep = [i for i, (_, v) in enumerate(line.points)
            if panel.yscale != "log" or v.median > 0]
    if not keep:
        return None
    xs = [line.points[i][0] for i in keep]
    ys = [line.points[i][1].median for i in keep]
    if len(keep) > 1:
        axes.plot(xs, ys, color=style.colour, linewidth=0.9,
                  zorder=2)[0].set_gid("join:" + line.key)
    drawn = None
    for hollow in (False, True):
        chosen = [i for i in keep if line.hollow[i] == hollow]
        if not chosen:
            continue
        values = [line.points[i][1] for i in chosen]
        meds = [v.median for v in values]
        errors = [[max(0.0, v.median - (v.lo if v.lo is not None
                                        else v.median)) for v in values],
                  [max(0.0, (v.hi if v.hi is not None else v.median) -
                       v.median) for v in values]]
        container = axes.errorbar(
            [line.points[i][0] for i in chosen], meds, yerr=errors,
            color=style.colour, marker=style.marker,
            markersize=6 + 0.6 * under, linestyle="none", capsize=3,
            markerfacecolor="white" if hollow else style.colour,
            markeredgewidth=1.3, zorder=3,
            label=None if hollow else line.label)
        container.lines[0].set_gid(("open:" if hollow else "line:") +
                                   line.key)
        for bar in container.lines[2]:
            bar.set_gid("band:" + line.key)
        if not hollow:
            drawn = container.lines[0]
    return drawn


def _draw_panel(axes, panel):
    """Everything of one panel on its axes; the legend handles."""
    handles = []
    _set_scale(axes.set_xscale, "linear" if panel.xscale == "category"
               else panel.xscale)
    _set_scale(axes.set_yscale, panel.yscale)
    measured = [line for line in panel.lines if not line.reference]
    for line in panel.lines:
        under = len(measured) - 1 - measured.index(line) \
            if line in measured else 0
        drawn = _draw_line(axes, panel, line, min(under, 3))
        if drawn is not None:
            handles.append((line.label, drawn))
    if panel.xlim:
        axes.set_xlim(*panel.xlim)
    if panel.ylim:
        axes.set_ylim(*panel.ylim)
    _ticks(axes.xaxis, panel.xticks)
    _ticks(axes.yaxis, panel.yticks)
    if panel.xscale == "category":
        axes.tick_params(axis="x", labelsize=7.5)
        if max(len(c) for c in panel.categories) > 4:
            for label in axes.get_xticklabels():
                label.set_rotation(30)
                label.set_horizontalalignment("right")
    for index, (x, words) in enumerate(panel.marks):
        axes.axvline(x, color=MARK_COLOUR, linestyle="--",
                     linewidth=0.9).set_gid("mark:%d" % index)
        axes.annotate(words, (x, 1.0), xycoords=("data", "axes fraction"),
                      xytext=(-3, -4), textcoords="offset points",
                      rotation=90, fontsize=6.5, va="top", ha="right",
                      color=MARK_COLOUR)
    for index, note in enumerate(panel.notes):
        axes.text(0.98, 0.03 + 0.07 * index, note, transform=axes.transAxes,
                  fontsize=6.5, ha="right", va="bottom", color="#333333")
    axes.set_title(panel.title, fontsize=9)
    axes.set_xlabel(panel.xlabel, fontsize=8.5)
    axes.set_ylabel(panel.ylabel, fontsize=8.5)
    axes.tick_params(labelsize=7.5)
    axes.grid(True, which="major", alpha=0.3)
    return handles


def _footer_lines(figure, width):
    """How many lines the footer takes at this width."""
    chars = min(FOOTER_CHARS, int(width / 0.062))
    return sum(len(textwrap.wrap(line, chars)) for line in figure.footer)


def _decorate(fig, figure, width, height, top_in, bottom_in, right_in):
    """Title (the question), how to read it, and the provenance footer."""
    fig.suptitle(_wrap(figure.title, int(width * 11)), fontsize=12,
                 y=1.0 - 0.12 / height, va="top").set_gid("title")
    if figure.subtitle:
        fig.text(0.5, 1.0 - 0.58 / height, _wrap(figure.subtitle,
                                                  int(width * 15)),
                 fontsize=8, ha="center", va="top",
                 color="#333333").set_gid("subtitle")
    chars = min(FOOTER_CHARS, int(width / 0.062))
    lines = [part for line in figure.footer
             for part in textwrap.wrap(line, chars)]
    fig.text(0.01, 0.01, "\n".join(lines), fontsize=7, va="bottom",
             ha="left", family="monospace").set_gid("footer")
    fig.subplots_adjust(left=0.95 / width, right=1.0 - right_in / width,
                        top=1.0 - top_in / height,
                        bottom=bottom_in / height, wspace=0.38,
                        hspace=0.5)


def _panels(plt, figure):
    """A grid of panels with one legend for the whole figure."""
    count = len(figure.panels)
    ncols = max(1, min(figure.ncols, count))
    rows = int(math.ceil(count / float(ncols)))
    footer_in = 0.14 * _footer_lines(figure, ncols * PANEL_W + LEGEND_W +
                                     0.6) + 0.1
    top_in = 1.25 if figure.subtitle else 0.8
    longest = max([len(c) for p in figure.panels if p.categories
                   for c in p.categories] or [0])
    bottom_in = footer_in + 0.75 + (0.045 * longest if longest > 4 else 0)
    width = ncols * PANEL_W + LEGEND_W + 0.6
    height = rows * PANEL_H + top_in + bottom_in
    fig, grid = plt.subplots(rows, ncols, figsize=(width, height),
                             squeeze=False)
    handles = {}
    for index, panel in enumerate(figure.panels):
        for label, drawn in _draw_panel(grid[index // ncols][index % ncols],
                                        panel):
            handles.setdefault(label, drawn)
    for index in range(count, rows * ncols):
        grid[index // ncols][index % ncols].axis("off")
    if handles:
        legend = fig.legend(list(handles.values()),
                            [_wrap(label, LEGEND_CHARS) for label in handles],
                            loc="upper left", fontsize=8,
                            bbox_to_anchor=(1.0 - (LEGEND_W + 0.25) / width,
                                            1.0 - top_in / height),
                            frameon=False)
        legend.set_gid("legend")
    _decorate(fig, figure, width, height, top_in, bottom_in,
              LEGEND_W + 0.45)
    return fig


def _simple_layout(fig, figure, height, left):
    """Title and footer for the one-axes figures (dist, ratio)."""
    width = fig.get_size_inches()[0]
    footer_in = 0.14 * _footer_lines(figure, width) + 0.1
    _decorate(fig, figure, width, height, 0.8, footer_in + 0.6, 0.3)
    fig.subplots_adjust(left=left)


def _dist(plt, figure):
    """Horizontal boxes, one per configuration, with every repetition."""
    count = len(figure.groups)
    height = max(3.5, 2.0 + 0.28 * count)
    fig, axes = plt.subplots(figsize=(9.6, height))
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
    _simple_layout(fig, figure, height, 0.33)
    return fig


def _ratio(plt, figure):
    """Bars of run-to-run ratios around the line at 1."""
    count = len(figure.bars)
    height = max(3.5, 2.0 + 0.25 * count)
    fig, axes = plt.subplots(figsize=(9.6, height))
    labels = [label for label, _ in figure.bars]
    axes.barh(range(count), [value for _, value in figure.bars],
              color="#56B4E9")
    axes.axvline(1.0, color="black", linewidth=0.8)
    axes.set_yticks(range(count))
    axes.set_yticklabels(labels, fontsize=7)
    axes.invert_yaxis()
    axes.set_xlabel(figure.xlabel)
    _simple_layout(fig, figure, height, 0.38)
    return fig


DRAW = {"panels": _panels, "dist": _dist, "ratio": _ratio}


def draw(plt, figure):
    """The matplotlib Figure of one planned figure (not saved)."""
    return DRAW[figure.kind](plt, figure)


def render(figures, out_dir, rel_base):
    """Draw every figure; return (produced, notes)."""
    plt, reason = load()
    if plt is None:
        return [], ["matplotlib figures: %s; install it with: %s"
                    % (reason, INSTALL)]
    os.makedirs(out_dir, exist_ok=True)
    produced, notes = [], []
    for figure in figures:
        fig = draw(plt, figure)
        for ext in ("png", "svg"):
            target = os.path.join(out_dir, "%s.%s" % (figure.ident, ext))
            try:
                fig.savefig(target, dpi=110,
                            metadata={"Date": None} if ext == "svg"
                            else None)
            except (OSError, ValueError) as err:
                notes.append("matplotlib %s: %s" % (target, err))
                continue
            produced.append((os.path.join(rel_base,
                                          os.path.basename(target)),
                             figure.title))
        plt.close(fig)
    return produced, notes
