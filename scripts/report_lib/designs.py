"""Designs as a reader knows them, and the one style each is drawn in.

The harness names variants (`list`, `dyntramp`, `callops`, `direct`,
`kernel`, `none`, and flavours such as `dyntramp-bti`); a reader of a
figure knows designs: the list walk, per-ops trampolines, CALL_OPS, a
direct call, and the running kernel's own measurement. This module is the
one place that maps a variant to its design's name, colour and marker, so
every figure of both renderers draws a design alike.

- Colours are the Okabe-Ito palette (Okabe and Ito, "Color Universal
  Design", 2008), safe for the common colour-vision deficiencies; the
  untraced call is neutral grey. Markers differ too, so a figure printed
  in grey still tells the designs apart.
- Markers pair a matplotlib marker with the gnuplot point type of the same
  shape (filled for measured lines, open for reference points).
- A flavour (`dyntramp-bti`, `callops-far`, `none-literal`) keeps its
  design's colour and marker and differs by dash pattern.
- A variant of no known design gets the next spare colour and marker in
  the order the run names it (`style_for` is deterministic per run).
"""

UNTRACED = "none"
KERNEL = "kernel"


class Design:
    """A design's reader name and its fixed style."""

    def __init__(self, key, name, colour, marker, point, point_open):
        self.key = key
        self.name = name
        self.colour = colour        # '#rrggbb'
        self.marker = marker        # matplotlib marker
        self.point = point          # gnuplot point type, filled
        self.point_open = point_open  # gnuplot point type, open


DESIGNS = {d.key: d for d in (
    Design("list", "list walk", "#D55E00", "o", 7, 6),
    Design("dyntramp", "per-ops trampoline", "#0072B2", "s", 5, 4),
    Design("callops", "CALL_OPS", "#009E73", "^", 9, 8),
    Design("direct", "direct call", "#CC79A7", "D", 13, 12),
    Design(KERNEL, "kernel (running)", "#000000", "v", 11, 10),
    Design(UNTRACED, "untraced", "#7F7F7F", "x", 2, 2),
)}

# For variants of no known design, in order of first appearance.
SPARE = [("#E69F00", "P", 1, 1), ("#56B4E9", "X", 2, 2),
         ("#F0E442", "*", 3, 3), ("#882255", "h", 15, 14),
         ("#44AA99", "p", 5, 4), ("#999933", "8", 7, 6)]

# Flavour suffix -> (words, dash index); dash 0 is the design itself.
FLAVOURS = {
    "bti": ("BTI", 1),
    "far": ("beyond BL reach", 2),
    "literal": ("literal layout", 3),
}
OTHER_FLAVOUR_DASH = 4
MPL_DASHES = ["-", "--", ":", "-.", (0, (3, 1, 1, 1, 1, 1))]
GNUPLOT_DASHES = [1, 2, 3, 4, 5]


class Style:
    """How one variant is drawn: its design's colour and marker, its
    flavour's dash, and the words of its legend entry."""

    def __init__(self, design, flavour, label, colour, marker, point,
                 point_open, dash):
        self.design = design
        self.flavour = flavour
        self.label = label
        self.colour = colour
        self.marker = marker
        self.point = point
        self.point_open = point_open
        self.dash = dash

    def mpl_dash(self):
        """The matplotlib linestyle."""
        return MPL_DASHES[self.dash % len(MPL_DASHES)]

    def gnuplot_dash(self):
        """The gnuplot dash type."""
        return GNUPLOT_DASHES[self.dash % len(GNUPLOT_DASHES)]


def split_variant(variant):
    """(design key, flavour suffix or '') of a variant name."""
    if variant in DESIGNS:
        return variant, ""
    base, _, flavour = variant.partition("-")
    if base in DESIGNS and flavour:
        return base, flavour
    return variant, ""


def is_untraced(variant):
    """The untraced baselines (`none`, `none-literal`)."""
    return split_variant(variant)[0] == UNTRACED


def kernel_words(meta):
    """`6.12.117, CALL_OPS` from meta.json: the release and the design of
    the running kernel the `kernel` rows measured (docs/report.md names
    the fields), or '' when the run does not say."""
    info = meta.get("kernel_ftrace") if isinstance(
        meta.get("kernel_ftrace"), dict) else {}
    release = info.get("release") or meta.get("kernel_release")
    design = info.get("design") or meta.get("kernel_design")
    return ", ".join(str(x) for x in (release, design) if x)


class Palette:
    """The styles of one report: fixed for known designs, spare colours
    handed out in order for the others (the same order in every figure,
    since the report builds one palette from every run's variants)."""

    def __init__(self, variants, meta=None):
        self.meta = meta or {}
        self.spare = {}
        for variant in variants:
            design, _ = split_variant(variant)
            if design not in DESIGNS and design not in self.spare:
                self.spare[design] = SPARE[len(self.spare) % len(SPARE)]

    def style(self, variant, meta=None):
        """The Style of a variant (meta: the run's, for the kernel's
        release and design in its label)."""
        design, flavour = split_variant(variant)
        if design in DESIGNS:
            known = DESIGNS[design]
            name = known.name
            colour, marker = known.colour, known.marker
            point, point_open = known.point, known.point_open
        else:
            name = design
            colour, marker, point, point_open = self.spare.get(
                design, SPARE[0])
        if flavour:
            words, dash = FLAVOURS.get(flavour, (flavour,
                                                 OTHER_FLAVOUR_DASH))
            label = "%s, %s" % (name, words)
        else:
            dash, label = 0, name
        if design == KERNEL:
            detail = kernel_words(meta if meta is not None else self.meta)
            if detail:
                label = "%s: %s" % (label, detail)
        return Style(design, flavour, label, colour, marker, point,
                     point_open, dash)
