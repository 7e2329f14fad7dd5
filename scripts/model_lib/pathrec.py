"""Path runs: an ftbench run under the emulated PMU with the plugin's path
recorder on (scripts/record-paths), and the one traced call cut out of it.

A path run directory is an ordinary run directory (docs/results-format.md)
plus `paths.txt`, the plugin's path= file (docs/emu.md, "Recording the
path"). The run is made with --no-isolate and one repetition, so the
records follow the rows of samples.csv in order: one empty record per
backend open (the probe), then, for each sample, window A (M calls) and
window B (2M calls).

One call. A = P + X^M + S and B = P' + X^2M + S' for the loop's prefix and
suffix and X the instructions of one iteration of the measured loop. The
harness's parts may differ between the windows (on x86-64 GCC inlines the
window twice and window B's copy runs one instruction more, so |B| - |A| =
M L + 1 there); so L is the period, near (|B| - |A|) / M, for which the
longest stretch where B[j] == B[j + L] covers 2M copies, and A must hold M
copies of the same X; the difference from M L is kept as `delta`. |B| -
|A| must agree with the row's emu-insns (the plugin's own count). The
stretch starts at the loop head, so X starts there and ends with the
loop's back branch; the phase does not matter to a steady-state model.
Any mismatch is a PathError naming the configuration: a path that is not
one call repeated is not modelled.
"""
import csv
import os

PATHS_FILE = "paths.txt"


class PathError(Exception):
    """A path run that cannot be read or cut; printable as one line."""


class Record:
    """One region: header fields and [(pc, encoding hex)]."""

    def __init__(self, head, insns):
        self.head = head
        self.insns = insns


class Call:
    """The path of one traced call of one configuration."""

    def __init__(self, row, insns, isa):
        self.name = row["name"]
        self.scenario = row["scenario"]
        self.variant = row["variant"]
        self.params = row["params"]
        self.insns = insns          # [(pc, encoding hex)], loop head first
        self.isa = isa
        self.delta = 0              # harness instructions B has beyond A
        self.row = row

    def key(self):
        """(scenario, variant, params): the configuration."""
        return (self.scenario, self.variant, self.params)


def read_records(path):
    """Every record of a path= file, in order."""
    out, cur = [], None
    try:
        handle = open(path)
    except OSError as err:
        raise PathError("%s: %s" % (path, err.strerror))
    with handle:
        for number, line in enumerate(handle, 1):
            words = line.split()
            if words and words[0] == "path" and cur is None:
                try:
                    head = dict(w.split("=", 1) for w in words[1:])
                except ValueError:
                    raise PathError("%s: line %d: malformed header"
                                    % (path, number))
                cur = Record(head, [])
            elif words == ["end"] and cur is not None:
                if int(cur.head.get("insns", -1)) != len(cur.insns):
                    raise PathError("%s: line %d: record of %s lines, header "
                                    "says insns=%s" % (path, number,
                                                       len(cur.insns),
                                                       cur.head.get("insns")))
                out.append(cur)
                cur = None
            elif cur is not None and len(words) == 2:
                cur.insns.append((int(words[0], 16), words[1]))
            else:
                raise PathError("%s: line %d: malformed" % (path, number))
    if cur is not None:
        raise PathError("%s: last record has no end line (cut run?)" % path)
    return out


def read_rows(run_dir):
    """The sample rows of samples.csv, failed rows left out."""
    path = os.path.join(run_dir, "samples.csv")
    try:
        with open(path, newline="") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as err:
        raise PathError("%s: %s" % (path, err.strerror))
    return [r for r in rows if r.get("backend") != "failed"]


def period_start(insns, length):
    """(start, copies) of the longest stretch of insns with period length."""
    best_run = best_start = run = start = 0
    for j in range(len(insns) - length):
        if insns[j] == insns[j + length]:
            if run == 0:
                start = j
            run += 1
            if run > best_run:
                best_run, best_start = run, start
        else:
            run = 0
    return best_start, best_run // length + 1 if best_run else 1


def one_call(row, a, b):
    """(X, delta) from windows a (M calls) and b (2M calls) of row, or
    PathError. delta = |b| - |a| - M * |X|: the instructions by which the
    harness's own part of window B exceeds window A's (0 when the two
    windows run the same harness code)."""
    name = row["name"]
    calls = int(row["calls"])
    if a.head.get("truncated") != "0" or b.head.get("truncated") != "0":
        raise PathError("%s: path truncated (raise path-max)" % name)
    grown = len(b.insns) - len(a.insns)
    if calls < 1 or grown <= 0:
        raise PathError("%s: windows of %d and %d instructions are not M "
                        "and 2M calls (M=%d)" % (name, len(a.insns),
                                                 len(b.insns), calls))
    guess = grown // calls
    for length in sorted(range(max(1, guess - 2), guess + 3),
                         key=lambda n: abs(n * calls - grown)):
        start, copies = period_start(b.insns, length)
        if copies >= 2 * calls:
            break
    else:
        raise PathError("%s: window B does not hold %d identical calls of "
                        "about %d instructions" % (name, 2 * calls, guess))
    call = b.insns[start:start + length]
    start_a, copies_a = period_start(a.insns, length)
    if copies_a < calls or a.insns[start_a:start_a + length] != call:
        raise PathError("%s: window A does not repeat window B's call"
                        % name)
    if abs(float(row["emu-insns"]) * calls - grown) > 0.5:
        raise PathError("%s: the windows differ by %d instructions, "
                        "samples.csv says %s per call over %d calls"
                        % (name, grown, row["emu-insns"], calls))
    return call, grown - calls * length


def read_path_run(run_dir):
    """[Call] of a path run directory, in samples.csv order."""
    records = read_records(os.path.join(run_dir, PATHS_FILE))
    rows = read_rows(run_dir)
    windows = [r for r in records if r.head.get("insns") != "0"]
    if not rows:
        raise PathError("%s: no samples" % run_dir)
    if len(windows) != 2 * len(rows):
        raise PathError("%s: %d non-empty records for %d samples (want two "
                        "per sample: a run with --reps 1 --no-isolate and "
                        "one pass)" % (run_dir, len(windows), len(rows)))
    tids = {w.head.get("tid") for w in windows}
    if len(tids) != 1:
        raise PathError("%s: records of %d threads (want --no-isolate)"
                        % (run_dir, len(tids)))
    isa = windows[0].head.get("isa", "aarch64")
    calls = []
    for i, row in enumerate(rows):
        insns, delta = one_call(row, windows[2 * i], windows[2 * i + 1])
        calls.append(Call(row, insns, isa))
        calls[-1].delta = delta
    return calls
