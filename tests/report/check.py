#!/usr/bin/env python3
"""Golden checks of a report built from tests/report/gen.py data.

Prints `ok - name` / `not ok - name` lines (standard library only) and exits
non-zero when any check fails. The truth comes from gen.py itself, so the
checks need no stored expected numbers that could drift from the generator.

Usage: check.py CHECK REPORT_DIR [ARG...]
  medians OUT KIND [SCALE]   every median equals the truth, CI contains it
  fit OUT                    fitted (a, b, c) equal gen.VARIANT_ABC
  decisions OUT              known differ / no-difference decisions
  fewreps OUT N              every decision is "too few repetitions (n=N,N)"
  runs OUT RATIO             run2/run1 ratios all equal RATIO
  figures OUT                every linked figure exists, PNG/SVG valid
  width OUT                  summary.txt lines are at most 80 columns
"""
import csv
import os
import re
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen  # noqa: E402

FAILED = []


def report(name, good, detail=""):
    """One TAP-like line."""
    if good:
        print("ok - %s" % name)
    else:
        FAILED.append(name)
        print("not ok - %s%s" % (name, (": " + detail) if detail else ""))


def rows(out, name):
    """A CSV file of the report as dicts."""
    with open(os.path.join(out, name)) as handle:
        return list(csv.DictReader(handle))


def close(x, y, rel=1e-9):
    """Equal within a relative tolerance."""
    return abs(x - y) <= rel * max(1.0, abs(x), abs(y))


def truths(kind, scale):
    """{(scenario, variant, params;text, metric): true median}."""
    found = {}
    for scenario, variant, params, ins, mis in gen.configurations():
        key = (scenario, variant, ";".join("%s=%s" % kv for kv in params))
        for metric, value in gen.truth(kind, scenario, variant, params,
                                       ins, mis, scale).items():
            found[key + (metric,)] = value
    return found


def check_medians(out, kind, scale="1"):
    """Medians exact, CIs containing the truth."""
    truth = truths(kind, float(scale))
    cells = rows(out, "stats.csv")
    wrong, outside, unknown = [], [], []
    for row in cells:
        key = (row["scenario"], row["variant"], row["params"], row["metric"])
        if key not in truth:
            unknown.append(key)
            continue
        median = float(row["median"])
        if not close(median, truth[key], 1e-6):
            wrong.append((key, median, truth[key]))
        if not float(row["ci_low"]) <= truth[key] * (1 + 1e-9) or \
                not truth[key] <= float(row["ci_high"]) * (1 + 1e-9):
            outside.append(key)
    report("%s: %d cells, all known" % (kind, len(cells)),
           cells and not unknown, str(unknown[:3]))
    report("%s: every median equals the generated truth" % kind, not wrong,
           str(wrong[:3]))
    report("%s: every 95%% CI contains the true median" % kind, not outside,
           str(outside[:3]))
    flat = [r["name"] if "name" in r else (r["scenario"], r["variant"],
                                            r["params"], r["metric"])
            for r in cells if float(r["median"]) != 0 and
            not float(r["ci_high"]) > float(r["ci_low"])]
    report("%s: CIs of non-zero values have a width" % kind, not flat,
           str(flat[:3]))


def check_fit(out):
    """The fit recovers (a, b, c) for variants with enough points."""
    fits = {r["variant"]: r for r in rows(out, "fits.csv")}
    for variant in ("list", "dyntramp", "callops"):
        row = fits.get(variant)
        want = gen.VARIANT_ABC[variant]
        got = None
        if row and row["fixed_a"]:
            got = tuple(float(row[k]) for k in ("fixed_a", "per_insn_b",
                                                "penalty_c"))
        report("fit recovers a, b, c of %s %s" % (variant, want),
               got is not None and all(close(g, w, 1e-6)
                                       for g, w in zip(got, want)),
               "got %s" % (got,))
        report("fit R^2 of %s is 1" % variant,
               row is not None and row["r2"] and
               close(float(row["r2"]), 1.0, 1e-9), "")
    report("fit refuses a variant with too few points",
           fits.get("zzz", {}).get("reason", "").startswith("too few"), "")


def check_decisions(out):
    """Identical distributions: no difference; far apart: differ."""
    comps = rows(out, "comparisons.csv")

    def find(params, first, second):
        for row in comps:
            if row["scenario"] == "ftrace-ops" and row["params"] == params \
                    and {row["first"], row["second"]} == {first, second}:
                return row
        return {}
    same = find("relevant=2;irrelevant=0", "dyntramp", "callops")
    report("identical distributions: no evidence of a difference",
           same.get("decision") == "no evidence of a difference" and
           float(same.get("cliffs_delta", 1)) == 0.0, str(same))
    far = find("relevant=1;irrelevant=100", "list", "callops")
    report("clearly different distributions: differ, list higher",
           far.get("decision") == "differ: list higher" and
           float(far.get("p_holm") or 1) < 0.05 and
           abs(float(far.get("cliffs_delta", 0))) == 1.0, str(far))
    holm_ok = all(not r["p_holm"] or float(r["p_holm"]) >= float(r["p"])
                  for r in comps)
    report("Holm-adjusted p-values are never below the raw ones", holm_ok)


def check_fewreps(out, n):
    """With n repetitions no test is claimed."""
    comps = rows(out, "comparisons.csv")
    want = "too few repetitions (n=%s,%s)" % (n, n)
    report("n=%s: every decision says %r" % (n, want),
           comps and all(r["decision"] == want for r in comps),
           str({r["decision"] for r in comps}))
    with open(os.path.join(out, "summary.txt")) as handle:
        text = handle.read()
    report("n=%s: the summary says so" % n,
           "too few repetitions (n=%s)" % n in text)


def check_runs(out, ratio):
    """Every run2/run1 ratio in the side-by-side section equals RATIO."""
    with open(os.path.join(out, "summary.txt")) as handle:
        text = handle.read()
    start = text.find("runs side by side")
    section = text[start:text.find("\nfigures\n", start)]
    found = re.findall(r"\s(\d+\.\d\d)x", section)
    report("runs side by side section exists", start >= 0 and found,
           "no ratios")
    report("every run2/run1 ratio is %s" % ratio,
           found and all(r == "%.2f" % float(ratio) for r in found),
           str(sorted(set(found))[:5]))


def valid_png(path):
    """PNG signature bytes."""
    with open(path, "rb") as handle:
        return handle.read(8) == b"\x89PNG\r\n\x1a\n"


def valid_svg(path):
    """Parses as XML with an svg root element."""
    try:
        return ET.parse(path).getroot().tag.endswith("svg")
    except ET.ParseError:
        return False


def check_figures(out, want_mpl="1"):
    """Every figure linked from report.md exists and is valid."""
    with open(os.path.join(out, "report.md")) as handle:
        md = handle.read()
    with open(os.path.join(out, "report.html")) as handle:
        page = handle.read()
    links = sorted(set(re.findall(r"\]\((figures/[^)]+)\)", md)))
    report("report.md links figures", links, "none")
    bad = []
    for link in links:
        path = os.path.join(out, link)
        if not os.path.isfile(path) or os.path.getsize(path) == 0:
            bad.append(link + " missing/empty")
        elif link.endswith(".png") and not valid_png(path):
            bad.append(link + " bad PNG")
        elif link.endswith(".svg") and not valid_svg(path):
            bad.append(link + " bad SVG")
    report("every linked figure exists, non-empty, valid PNG/SVG", not bad,
           str(bad[:3]))
    report("report.html links every figure",
           all(link in page for link in links))
    files = ["summary.txt", "medians-all.txt", "stats.csv",
             "comparisons.csv", "fits.csv"]
    report("the pages link the table files, which exist",
           all("](%s)" % f in md and "href='%s'" % f in page and
               os.path.getsize(os.path.join(out, f)) > 0 for f in files))
    on_disk = []
    for sub in ("gnuplot", "mpl"):
        folder = os.path.join(out, "figures", sub)
        if os.path.isdir(folder):
            on_disk += ["figures/%s/%s" % (sub, f) for f in os.listdir(folder)
                        if f.endswith((".png", ".svg"))]
    report("every figure on disk is linked", set(on_disk) == set(links),
           str(set(on_disk) ^ set(links)))
    has_mpl = any("/mpl/" in link for link in links)
    report("matplotlib figures %s" % ("present" if want_mpl == "1"
                                      else "absent"),
           has_mpl == (want_mpl == "1"))
    report("gnuplot figures present", any("/gnuplot/" in link
                                          for link in links))


def check_width(out):
    """Email-ready: at most 80 columns."""
    with open(os.path.join(out, "summary.txt")) as handle:
        long_lines = [line for line in handle.read().splitlines()
                      if len(line) > 80]
    report("summary.txt is at most 80 columns", not long_lines,
           long_lines[0] if long_lines else "")


CHECKS = {"medians": check_medians, "fit": check_fit,
          "decisions": check_decisions, "fewreps": check_fewreps,
          "runs": check_runs, "figures": check_figures,
          "width": check_width}


if __name__ == "__main__":
    CHECKS[sys.argv[1]](*sys.argv[2:])
    sys.exit(1 if FAILED else 0)
