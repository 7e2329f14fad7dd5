"""80-column text tables that paste into an email.

A table has key columns (always shown, left) and value columns; when the
value columns do not fit in the width they are split into several blocks,
each repeating the key columns, instead of wrapping lines.
"""
import math

WIDTH = 80


def num(value):
    """About four significant digits, no exponent for everyday values."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    size = abs(value)
    if size == 0:
        return "0"
    if size >= 1e7 or size < 1e-3:
        return "%.3g" % value
    if size >= 1000:
        return "%.0f" % value
    if size >= 100:
        return "%.1f" % value
    if size >= 10:
        return "%.2f" % value
    return "%.3f" % value


def ci(low, high):
    """`[lo, hi]` for a confidence interval."""
    return "[%s, %s]" % (num(low), num(high))


def ratio(value):
    """`1.00x` style ratio, `-` when undefined."""
    if value is None:
        return "-"
    return "%.2fx" % value if value < 100 else "%.0fx" % value


def _widths(headers, rows):
    """Column widths: the widest of header and cells."""
    widths = [len(h) for h in headers]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], len(cell))
    return widths


def _line(cells, widths, keys, left=()):
    """Key columns (and `left` ones) left-aligned, the rest right-aligned."""
    parts = []
    for i, (cell, width) in enumerate(zip(cells, widths)):
        flush = i < keys or i in left
        parts.append(cell.ljust(width) if flush else cell.rjust(width))
    return "  ".join(parts).rstrip()


def _blocks(widths, keys, width):
    """Split value column indices into blocks that fit the width."""
    base = sum(widths[:keys]) + 2 * max(keys - 1, 0)
    blocks, current, used = [], [], base
    for i in range(keys, len(widths)):
        need = widths[i] + 2
        if current and used + need > width:
            blocks.append(current)
            current, used = [], base
        current.append(i)
        used += need
    if current or not blocks:
        blocks.append(current)
    return blocks


def table(headers, rows, keys=1, width=WIDTH, left=()):
    """Lines of a table; value columns split in blocks to fit `width`.

    `left`: indices of value columns holding words (left-aligned).
    """
    rows = [[str(c) for c in row] for row in rows]
    widths = _widths(headers, rows)
    lines = []
    for number, block in enumerate(_blocks(widths, keys, width)):
        cols = list(range(keys)) + block
        if number:
            lines.append("")
        sub_widths = [widths[i] for i in cols]
        sub_left = [n for n, i in enumerate(cols) if i in left]
        lines.append(_line([headers[i] for i in cols], sub_widths, keys,
                           sub_left))
        lines.append(_line(["-" * w for w in sub_widths], sub_widths, keys))
        for row in rows:
            lines.append(_line([row[i] for i in cols], sub_widths, keys,
                               sub_left))
    return [clip(line, width) for line in lines]


def clip(line, width=WIDTH):
    """Never exceed the width, even for a pathological key column."""
    return line if len(line) <= width else line[:width - 1] + "~"


def wrap(text, width=WIDTH, indent=""):
    """Word-wrap a paragraph to the width."""
    import textwrap
    return textwrap.wrap(text, width=width, subsequent_indent=indent,
                         break_on_hyphens=False) or [""]


def heading(title):
    """A section title underlined, as plain text mail expects."""
    title = clip(title)
    return [title, "=" * len(title)]
