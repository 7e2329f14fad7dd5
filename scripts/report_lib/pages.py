"""report.md and report.html: every table and every figure, linked.

The pages are built from the same sections as summary.txt (tables stay
preformatted so columns line up) plus every image written, so nothing
appears on a page that is not also in the text or the figure directory.
"""
import html
import os


def _figure_groups(produced):
    """Pair up the PNG and SVG of each figure: [(title, png, [others])]."""
    groups = {}
    order = []
    for path, title in produced:
        stem = os.path.splitext(path)[0]
        if stem not in groups:
            groups[stem] = (title, [])
            order.append(stem)
        groups[stem][1].append(path)
    result = []
    for stem in order:
        title, paths = groups[stem]
        pngs = [p for p in paths if p.endswith(".png")]
        result.append((title, pngs[0] if pngs else None, paths))
    return result


DATA_FILES = ["summary.txt", "medians-all.txt", "stats.csv",
              "comparisons.csv", "fits.csv"]


def markdown(sections, produced):
    """The Markdown page."""
    lines = ["# ftbench report", "",
             "Tables as files: " + ", ".join("[%s](%s)" % (f, f)
                                            for f in DATA_FILES),
             "", "## Contents", ""]
    lines += ["- [%s](#%s)" % (s.title, s.anchor) for s in sections]
    if produced:
        lines.append("- [figure gallery](#figure-list)")
    for section in sections:
        lines += ["", '<a id="%s"></a>' % section.anchor, "",
                  "## %s" % section.title, "", "```"] + section.lines + ["```"]
    if produced:
        lines += ["", '<a id="figure-list"></a>', "", "## figure gallery",
                  ""]
        for title, png, paths in _figure_groups(produced):
            links = ", ".join("[%s](%s)" % (os.path.splitext(p)[1][1:], p)
                              for p in paths)
            lines += ["### %s" % title, "", links, ""]
            if png:
                lines += ["![%s](%s)" % (title, png), ""]
    return "\n".join(lines) + "\n"


def html_page(sections, produced):
    """The HTML page, self-contained except for the images it links."""
    esc = html.escape
    out = ["<!DOCTYPE html>", "<html><head><meta charset='utf-8'>",
           "<title>ftbench report</title>",
           "<style>body{font-family:sans-serif;max-width:70em;margin:auto}"
           "pre{background:#f6f6f6;padding:0.5em;overflow-x:auto}"
           "img{max-width:100%}</style></head><body>",
           "<h1>ftbench report</h1>",
           "<p>Tables as files: %s</p>" % ", ".join(
               "<a href='%s'>%s</a>" % (esc(f), esc(f)) for f in DATA_FILES),
           "<ul>"]
    out += ["<li><a href='#%s'>%s</a></li>" % (esc(s.anchor), esc(s.title))
            for s in sections]
    if produced:
        out.append("<li><a href='#figure-list'>figure gallery</a></li>")
    out.append("</ul>")
    for section in sections:
        out += ["<h2 id='%s'>%s</h2>" % (esc(section.anchor),
                                         esc(section.title)),
                "<pre>%s</pre>" % esc("\n".join(section.lines))]
    if produced:
        out.append("<h2 id='figure-list'>figure gallery</h2>")
        for title, png, paths in _figure_groups(produced):
            links = " ".join("<a href='%s'>%s</a>" % (esc(p), esc(
                os.path.splitext(p)[1][1:])) for p in paths)
            out.append("<h3>%s</h3><p>%s</p>" % (esc(title), links))
            if png:
                out.append("<img src='%s' alt='%s'>" % (esc(png),
                                                        esc(title)))
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def write(out_dir, sections, produced):
    """Write report.md and report.html; return their paths."""
    paths = []
    for name, text in (("report.md", markdown(sections, produced)),
                       ("report.html", html_page(sections, produced))):
        path = os.path.join(out_dir, name)
        with open(path, "w") as handle:
            handle.write(text)
        paths.append(path)
    return paths
