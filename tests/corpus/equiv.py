# SPDX-License-Identifier: GPL-2.0
"""The stamped corpus is GCC's corpus: functions drawn by seed are compiled
the slow way, from C with their layout's flags, and compared with the
functions the build stamped out of templates (bench/corpusgen/stamp.c):
text bytes (patch area included), relocations, the distance from the
function to its __patchable_function_entries record, and the alignment of
function and record (so of the CALL_OPS literal).

  equiv.py VARS_FILE WORKDIR SAMPLES SEED

VARS_FILE is `make corpus-vars` output. Prints TAP lines."""

import os
import random
import re
import shlex
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from elf import Elf, STT_FUNC  # noqa: E402


def read_vars(path):
    out = {}
    with open(path) as f:
        for line in f:
            k, _, v = line.rstrip("\n").partition("=")
            out[k] = v
    return out


def plan_value(plan, key):
    words = shlex.split(plan)
    return int(words[words.index(key) + 1])


def sample(n, t, chunk, count, seed):
    """count functions by seed, plus the edges: the leaf f0, the last
    template and the first reuse, chunk boundaries, the last function."""
    rng = random.Random(seed)
    picked = set(rng.sample(range(n), min(count, n)))
    picked |= {i for i in (0, 1, t - 1, t, chunk - 1, chunk, n - 1)
               if 0 <= i < n}
    return sorted(picked)


class Fn:
    def __init__(self, text, relocs, distance, residues):
        self.text, self.relocs = text, relocs
        self.distance, self.residues = distance, residues

    def diff(self, other):
        """The first difference, in words, or None."""
        if self.distance != other.distance:
            return (f"record at {other.distance:+d} from the function, "
                    f"GCC's at {self.distance:+d}")
        if self.residues != other.residues:
            return f"alignment {other.residues}, GCC's {self.residues}"
        if self.text != other.text:
            at = next(i for i, (a, b) in enumerate(zip(self.text, other.text))
                      if a != b) if len(self.text) == len(other.text) else -1
            return (f"text differs ({len(other.text)} bytes, GCC's "
                    f"{len(self.text)}; first at byte {at})")
        if self.relocs != other.relocs:
            return f"relocations {other.relocs} against GCC's {self.relocs}"
        return None


def functions(path, layout):
    """{index: Fn} for every ftb_<layout>_f<i> in the object at path."""
    elf = Elf(path)
    text = elf.section("ftb_text_" + layout)
    rec = elf.section("__patchable_function_entries")
    if text is None or rec is None:
        raise ValueError(f"{path}: no ftb_text_{layout} or record section")
    records = sorted(off for kind, sec, off in
                     (elf.target(r) for r in elf.relocs.get(rec.idx, []))
                     if kind == "sec" and sec == text.idx)
    name = re.compile(r"ftb_%s_f(\d+)$" % re.escape(layout))
    mods = [m for m in (4, 8, 16) if m <= max(text.addralign, 1)]
    out = {}
    for sym in elf.symbols:
        m = name.match(sym.name)
        if not m or sym.type != STT_FUNC or sym.shndx != text.idx:
            continue
        near = [r for r in records if -16 <= r - sym.value <= 4]
        if len(near) != 1:
            raise ValueError(f"{path}: {sym.name}: {len(near)} records")
        start, end = min(near[0], sym.value), sym.value + sym.size
        relocs = []
        for r in elf.relocs.get(text.idx, []):
            if start <= r.offset < end:
                kind, what, off = elf.target(r)
                if kind == "sec":
                    what = elf.sections[what].name
                    off -= sym.value if what == text.name else 0
                relocs.append((r.offset - sym.value, r.type, kind, what, off))
        out[int(m.group(1))] = Fn(
            elf.bytes(text, start, end), sorted(relocs),
            near[0] - sym.value,
            tuple(sym.value % k for k in mods) +
            tuple(near[0] % k for k in mods))
    return out


def compile_sample(v, layout, src, obj, extra=()):
    cmd = ([v["CC"]] + shlex.split(v["CORPUS_CFLAGS"]) +
           shlex.split(v["LAYOUT_CFLAGS_" + layout]) + list(extra) +
           [f"-DFTB_LAYOUT={layout}", "-c", src, "-o", obj])
    subprocess.run(cmd, check=True)


def compare(v, layout, idx, chunk, ref):
    """(compared, [differences]) of the stamped layout against ref."""
    stamped, bad = {}, []
    for k in sorted({i // chunk for i in idx}):
        path = os.path.join(v["CORPUS_B"], layout, f"chunk_{k:03d}.o")
        stamped.update(functions(path, layout))
    for i in idx:
        if i not in ref or i not in stamped:
            bad.append(f"f{i}: missing ({'GCC' if i not in ref else 'stamped'})")
            continue
        d = ref[i].diff(stamped[i])
        if d:
            bad.append(f"f{i}: {d}")
    return len(idx), bad


def main():
    vars_file, work, count, seed = sys.argv[1:5]
    v = read_vars(vars_file)
    plan = v["CORPUS_PLAN"]
    n, chunk = plan_value(plan, "--funcs"), plan_value(plan, "--chunk")
    t = min(plan_value(plan, "--templates"), n)
    idx = sample(n, t, chunk, int(count), int(seed))
    src = os.path.join(work, "sample.c")
    with open(src, "w") as f:
        subprocess.run([v["CORPUSGEN"], "c"] + shlex.split(plan) +
                       ["--only", ",".join(map(str, idx))], stdout=f,
                       check=True)
    arch = os.environ.get("FTB_ARCH", "?")
    failed = 0
    layouts = v["LAYOUTS"].split()
    for layout in layouts:
        obj = os.path.join(work, f"sample_{layout}.o")
        compile_sample(v, layout, src, obj)
        got, bad = compare(v, layout, idx, chunk, functions(obj, layout))
        if bad:
            failed += 1
            print(f"not ok - {arch} corpus {layout}: {len(bad)} of {got} "
                  f"functions differ from GCC's")
            for b in bad[:5]:
                print(f"#   {b}")
        else:
            print(f"ok - {arch} corpus {layout}: {got} functions (seed "
                  f"{seed}) byte-identical to GCC's, records and "
                  f"alignment included")
    # The comparison must be able to fail: the same C at -O1 differs.
    layout = layouts[0]
    obj = os.path.join(work, "sample_o1.o")
    compile_sample(v, layout, src, obj, extra=["-O1"])
    got, bad = compare(v, layout, idx, chunk, functions(obj, layout))
    if bad:
        print(f"ok - {arch} corpus check detects -O1 code ({len(bad)} of "
              f"{got} functions differ)")
    else:
        failed += 1
        print(f"not ok - {arch} corpus check cannot tell -O1 code from -O2")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
