"""report.md and report.html: the summary, the figures and the tables.

Both pages are built from the same sections as summary.txt (tables stay
preformatted so columns line up) and the figures planned and written, so
nothing appears on a page that is not also in the text or the figure
directory. report.html is one self-contained page (its images are the
files beside it, no script, no external resource):

1. the overview, then the main figure;
2. per scenario, its figures (matplotlib's inline, gnuplot's linked) and
   its median tables;
3. the statistics sections (significance, fit, knees, runs side by side);
4. every figure file, linked.
"""
import html
import os

DATA_FILES = ["summary.txt", "medians-all.txt", "stats.csv",
              "comparisons.csv", "fits.csv"]
STYLE = ("body{font-family:sans-serif;max-width:78em;margin:auto;"
         "padding:0 1em;color:#111}"
         "pre{background:#f6f6f6;padding:0.5em;overflow-x:auto;"
         "font-size:0.85em}"
         "figure{margin:1.5em 0}figcaption{font-size:0.9em;color:#333}"
         "img{max-width:100%;height:auto;border:1px solid #ddd}"
         "nav ul{columns:2}")


def _figure_files(produced):
    """{figure ident: {'title', 'mpl': {ext: path}, 'gnuplot': {...}}}
    and the idents in the order written."""
    found, order = {}, []
    for path, title in produced:
        folder = os.path.basename(os.path.dirname(path))
        stem, ext = os.path.splitext(os.path.basename(path))
        if stem not in found:
            found[stem] = {"title": title, "mpl": {}, "gnuplot": {}}
            order.append(stem)
        found[stem].setdefault(folder, {})[ext[1:]] = path
    return found, order


def _inline(entry):
    """The PNG to show for a figure: matplotlib's, else gnuplot's."""
    return entry["mpl"].get("png") or entry["gnuplot"].get("png")


def _links(entry):
    """[(words, path)] of every file of a figure."""
    links = []
    for folder in ("mpl", "gnuplot"):
        for ext in ("png", "svg"):
            if ext in entry[folder]:
                links.append(("%s %s" % ("matplotlib" if folder == "mpl"
                                         else folder, ext.upper()),
                              entry[folder][ext]))
    return links


def _layout(sections, figures, produced):
    """The page's blocks in order: [(anchor, title, figure idents shown
    first, [sections], figure idents shown after the tables)]; the
    summary shows its text first, a scenario its question figures, then
    its tables, then its distributions."""
    files, order = _figure_files(produced)
    by_scenario = {}
    for fig in figures:
        if fig.ident in files:
            by_scenario.setdefault(fig.scenario, []).append(fig.ident)
    main = [f.ident for f in figures if f.main and f.ident in files]
    placed = set(main)
    later = {f.ident for f in figures if f.question == "distribution"}
    blocks = []
    overview = [s for s in sections if s.anchor == "overview"]
    blocks.append(("summary", "Summary", main, overview, []))
    scenarios = []
    for section in sections:
        if section.scenario and section.scenario not in scenarios:
            scenarios.append(section.scenario)
    for fig in figures:
        if fig.scenario and fig.scenario not in scenarios:
            scenarios.append(fig.scenario)
    for scenario in scenarios:
        idents = [i for i in by_scenario.get(scenario, [])
                  if i not in placed]
        placed.update(idents)
        blocks.append(("scenario-" + scenario, scenario,
                       [i for i in idents if i not in later],
                       [s for s in sections if s.scenario == scenario],
                       [i for i in idents if i in later]))
    rest = [s for s in sections if s.anchor != "overview" and
            not s.scenario and s.anchor != "figures"]
    blocks.append(("statistics", "Statistics", [], rest, []))
    leftover = [i for i in order if i not in placed]
    if leftover:
        blocks.append(("other-figures", "Other figures", leftover, [], []))
    return blocks, files, order


def _md_figure(entry):
    """One figure in Markdown: its question, its PNG, its files."""
    lines = ["", "### %s" % entry["title"], ""]
    if _inline(entry):
        lines += ["![%s](%s)" % (entry["title"], _inline(entry)), ""]
    return lines + [", ".join("[%s](%s)" % link for link in _links(entry))]


def markdown(sections, produced, figures=()):
    """The Markdown page."""
    blocks, files, order = _layout(sections, list(figures), produced)
    lines = ["# ftbench report", "",
             "Tables as files: " + ", ".join("[%s](%s)" % (f, f)
                                            for f in DATA_FILES),
             "", "## Contents", ""]
    lines += ["- [%s](#%s)" % (block[1], block[0]) for block in blocks]
    if produced:
        lines.append("- [figure files](#figure-list)")
    for anchor, title, before, texts, after in blocks:
        lines += ["", '<a id="%s"></a>' % anchor, "", "## %s" % title]
        tables = []
        for section in texts:
            tables += ["", "### %s" % section.title, "", "```"] + \
                section.body() + ["```"]
        shown = [line for ident in before for line in _md_figure(
            files[ident])]
        lines += tables + shown if anchor == "summary" else shown + tables
        lines += [line for ident in after for line in _md_figure(
            files[ident])]
    if produced:
        lines += ["", '<a id="figure-list"></a>', "", "## figure files", ""]
        for ident in order:
            entry = files[ident]
            lines.append("- %s: %s" % (entry["title"], ", ".join(
                "[%s](%s)" % link for link in _links(entry))))
    return "\n".join(lines) + "\n"


def _html_figure(ident, entry):
    """One figure: its PNG inline, its question as caption, its files."""
    esc = html.escape
    links = " ".join("<a href='%s'>%s</a>" % (esc(path), esc(words))
                     for words, path in _links(entry))
    image = "<img src='%s' alt='%s'>" % (esc(_inline(entry)),
                                         esc(entry["title"])) \
        if _inline(entry) else ""
    return "<figure id='fig-%s'>%s<figcaption>%s<br>%s</figcaption>" \
        "</figure>" % (esc(ident), image, esc(entry["title"]), links)


def html_page(sections, produced, figures=()):
    """The HTML page, self-contained except for the images it shows."""
    esc = html.escape
    blocks, files, order = _layout(sections, list(figures), produced)
    out = ["<!DOCTYPE html>", "<html lang='en'><head><meta charset='utf-8'>",
           "<meta name='viewport' content='width=device-width, "
           "initial-scale=1'>",
           "<title>ftbench report</title>",
           "<style>%s</style></head><body>" % STYLE,
           "<h1>ftbench report</h1>",
           "<p>Tables as files: %s</p>" % ", ".join(
               "<a href='%s'>%s</a>" % (esc(f), esc(f)) for f in DATA_FILES),
           "<nav><ul>"]
    out += ["<li><a href='#%s'>%s</a></li>" % (esc(block[0]), esc(block[1]))
            for block in blocks]
    if produced:
        out.append("<li><a href='#figure-list'>figure files</a></li>")
    out.append("</ul></nav>")
    for anchor, title, before, texts, after in blocks:
        out.append("<section id='%s'><h2>%s</h2>" % (esc(anchor),
                                                     esc(title)))
        tables = []
        for section in texts:
            tables += ["<h3 id='%s'>%s</h3>" % (esc(section.anchor),
                                                esc(section.title)),
                       "<pre>%s</pre>" % esc("\n".join(section.body()))]
        shown = [_html_figure(ident, files[ident]) for ident in before]
        out += tables + shown if anchor == "summary" else shown + tables
        out += [_html_figure(ident, files[ident]) for ident in after]
        out.append("</section>")
    if produced:
        out.append("<section id='figure-list'><h2>figure files</h2><ul>")
        for ident in order:
            entry = files[ident]
            out.append("<li>%s: %s</li>" % (esc(entry["title"]), " ".join(
                "<a href='%s'>%s</a>" % (esc(path), esc(words))
                for words, path in _links(entry))))
        out.append("</ul></section>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def write(out_dir, sections, produced, figures=()):
    """Write report.md and report.html; return their paths."""
    paths = []
    for name, text in (("report.md", markdown(sections, produced, figures)),
                       ("report.html", html_page(sections, produced,
                                                 figures))):
        path = os.path.join(out_dir, name)
        with open(path, "w") as handle:
            handle.write(text)
        paths.append(path)
    return paths
