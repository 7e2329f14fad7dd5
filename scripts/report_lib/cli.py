"""Command line: scripts/report RUN_DIR [RUN_DIR ...] [--out DIR]
[--baseline VARIANT] [--seed N] [--include-multiplexed] [--no-matplotlib]
[--all-counters] [--quiet]

Exit codes: 0 report written; 2 bad input or usage (one line on stderr).
"""
import argparse
import os
import sys

from . import analysis as an
from . import export, figures, gnuplot, modelled, mpl, pages, summary
from .load import InputError, label_runs, load_run


def parse_args(argv):
    """The options; argparse itself exits 2 on a usage error."""
    parser = argparse.ArgumentParser(
        prog="report", description="Summarise ftbench run directories: "
        "medians with CIs, rank tests, a mechanistic fit and figures.")
    parser.add_argument("runs", nargs="+", metavar="RUN_DIR")
    parser.add_argument("--out", metavar="DIR",
                        help="output directory (default RUN_DIR/report for "
                        "one run, ../compare-A+B next to the first run for "
                        "several)")
    parser.add_argument("--baseline", metavar="VARIANT",
                        help="variant ratios are taken to (default: none if "
                        "present, else the first variant in the data)")
    parser.add_argument("--seed", type=int, default=1,
                        help="bootstrap seed (default 1)")
    parser.add_argument("--include-multiplexed", action="store_true",
                        help="use samples whose counters were multiplexed")
    parser.add_argument("--no-matplotlib", action="store_true",
                        help="do not use matplotlib (text + gnuplot only)")
    parser.add_argument("--all-counters", action="store_true",
                        help="median tables of every counter in the summary "
                        "(default: all when at most 6, else time and the "
                        "cycles/instructions/mispredicts counters)")
    parser.add_argument("--quiet", action="store_true",
                        help="do not print the summary on stdout")
    return parser.parse_args(argv)


def default_out(paths):
    """RUN_DIR/report for one run; a compare-* directory beside several."""
    if len(paths) == 1:
        return os.path.join(paths[0], "report")
    names = [os.path.basename(os.path.normpath(p)) for p in paths]
    parent = os.path.dirname(os.path.normpath(paths[0])) or "."
    return os.path.join(parent, "compare-" + "+".join(names))


def fail(text):
    """One line on stderr, exit code 2."""
    print("report: " + text, file=sys.stderr)
    return 2


OWN_SUFFIXES = (".png", ".svg", ".dat", ".gp", "main-preview.txt")


def clear_old_figures(out):
    """Remove figure files a previous report left in DIR/figures, so the
    directory holds exactly what the pages link (only our own suffixes)."""
    for sub in ("gnuplot", "mpl"):
        folder = os.path.join(out, "figures", sub)
        if not os.path.isdir(folder):
            continue
        for name in os.listdir(folder):
            if name.endswith(OWN_SUFFIXES):
                os.remove(os.path.join(folder, name))


def render(plan, out):
    """Both renderers; returns (produced, notes, preview)."""
    clear_old_figures(out)
    produced, notes, preview = gnuplot.render(
        plan, os.path.join(out, "figures", "gnuplot"),
        os.path.join("figures", "gnuplot"))
    mpl_made, mpl_notes = mpl.render(plan, os.path.join(out, "figures",
                                                        "mpl"),
                                     os.path.join("figures", "mpl"))
    return produced + mpl_made, notes + mpl_notes, preview


def write_all_medians(out, analyses):
    """medians-all.txt: the median tables of every counter of every run."""
    several = len(analyses) > 1
    sections = []
    for item in analyses:
        sections += summary.medians(item, several)
    with open(os.path.join(out, "medians-all.txt"), "w") as handle:
        handle.write("\n\n".join(s.text() for s in sections) + "\n")


def main(argv):
    """Load, analyse, render, write; the exit code."""
    options = parse_args(argv)
    if options.no_matplotlib:
        os.environ[mpl.HIDE_ENV] = "1"
    try:
        runs = [load_run(path) for path in options.runs]
    except InputError as err:
        print(err.line(), file=sys.stderr)
        return 2
    out = options.out or default_out(options.runs)
    label_runs(runs)
    analyses = [an.RunAnalysis(run, options.seed,
                               options.include_multiplexed) for run in runs]
    error = an.check_baseline(analyses, options.baseline)
    if error:
        return fail(error)
    an.set_baselines(analyses, options.baseline)
    try:
        os.makedirs(out, exist_ok=True)
    except OSError as err:
        return fail("%s: cannot create (%s)" % (out, err.strerror))
    plan = figures.plan(analyses)
    produced, notes, preview = render(plan, out)
    model_sections, model_files, model_notes = modelled.add(analyses, out)
    produced, notes = produced + model_files, notes + model_notes
    sections = summary.build(analyses, options, notes) + model_sections
    sections.append(summary.figures_section(produced, [], preview))
    text = "\n\n".join(s.text() for s in sections) + "\n"
    with open(os.path.join(out, "summary.txt"), "w") as handle:
        handle.write(text)
    export.write(out, analyses)
    write_all_medians(out, analyses)
    pages.write(out, sections, produced, plan)
    if not options.quiet:
        sys.stdout.write(text)
    print("report: wrote %s (summary.txt, report.md, report.html, %d figure "
          "files)" % (out, len(produced)), file=sys.stderr)
    return 0
