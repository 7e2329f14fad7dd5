"""The gnuplot renderer: PNG + SVG for line and ratio figures, and a `dumb`
terminal preview of the main figure for the text summary.

gnuplot is small and exists on every board, so these figures are the ones a
reviewer can always regenerate: the data file and the script are kept next
to the images. Distributions are left to matplotlib.
"""
import os
import shutil
import subprocess

INSTALL = "apt-get install gnuplot-nox"
SIZE = (960, 600)


def available():
    """The gnuplot executable, or None."""
    return shutil.which("gnuplot")


def _quote(text):
    """A gnuplot double-quoted string."""
    return '"%s"' % str(text).replace("\\", "\\\\").replace('"', '\\"')


def _png_terminal(gnuplot):
    """pngcairo when this gnuplot has it (anti-aliased), else png."""
    probe = subprocess.run([gnuplot, "-e", "set terminal pngcairo"],
                           capture_output=True, text=True)
    return "pngcairo" if probe.returncode == 0 and not probe.stderr else "png"


def _write_lines_data(fig, path):
    """One block per series: x median lo hi, blank lines between blocks."""
    with open(path, "w") as handle:
        for line in fig.series:
            handle.write("# %s\n" % line.label())
            for x, cell in line.points:
                handle.write("%r %r %r %r\n" % (x, cell.median, cell.lo,
                                                cell.hi))
            handle.write("\n\n")
        if fig.knees:
            handle.write("# knees\n")
            for line in fig.series:
                if line.knee is not None:
                    x, cell = line.points[line.knee]
                    handle.write("%r %r\n" % (x, cell.median))
            handle.write("\n\n")


def _lines_plot(fig, data, preview):
    """The plot command for a lines figure (bands omitted in the preview)."""
    parts = []
    for index, line in enumerate(fig.series):
        colour = "lc %d" % (line.colour % 8 + 1)
        if not preview:
            parts.append("%s index %d using 1:3:4 with filledcurves %s "
                         "fs transparent solid 0.15 noborder notitle"
                         % (_quote(data), index, colour))
        parts.append("%s index %d using 1:2 with linespoints %s dt %d "
                     "pt %d title %s"
                     % (_quote(data), index, colour, line.dash % 5 + 1,
                        (line.colour + 8 * line.dash) % 13 + 1,
                        _quote(line.label())))
    if fig.knees and any(s.knee is not None for s in fig.series):
        parts.append("%s index %d using 1:2 with points pt 6 ps 3 lc "
                     "rgb 'black' title 'knee'" % (_quote(data),
                                                   len(fig.series)))
    return "plot " + ", \\\n     ".join(parts)


def _ratio_plot(fig, data):
    """A horizontal-ish bar chart of ratios (boxes, labels on x)."""
    with open(data, "w") as handle:
        for index, (label, value) in enumerate(fig.bars):
            handle.write("%d %r %s\n" % (index, value, _quote(label)))
    return ("set style fill solid 0.5\nset boxwidth 0.8\n"
            "set yrange [0:*]\nset xtics rotate by 60 right font ',6' "
            "noenhanced\n"
            "set ylabel %s\n" % _quote(fig.xlabel) +
            "plot %s using 1:2:xtic(3) with boxes notitle, 1 with lines "
            "lc rgb 'black' notitle" % _quote(data))


def _script(fig, terminal, output, data, preview=False):
    """The whole gnuplot script for one figure and one terminal."""
    lines = ["set terminal %s" % terminal, "set output %s" % _quote(output),
             "set encoding utf8"]
    if not preview:
        count = len(fig.footer)
        lines += ["set title %s noenhanced" % _quote(fig.title),
                  "set key outside right top noenhanced",
                  "set bmargin %d" % (4 + count +
                                      (10 if fig.kind == "ratio" else 0)),
                  "set grid"]
        for number, text in enumerate(fig.footer):
            lines.append("set label %d %s at screen 0.01, screen %.3f "
                         "font ',8' noenhanced"
                         % (number + 1, _quote(text),
                            0.012 + 0.025 * (count - 1 - number)))
    else:
        lines += ["set key top left noenhanced"]
    if fig.kind == "lines":
        lines += ["set xlabel %s noenhanced" % _quote(fig.xlabel),
                  "set ylabel %s noenhanced" % _quote(fig.ylabel)]
        if fig.ylim and not preview:
            lines.append("set yrange [%r:%r]" % fig.ylim)
        if fig.logx:
            lines.append("set logscale x")
        elif fig.zero_log:
            lines.append("set nonlinear x via log10(x+1) inverse 10**x-1")
            xs = sorted({x for line in fig.series for x, _ in line.points})
            lines.append("set xtics (%s)" % ", ".join(str(x) for x in xs))
        if fig.logy:
            lines.append("set logscale y")
        lines.append(_lines_plot(fig, data, preview))
    else:
        lines.append(_ratio_plot(fig, data))
    lines.append("unset output")
    return "\n".join(lines) + "\n"


def _run(gnuplot, script_path):
    """Run one script; return an error text or None."""
    result = subprocess.run([gnuplot, script_path], capture_output=True,
                            text=True)
    if result.returncode != 0:
        return result.stderr.strip().splitlines()[-1:] or ["failed"]
    return None


def render(figures, out_dir, rel_base):
    """Draw every lines/ratio figure; return (produced, notes, preview).

    produced: [(relative path, title)]; notes: problems to report;
    preview: the main figure as text lines (dumb terminal), or [].
    """
    gnuplot = available()
    if gnuplot is None:
        return [], ["gnuplot figures: gnuplot is missing (%s)" % INSTALL], []
    os.makedirs(out_dir, exist_ok=True)
    png = "%s size %d,%d" % (_png_terminal(gnuplot), SIZE[0], SIZE[1])
    svg = "svg size %d,%d dynamic background rgb 'white'" % SIZE
    produced, notes, preview = [], [], []
    for fig in figures:
        if fig.kind not in ("lines", "ratio"):
            continue
        data = os.path.join(out_dir, fig.ident + ".dat")
        if fig.kind == "lines":
            _write_lines_data(fig, data)
        for ext, terminal in (("png", png), ("svg", svg)):
            target = os.path.join(out_dir, "%s.%s" % (fig.ident, ext))
            script = os.path.join(out_dir, "%s.%s.gp" % (fig.ident, ext))
            with open(script, "w") as handle:
                handle.write(_script(fig, terminal, target, data))
            error = _run(gnuplot, script)
            if error or not os.path.getsize(target):
                notes.append("gnuplot %s: %s" % (target, " ".join(error or
                                                                  ["empty"])))
                continue
            produced.append((os.path.join(rel_base, os.path.basename(target)),
                             fig.title))
        if fig.main and fig.kind == "lines":
            preview = _preview(gnuplot, fig, out_dir, data)
    return produced, notes, preview


def _preview(gnuplot, fig, out_dir, data):
    """The main figure on the dumb terminal, 79x24, as text lines."""
    target = os.path.join(out_dir, "main-preview.txt")
    script = os.path.join(out_dir, "main-preview.gp")
    with open(script, "w") as handle:
        handle.write(_script(fig, "dumb size 79,24 ascii", target, data,
                             preview=True))
    if _run(gnuplot, script) or not os.path.exists(target):
        return []
    with open(target) as handle:
        text = [line.rstrip() for line in handle.read().splitlines()]
    while text and not text[0]:
        text.pop(0)
    return [fig.title[:79]] + text
