"""Modelled cycles in the report (docs/model.md), a self-contained plug-in:
cli.main calls add() once and appends what it returns.

For every run directory that carries a path run (RUN/paths, made by
`scripts/model record` or `make bench ARCH=arm64 MODEL=1`), the model of
scripts/model_lib is computed afresh from the run (nothing is stored) and
the report gets:
- a MODEL section: the cores and the scheduling model LLVM really uses for
  each, designs x cores cycles per traced call over untraced, the inputs
  (instructions counted under emulation, mispredicts of the predictor
  model), the comparison with the reference table, the penalty sources;
- model.csv (model-cycles-<core> per traced call, absolute);
- one figure, figures/model/model-cycles.{png,svg}: instructions and
  mispredicts beside the modelled cycles per design and core, each panel
  saying whether it is counted, modelled or both.
Without llvm-19, or with a path run that cannot be cut into calls, the
report gets one note line and is otherwise unchanged.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(
    __file__))))
# pylint: disable=wrong-import-position
from model_lib import compare, cores, llvm, model, pathrec  # noqa: E402
from model_lib import tables  # noqa: E402

FIG_DIR = os.path.join("figures", "model")
FIG_STEM = "model-cycles"
STYLES = {"list": ("#0072B2", "o", "-"), "dyntramp": ("#E69F00", "s", "--"),
          "callops": ("#009E73", "^", "-."), "direct": ("#CC79A7", "D", ":")}


def _section(title, lines):
    from .summary import Section
    return Section("model", title, lines)


def _path_dir(run_path):
    sub = os.path.join(run_path, "paths")
    return sub if os.path.exists(os.path.join(sub, pathrec.PATHS_FILE)) \
        else None


def _compute(run_path):
    """(Model, note): the arm64 model of the run, or None and why not."""
    path_dir = _path_dir(run_path)
    if path_dir is None:
        return None, None
    try:
        m = model.Model(path_dir, cores.arm64_cores(), run_path)
        if m.isa != "aarch64":
            return None, ("model: %s is an %s path run: the x86 model is "
                          "scripts/model x86" % (path_dir, m.isa))
        return m.compute(), None
    except llvm.ToolMissing as err:
        return None, "model: %s; modelled cycles left out" % err
    except (llvm.MCAError, pathrec.PathError, OSError, ValueError) as err:
        return None, "model: %s; modelled cycles left out" % err


def _text(m, label):
    lines = ["A MODEL, not a measurement: llvm-mca %s's scheduling models "
             "run on the exact executed path of one call (recorded by the "
             "ftb-emu plugin), plus the predictor model's mispredicts per "
             "call times each core's published penalty (docs/model.md). "
             "Instructions are counted; mispredicts and cycles are "
             "modelled." % (m.llvm_version.split()[-1]), ""]
    for block in (tables.cores_table(m), tables.cycles_table(m),
                  tables.inputs_table(m), compare.reference_text(m),
                  "Penalty sources:\n" + tables.sources(m)):
        if block:
            lines += block.splitlines() + [""]
    title = "MODEL: modelled cycles per traced call" + (
        " (%s)" % label if label else "")
    return _section(title, lines[:-1])


def _series(m, value):
    """{design: ([point labels], [values])} over the ftrace-ops rows."""
    out = {}
    for design, (rel, irr), row in tables.ftrace_rows(m):
        labels, values = out.setdefault(design, ([], []))
        labels.append("%d/%d" % (rel, irr))
        values.append(value(row))
    return out


def _panel(axes, series, title, log=True):
    """One small multiple: a line per design over the ftrace-ops points;
    symmetric-log y (counts span 1..3000) unless log is False."""
    labels, low = [], 0.0
    for design, (points, values) in series.items():
        colour, marker, dash = STYLES.get(design, ("#555555", "x", "-"))
        xs = list(range(len(points)))
        axes.plot(xs, [v if v is not None else float("nan") for v in values],
                  color=colour, marker=marker, linestyle=dash, markersize=3,
                  label=design)
        if len(points) > len(labels):
            labels = points
        low = min([low] + [v for v in values if v is not None])
    axes.set_xticks(range(len(labels)))
    axes.set_xticklabels(labels, rotation=60, fontsize=6)
    if log:
        axes.set_yscale("symlog", linthresh=1.0)
    if low > -0.5:
        axes.set_ylim(bottom=0)
    axes.tick_params(axis="y", labelsize=6)
    axes.set_title(title, fontsize=7)
    axes.grid(True, alpha=0.3)


def _figure(plt, m, run_path, out):
    """Draw the figure; [(relative path, title)] written."""
    title = ("MODEL, not measured: cycles per traced call over untraced, "
             "by design and core (ftrace-ops, body=empty)")
    fig, grid = plt.subplots(3, 3, figsize=(11, 9.5))
    panels = grid.flatten()

    def over(row, get):
        base = m.untraced(row)
        if base is None or get(row) is None or get(base) is None:
            return None
        return get(row) - get(base)

    _panel(panels[0], _series(m, lambda r: over(r, lambda x: x.insns)),
           "instructions: COUNTED (emulator, exact)")
    _panel(panels[1], _series(m, lambda r: over(r, lambda x: x.mispred)),
           "mispredicts: MODELLED (ftb-emu predictor)", log=False)
    models = m.models()
    for axes, core in zip(panels[2:], m.cores):
        _panel(axes, _series(m, lambda r, c=core.cpu: m.overhead(r, c)),
               "%s: MODELLED cycles\n(%s + %s x mispred)"
               % (core.cpu, models[core.cpu].split(" ")[0],
                  core.penalty))
    panels[0].legend(fontsize=7)
    fig.suptitle(title, fontsize=10)
    fig.text(0.01, 0.005, "run %s; llvm-mca %s; instructions counted under "
             "qemu, mispredicts and cycles modelled (docs/model.md)"
             % (run_path, m.llvm_version.split()[-1]), fontsize=6,
             family="monospace")
    fig.subplots_adjust(hspace=0.75, wspace=0.3, bottom=0.08, top=0.9)
    made = []
    folder = os.path.join(out, FIG_DIR)
    os.makedirs(folder, exist_ok=True)
    for ext in ("png", "svg"):
        target = os.path.join(folder, "%s.%s" % (FIG_STEM, ext))
        fig.savefig(target, dpi=110)
        made.append((os.path.join(FIG_DIR, os.path.basename(target)),
                     title))
    plt.close(fig)
    return made


def _clear(out):
    folder = os.path.join(out, FIG_DIR)
    if os.path.isdir(folder):
        for name in os.listdir(folder):
            if name.startswith(FIG_STEM + "."):
                os.remove(os.path.join(folder, name))


def add(analyses, out):
    """(sections, produced, notes) for the runs that carry a path run."""
    from . import mpl
    sections, produced, notes = [], [], []
    _clear(out)
    computed = []
    for item in analyses:
        run = item.run
        m, note = _compute(run.path)
        if note:
            notes.append(note)
        if m is not None:
            computed.append((run, m))
    several = len(computed) > 1
    for run, m in computed:
        sections.append(_text(m, run.label if several else ""))
        name = "model-%s.csv" % run.label if several else "model.csv"
        tables.write_csv(m, os.path.join(out, name))
    if computed:
        plt, reason = mpl.load()
        if plt is None:
            notes.append("model figure: %s; install it with: %s"
                         % (reason, mpl.INSTALL))
        else:
            run, m = computed[0]
            produced += _figure(plt, m, run.path, out)
    return sections, produced, notes
