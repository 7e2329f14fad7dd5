"""Machine-readable copies of the report's numbers (tidy CSV).

stats.csv, comparisons.csv and fits.csv hold exactly what the text tables
show, at full precision, so other tools (and the golden tests) can check
them without parsing aligned text.
"""
import csv
import os

from . import analysis as an


def _write(path, header, rows):
    """One CSV file with a header."""
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def ordered_cells(item):
    """Cells in report order (scenario, point, variant, metric), not in
    the shuffled order the harness measured them."""
    for scenario in item.scenarios:
        for params in item.points[scenario]:
            for variant in item.variants_in(scenario):
                for metric in item.metrics:
                    cell = item.cell(scenario, variant, params, metric)
                    if cell is not None:
                        yield cell


def write(out_dir, analyses):
    """Write the three CSV files; return their paths."""
    stats_rows, comp_rows, fit_rows = [], [], []
    for item in analyses:
        label = item.run.label
        for cell in ordered_cells(item):
            ratio = an.ratio(item, cell)
            stats_rows.append([label, cell.scenario, cell.variant,
                               an.params_text(cell.params, ";"), cell.metric,
                               cell.n, repr(cell.median), repr(cell.lo),
                               repr(cell.hi), item.baselines[cell.scenario],
                               "" if ratio is None else repr(ratio)])
        for scenario in item.scenarios:
            for comp in an.comparisons(item, scenario, item.primary):
                comp_rows.append([label, scenario,
                                  an.params_text(comp.params, ";"),
                                  item.primary, comp.first, comp.second,
                                  comp.n1, comp.n2, repr(comp.u),
                                  repr(comp.p),
                                  "" if comp.p_holm is None
                                  else repr(comp.p_holm),
                                  repr(comp.delta), comp.decision])
        result, reason = an.fits(item)
        for vfit in result or []:
            fit = vfit.fit
            fit_rows.append([label, vfit.variant] +
                            ([fit.points, repr(fit.a), repr(fit.b),
                              repr(fit.c), repr(fit.r2), ""] if fit else
                             ["", "", "", "", "", vfit.reason]))
        if result is None:
            fit_rows.append([label, "", "", "", "", "", "", reason])
    return [
        _write(os.path.join(out_dir, "stats.csv"),
               ["run", "scenario", "variant", "params", "metric", "n",
                "median", "ci_low", "ci_high", "baseline",
                "ratio_to_baseline"],
               stats_rows),
        _write(os.path.join(out_dir, "comparisons.csv"),
               ["run", "scenario", "params", "metric", "first", "second",
                "n1", "n2", "u", "p", "p_holm", "cliffs_delta", "decision"],
               comp_rows),
        _write(os.path.join(out_dir, "fits.csv"),
               ["run", "variant", "points", "fixed_a", "per_insn_b",
                "penalty_c", "r2", "reason"], fit_rows),
    ]
