"""Published results a figure is drawn against (not measurements of ours).

The one reference so far is the table of the arm64 CALL_OPS cover letter
(Mark Rutland, "arm64: ftrace: Add DYNAMIC_FTRACE_WITH_CALL_OPS", 9
January 2023; quoted in the project's DESIGN.md section 2): the kernel's
samples/ftrace/ftrace-ops.c on an Apple M1 under an HVF QEMU VM, overhead
in ns per call over the untraced 0.95 ns, for the list walk and CALL_OPS.
Its points are drawn with their unit and machine named, never rescaled
into another unit.
"""


class Reference:
    """A published table: values[design][(relevant, irrelevant)]."""

    def __init__(self, source, machine, unit, untraced, values):
        self.source = source
        self.machine = machine
        self.unit = unit
        self.untraced = untraced
        self.values = values

    def label(self, design_name):
        """Legend words: design, source, machine and unit."""
        return "%s: %s, %s (%s)" % (design_name, self.source, self.machine,
                                    self.unit)

    def designs(self):
        """The design keys the table has, in table order."""
        return list(self.values)


CALL_OPS_COVER_LETTER = Reference(
    source="CALL_OPS cover letter",
    machine="Apple M1 under HVF QEMU",
    unit="ns",
    untraced=0.95,
    values={
        "list": {(1, 0): 13.37, (1, 1): 63.73, (1, 2): 74.15,
                 (1, 10): 236.92, (1, 100): 1063.38, (2, 0): 63.62,
                 (10, 0): 226.22, (100, 0): 1031.99},
        "callops": {(1, 0): 1.86, (1, 1): 1.86, (1, 2): 1.87,
                    (1, 10): 1.86, (1, 100): 1.87, (2, 0): 64.08,
                    (10, 0): 185.87, (100, 0): 1034.56},
    })

FTRACE_OPS = CALL_OPS_COVER_LETTER
