"""The gnuplot renderer: PNG + SVG of the panel and ratio figures, and a
`dumb` terminal preview of the main figure for the text summary.

gnuplot is small and exists on every board, so these figures are the ones a
reviewer can always regenerate: the data file and the script are kept next
to the images. A panel figure is a multiplot whose panels are placed at
computed screen margins, with one key for the whole figure beside them;
each design is drawn in its fixed colour, dash and point type (designs.py),
the same as matplotlib's. Distributions are left to matplotlib.
"""
import math
import os
import shutil
import subprocess

INSTALL = "apt-get install gnuplot-nox"
PANEL = (450, 330)        # pixels per panel
LEGEND = 400              # pixels for the key column
TITLE = 44                # the title, above the line that says how to read
SUBTITLE_LINE = 15        # pixels per line of that line
RATIO_SIZE = (960, 600)
MARK_COLOUR = "#555555"
KEY_CHARS = 66
PREVIEW_ROWS = 30


def available():
    """The gnuplot executable, or None."""
    return shutil.which("gnuplot")


def _quote(text):
    """A gnuplot double-quoted string (newlines as \\n)."""
    return '"%s"' % str(text).replace("\\", "\\\\").replace(
        '"', '\\"').replace("\n", "\\n")


def _png_terminal(gnuplot):
    """pngcairo when this gnuplot has it (anti-aliased), else png."""
    probe = subprocess.run([gnuplot, "-e", "set terminal pngcairo"],
                           capture_output=True, text=True)
    return "pngcairo" if probe.returncode == 0 and not probe.stderr else "png"


def _drawable(panel, line):
    """Points the axes can show (no y <= 0 on a log axis)."""
    return [(x, v) for x, v in line.points
            if panel.yscale != "log" or v.median > 0]


def _write_data(fig, path):
    """One block per (panel, line): x median lo hi; then knee blocks.
    Returns {(panel index, line index): block index}, {panel: knee block}."""
    blocks, knees = {}, {}
    index = 0
    with open(path, "w") as handle:
        for p, panel in enumerate(fig.panels):
            floor = panel.ylim[0] if panel.ylim else None
            for n, line in enumerate(panel.lines):
                handle.write("# panel %d: %s\n" % (p + 1, line.label))
                for x, v in _drawable(panel, line):
                    lo = v.lo if v.lo is not None else v.median
                    hi = v.hi if v.hi is not None else v.median
                    if panel.yscale == "log" and floor is not None:
                        lo = max(lo, floor)
                    handle.write("%r %r %r %r\n" % (x, v.median, lo, hi))
                handle.write("\n\n")
                blocks[(p, n)] = index
                index += 1
                if line.hollow is not None:
                    for hollow in (False, True):
                        rows = [(x, v) for (x, v), h in zip(line.points,
                                                           line.hollow)
                                if h == hollow and (panel.yscale != "log"
                                                    or v.median > 0)]
                        if not rows:
                            continue
                        handle.write("# panel %d: %s, %s\n" % (
                            p + 1, line.label, "open" if hollow
                            else "filled"))
                        for x, v in rows:
                            handle.write("%r %r %r %r\n" % (
                                x, v.median, v.lo if v.lo is not None
                                else v.median, v.hi if v.hi is not None
                                else v.median))
                        handle.write("\n\n")
                        blocks[(p, n, hollow)] = index
                        index += 1
            marked = [line.points[line.knee] for line in panel.lines
                      if line.knee is not None]
            if marked:
                handle.write("# panel %d: knees\n" % (p + 1))
                for x, v in marked:
                    handle.write("%r %r\n" % (x, v.median))
                handle.write("\n\n")
                knees[p] = index
                index += 1
    return blocks, knees


def _line_style(line):
    """lc, dt and pt of a line in its design's fixed style."""
    style = line.style
    point = style.point_open if line.reference else style.point
    return "lc rgb '%s' dt %d pt %d" % (style.colour, style.gnuplot_dash(),
                                        point)


def _pair_parts(quoted, blocks, key, line, under, title):
    """A design's values side by side on a categorical axis: a thin line
    joining them, filled points for the first value, open for the rest."""
    style = line.style
    parts = []
    if len(line.points) > 1:
        parts.append("%s index %d using 1:2 with lines lc rgb '%s' lw 0.9 "
                     "notitle" % (quoted, blocks[key], style.colour))
    for hollow in (False, True):
        if key + (hollow,) not in blocks:
            continue
        parts.append("%s index %d using 1:2:3:4 with yerrorbars lc rgb '%s' "
                     "pt %d ps %.1f %s" % (
                         quoted, blocks[key + (hollow,)], style.colour,
                         style.point_open if hollow else style.point,
                         1.0 + 0.2 * under,
                         "notitle" if hollow else title))
    if key + (False,) not in blocks:    # the key entry all the same
        parts.append("NaN with points lc rgb '%s' pt %d %s"
                     % (style.colour, style.point, title))
    return parts


def _plot_parts(fig, p, panel, data, blocks, knees, preview, extra_keys):
    """The plot command's parts for one panel."""
    parts = []
    quoted = _quote(data)
    measured = [line for line in panel.lines if not line.reference]
    for n, line in enumerate(panel.lines):
        if not _drawable(panel, line):
            continue
        block = blocks[(p, n)]
        style = _line_style(line)
        title = "title %s" % _quote(_short(line) if preview else
                                    _key_text(line.label))
        # Earlier lines wider, so designs that coincide stay visible.
        under = min(3, len(measured) - 1 - measured.index(line)) \
            if line in measured else 0
        if line.hollow is not None:
            parts += _pair_parts(quoted, blocks, (p, n), line, under,
                                 title)
        elif line.reference:
            parts.append("%s index %d using 1:2 with points %s ps 1.6 lw "
                         "1.5 %s" % (quoted, block, style, title))
        elif line.connect and len(line.points) > 1:
            if not preview:
                parts.append("%s index %d using 1:3:4 with filledcurves lc "
                             "rgb '%s' fs transparent solid 0.18 noborder "
                             "notitle" % (quoted, block, line.style.colour))
            parts.append("%s index %d using 1:2 with linespoints %s lw %.1f "
                         "ps %.1f %s" % (quoted, block, style,
                                         1.4 + 0.4 * under,
                                         0.9 + 0.2 * under, title))
        else:
            parts.append("%s index %d using 1:2:3:4 with yerrorbars %s "
                         "ps %.1f %s" % (quoted, block, style,
                                         1.0 + 0.25 * under, title))
    if p in knees:
        parts.append("%s index %d using 1:2 with points pt 6 ps 3 lc rgb "
                     "'black' title 'knee'" % (quoted, knees[p]))
    for line in extra_keys:
        kind = "points" if line.reference else "linespoints"
        parts.append("NaN with %s %s title %s" % (
            kind, _line_style(line), _quote(_key_text(line.label))))
    return parts


def _short(line):
    """A key entry for the 79-column preview: the design, `ref` for the
    published points."""
    return ("ref " if line.reference else "") + line.style.label


def _key_text(label):
    """A key entry, cut to the key column's width (gnuplot spaces a key
    of several lines as if it had one)."""
    return label if len(label) <= KEY_CHARS else label[:KEY_CHARS - 3] + \
        "..."


def _axis(name, scale, ticks, limits):
    """Commands for one axis: scale, range and ticks."""
    lines = ["unset logscale %s" % name, "unset nonlinear %s" % name,
             "set %stics autofreq" % name, "set m%stics default" % name]
    if scale == "log":
        lines.append("set logscale %s 10" % name)
    elif scale == "log1p":
        lines.append("set nonlinear %s via log10(%s+1) inverse 10**%s-1"
                     % (name, name, name))
    if limits:
        lines.append("set %srange [%r:%r]" % (name, limits[0], limits[1]))
    if ticks is not None:
        lines.append("set %stics (%s)" % (name, ", ".join(
            "%s %r" % (_quote(text), value) for value, text in ticks)))
        lines.append("unset m%stics" % name)
    return lines


def _panel_commands(panel, preview):
    """Labels, scales and marks of one panel."""
    lines = ["unset label", "unset arrow",
             "set title %s font ',10'" % _quote(panel.title),
             "set xlabel %s font ',9'" % _quote(panel.xlabel),
             "set ylabel %s font ',9'" % _quote(panel.ylabel)]
    lines += _axis("x", "linear" if panel.xscale == "category"
                   else panel.xscale, panel.xticks, panel.xlim)
    lines += _axis("y", panel.yscale, panel.yticks, panel.ylim)
    if panel.xscale == "category" and \
            max(len(c) for c in panel.categories) > 4:
        lines.append("set xtics rotate by 30 right font ',8'")
    for number, (x, words) in enumerate(panel.marks):
        lines.append("set arrow %d from first %r, graph 0 to first %r, "
                     "graph 1 nohead dt 2 lc rgb '%s'"
                     % (number + 1, x, x, MARK_COLOUR))
        if not preview:
            lines.append("set label %d %s at first %r, graph 0.97 right "
                         "rotate by 90 font ',7' tc rgb '%s' offset -0.6,0"
                         % (number + 100, _quote(words), x, MARK_COLOUR))
    for number, note in enumerate([] if preview else panel.notes):
        lines.append("set label %d %s at graph 0.98, graph %.2f right "
                     "font ',7'" % (number + 200, _quote(note),
                                    0.05 + 0.07 * number))
    return lines


def _category_room(panel):
    """Pixels below a panel for its x tick labels, rotated when long."""
    if panel.xscale != "category":
        return 0
    longest = max(len(c) for c in panel.categories)
    return int(longest * 5.2 * 0.5) if longest > 4 else 0


def _layout(fig):
    """(columns, rows, width, height, footer, top) in pixels of a panel
    figure: the top holds the title and the wrapped line under it."""
    count = len(fig.panels)
    ncols = max(1, min(fig.ncols, count))
    rows = int(math.ceil(count / float(ncols)))
    width = ncols * PANEL[0] + LEGEND + 30
    footer = 16 * len(_footer(fig, width)) + 14
    top = TITLE + SUBTITLE_LINE * len(_wrapped(fig.subtitle, width)
                                      .splitlines()) + 14
    extra = max([_category_room(p) for p in fig.panels] or [0])
    height = rows * (PANEL[1] + extra) + top + footer
    return ncols, rows, width, height, footer, top


def _figure_labels(fig, width, height):
    """Title, the line under it and the footer, as screen labels."""
    lines = ["set label 1 %s at screen 0.5, screen %.4f center font ',13'"
             % (_quote(fig.title), 1.0 - 22.0 / height)]
    if fig.subtitle:
        lines.append("set label 2 %s at screen 0.5, screen %.4f center "
                     "font ',9'" % (_quote(_wrapped(fig.subtitle, width)),
                                    1.0 - (TITLE + 4.0) / height))
    footer = _footer(fig, width)
    for number, text in enumerate(footer):
        lines.append("set label %d %s at screen 0.01, screen %.4f font ',8'"
                     % (number + 3, _quote(text),
                        (8.0 + 16 * (len(footer) - 1 - number)) / height))
    return lines


def _footer(fig, width):
    """The provenance footer wrapped to the figure's width."""
    import textwrap
    chars = max(60, int(width / 5.6))
    return [part for line in fig.footer for part in textwrap.wrap(line,
                                                                  chars)]


def _wrapped(text, width):
    """Wrap the subtitle to the figure's width (about 7 px a char)."""
    import textwrap
    return "\n".join(textwrap.wrap(text or "", max(60, int(width / 7.2))))


def _panels_script(fig, terminal, output, data, blocks, knees):
    """The multiplot script of a panel figure."""
    ncols, rows, width, height, footer, top = _layout(fig)
    lines = ["set terminal %s size %d,%d" % (terminal, width, height),
             "set output %s" % _quote(output), "set encoding utf8",
             "set termoption noenhanced", "set grid", "set multiplot"]
    every = fig.lines()
    area = width - LEGEND - 20
    cell_w = area / float(ncols)
    cell_h = (height - top - footer) / float(rows)
    for p, panel in enumerate(fig.panels):
        row, col = divmod(p, ncols)
        x0 = col * cell_w
        y0 = height - top - (row + 1) * cell_h
        bottom = 58 + max(_category_room(q) for q in
                          fig.panels[row * ncols:(row + 1) * ncols])
        lines += ["set lmargin at screen %.4f" % ((x0 + 86) / width),
                  "set rmargin at screen %.4f" % ((x0 + cell_w - 14) / width),
                  "set bmargin at screen %.4f" % ((y0 + bottom) / height),
                  "set tmargin at screen %.4f" % ((y0 + cell_h - 36)
                                                  / height)]
        lines += _panel_commands(panel, False)
        extra = []
        if p == 0:
            lines += _figure_labels(fig, width, height)
            lines.append("set key at screen %.4f, screen %.4f left top "
                         "Left reverse samplen 2.5 spacing 1.15 font ',8' "
                         "width -4" % ((width - LEGEND) / width,
                                       1.0 - (top + 4.0) / height))
            shown = {line.label for line in panel.lines}
            extra = [line for line in every if line.label not in shown]
        else:
            lines.append("unset key")
        parts = _plot_parts(fig, p, panel, data, blocks, knees, False,
                            extra)
        lines.append("plot " + ", \\\n     ".join(parts) if parts else
                     "plot NaN notitle")
    lines += ["unset multiplot", "unset output"]
    return "\n".join(lines) + "\n"


def _preview_script(fig, output, data, blocks, knees):
    """The main figure's first panel on the dumb terminal (no bands)."""
    panel = fig.panels[0]
    lines = ["set terminal dumb size 79,%d ascii" % PREVIEW_ROWS,
             "set output %s" % _quote(output), "set termoption noenhanced",
             "set key outside below horizontal maxcols 3"]
    lines += _panel_commands(panel, True)
    lines += ["unset title", "set ylabel %s" % _quote(
        panel.ylabel.split("\n")[0])]
    parts = _plot_parts(fig, 0, panel, data, blocks, knees, True, [])
    lines.append("plot " + ", \\\n     ".join(parts))
    lines.append("unset output")
    return "\n".join(lines) + "\n"


def _ratio_script(fig, terminal, output, data):
    """A bar chart of ratios (boxes, labels on x)."""
    with open(data, "w") as handle:
        for index, (label, value) in enumerate(fig.bars):
            handle.write("%d %r %s\n" % (index, value, _quote(label)))
    count = len(fig.footer)
    lines = ["set terminal %s size %d,%d" % ((terminal,) + RATIO_SIZE),
             "set output %s" % _quote(output), "set encoding utf8",
             "set termoption noenhanced",
             "set title %s" % _quote(fig.title), "set grid",
             "set bmargin %d" % (14 + count)]
    for number, text in enumerate(fig.footer):
        lines.append("set label %d %s at screen 0.01, screen %.3f "
                     "font ',8'" % (number + 3, _quote(text),
                                    0.012 + 0.025 * (count - 1 - number)))
    lines += ["set style fill solid 0.5", "set boxwidth 0.8",
              "set yrange [0:*]", "set xtics rotate by 60 right font ',6'",
              "set ylabel %s" % _quote(fig.xlabel),
              "plot %s using 1:2:xtic(3) with boxes lc rgb '#56B4E9' "
              "notitle, 1 with lines lc rgb 'black' notitle"
              % _quote(data), "unset output"]
    return "\n".join(lines) + "\n"


def _run(gnuplot, script_path):
    """Run one script; return an error text or None."""
    result = subprocess.run([gnuplot, script_path], capture_output=True,
                            text=True)
    if result.returncode != 0:
        return result.stderr.strip().splitlines()[-1:] or ["failed"]
    return None


def render(figures, out_dir, rel_base):
    """Draw every panel/ratio figure; return (produced, notes, preview).

    produced: [(relative path, title)]; notes: problems to report;
    preview: the main figure as text lines (dumb terminal), or [].
    """
    gnuplot = available()
    if gnuplot is None:
        return [], ["gnuplot figures: gnuplot is missing (%s)" % INSTALL], []
    os.makedirs(out_dir, exist_ok=True)
    png = _png_terminal(gnuplot)
    svg = "svg dynamic background rgb 'white'"
    produced, notes, preview = [], [], []
    for fig in figures:
        if fig.kind not in ("panels", "ratio"):
            continue
        data = os.path.join(out_dir, fig.ident + ".dat")
        blocks, knees = ({}, {})
        if fig.kind == "panels":
            blocks, knees = _write_data(fig, data)
        for ext, terminal in (("png", png), ("svg", svg)):
            target = os.path.join(out_dir, "%s.%s" % (fig.ident, ext))
            script = os.path.join(out_dir, "%s.%s.gp" % (fig.ident, ext))
            if fig.kind == "panels":
                text = _panels_script(fig, terminal, target, data, blocks,
                                      knees)
            else:
                text = _ratio_script(fig, terminal, target, data)
            with open(script, "w") as handle:
                handle.write(text)
            error = _run(gnuplot, script)
            if error or not os.path.getsize(target):
                notes.append("gnuplot %s: %s" % (target, " ".join(error or
                                                                  ["empty"])))
                continue
            produced.append((os.path.join(rel_base, os.path.basename(target)),
                             fig.title))
        if fig.main and fig.kind == "panels":
            preview = _preview(gnuplot, fig, out_dir, data, blocks, knees)
    return produced, notes, preview


def _preview(gnuplot, fig, out_dir, data, blocks, knees):
    """The main figure's first panel on the dumb terminal, 79x24."""
    target = os.path.join(out_dir, "main-preview.txt")
    script = os.path.join(out_dir, "main-preview.gp")
    with open(script, "w") as handle:
        handle.write(_preview_script(fig, target, data, blocks, knees))
    if _run(gnuplot, script) or not os.path.exists(target):
        return []
    with open(target) as handle:
        text = [line.rstrip() for line in handle.read().splitlines()]
    while text and not text[0]:
        text.pop(0)
    import textwrap
    panel = fig.panels[0]
    return textwrap.wrap(fig.title, 79) + textwrap.wrap(
        "%s; y: %s" % (panel.title, panel.ylabel.replace("\n", " ")),
        79) + text
