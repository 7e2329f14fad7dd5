#!/usr/bin/env python3
"""Coverage-guided mutation fuzzer for scripts/report's loader.

Debian 12 has no atheris, so this is a small fuzzer of its own: a run
directory (results.json, samples.csv, meta.json) is mutated one file at a
time, loaded with load_run() and analysed with RunAnalysis(), exactly as
`scripts/report RUN` starts. Line-pair coverage of scripts/report_lib
(sys.settrace) decides which mutants join the working corpus.

An InputError (the one-line refusal, exit 2) is a pass; any other exception
is a finding, saved as a run directory under --findings with the traceback
in traceback.txt. Kept regression cases live in tests/fuzz-corpus/report/,
one run directory each, and are replayed with --replay (tests/fuzz.t).

Usage:
  report_fuzz.py --seconds S --seeds DIR --work DIR --findings DIR [--seed N]
  report_fuzz.py --replay DIR...
"""
import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "scripts"))

from report_lib import analysis  # noqa: E402
from report_lib.load import InputError, load_run  # noqa: E402

FILES = ("results.json", "samples.csv", "meta.json")
LIB = os.path.join(ROOT, "scripts", "report_lib")
TOKENS = [b"nan", b"inf", b"-inf", b"1e309", b"-1", b"0", b"", b"\"",
          b",", b"\n", b"\r", b"\x00", b"99999999999999999999", b"null",
          b"true", b"[]", b"{}", b"failed", b"-0", b"1e-320", b"\xff\xfe",
          b"=", b";", b"\"\"", b"0x10", b"  "]


def load(path):
    """What `scripts/report PATH` does before it renders anything."""
    run = load_run(path)
    analysis.RunAnalysis(run, 1, False)
    return run


class Coverage:
    """Pairs of consecutive lines executed in report_lib."""

    def __init__(self):
        self.seen = set()
        self.new = 0
        self.last = {}

    def tracer(self, frame, event, arg):
        if not frame.f_code.co_filename.startswith(LIB):
            return None
        key = id(frame)
        self.last[key] = None

        def local(frame, event, arg):
            if event == "line":
                arc = (frame.f_code.co_filename, self.last.get(key),
                       frame.f_lineno)
                if arc not in self.seen:
                    self.seen.add(arc)
                    self.new += 1
                self.last[key] = frame.f_lineno
            return local
        return local

    def run(self, func, *args):
        self.new = 0
        self.last = {}
        sys.settrace(self.tracer)
        try:
            return func(*args)
        finally:
            sys.settrace(None)


def read_case(path):
    return {name: open(os.path.join(path, name), "rb").read()
            for name in FILES if os.path.exists(os.path.join(path, name))}


def write_case(case, path):
    os.makedirs(path, exist_ok=True)
    for name in FILES:
        target = os.path.join(path, name)
        if name in case:
            with open(target, "wb") as handle:
                handle.write(case[name])
        elif os.path.exists(target):
            os.unlink(target)


def mutate(rng, data, other):
    """One random edit of data (bytes); other is a file to splice from."""
    n = len(data)
    pick = rng.randrange(9)
    if n == 0:
        return rng.choice(TOKENS) * rng.randint(1, 3)
    i, j = sorted((rng.randrange(n + 1), rng.randrange(n + 1)))
    if pick == 0:
        b = bytearray(data)
        b[min(i, n - 1)] ^= 1 << rng.randrange(8)
        return bytes(b)
    if pick == 1:
        return data[:i] + data[j:]
    if pick == 2:
        return data[:i] + rng.choice(TOKENS) + data[i:]
    if pick == 3:
        return data[:i] + data[i:j] + data[i:]
    if pick == 4:
        return data[:i]
    if pick == 5:
        nums = [m.span() for m in re.finditer(rb"-?[0-9][0-9.e+-]*", data)]
        if nums:
            a, b = rng.choice(nums)
            return data[:a] + rng.choice(TOKENS) + data[b:]
        return data
    if pick == 6:
        lines = data.split(b"\n")
        k = rng.randrange(len(lines))
        if rng.random() < 0.5:
            lines.insert(k, lines[rng.randrange(len(lines))])
        else:
            del lines[k]
        return b"\n".join(lines)
    if pick == 7 and other:
        a, b = sorted((rng.randrange(len(other) + 1),
                       rng.randrange(len(other) + 1)))
        return data[:i] + other[a:b] + data[j:]
    cells = [m.span() for m in re.finditer(rb"[^,\n]+", data)]
    if cells:
        a, b = rng.choice(cells)
        c, d = rng.choice(cells)
        return data[:a] + data[c:d] + data[b:]
    return data


def try_case(case, scratch, cov=None):
    """None when the loader behaved, else the traceback text."""
    write_case(case, scratch)
    try:
        if cov:
            cov.run(load, scratch)
        else:
            load(scratch)
    except InputError as err:
        line = err.line()
        if "\n" in line:
            return "InputError of more than one line: %r" % line
    except RecursionError:
        return traceback.format_exc()
    except Exception:  # noqa: BLE001 - every other exception is a finding
        return traceback.format_exc()
    return None


def base_case(work):
    """A small valid run: tests/report/gen.py's, cut to a few configs."""
    tmp = tempfile.mkdtemp()
    try:
        subprocess.run([sys.executable, os.path.join(ROOT, "tests", "report",
                                                      "gen.py"),
                        "pmu", tmp, "--reps", "2"], check=True,
                       stdout=subprocess.DEVNULL)
        case = read_case(tmp)
    finally:
        shutil.rmtree(tmp)
    lines = case["samples.csv"].split(b"\n")
    keep = lines[:25]
    names = {ln.split(b",")[0] for ln in keep[1:]}
    case["samples.csv"] = b"\n".join(keep) + b"\n"
    import json
    doc = json.loads(case["results.json"])
    doc["benchmarks"] = [b for b in doc["benchmarks"]
                         if b.get("run_name", b["name"]).encode() in names]
    case["results.json"] = json.dumps(doc, indent=1).encode()
    return case


def fuzz(args):
    rng = random.Random(args.seed)
    cov = Coverage()
    scratch = tempfile.mkdtemp()
    corpus = []
    try:
        seeds = [base_case(args.work)]
        for d in sorted(os.listdir(args.seeds)) if os.path.isdir(args.seeds) \
                else []:
            seeds.append(read_case(os.path.join(args.seeds, d)))
        for d in sorted(os.listdir(args.work)):
            seeds.append(read_case(os.path.join(args.work, d)))
        for case in seeds:
            if try_case(case, scratch, cov) is None:
                corpus.append(case)
        execs, findings, start = 0, 0, time.time()
        while time.time() - start < args.seconds:
            parent = rng.choice(corpus)
            case = dict(parent)
            for _ in range(rng.randint(1, 3)):
                name = rng.choice([f for f in FILES if f in case])
                other = rng.choice(corpus).get(rng.choice(FILES), b"")
                case[name] = mutate(rng, case[name], other)
            problem = try_case(case, scratch, cov)
            execs += 1
            if problem:
                findings += 1
                out = os.path.join(args.findings, "finding-%d" % findings)
                write_case(case, out)
                with open(os.path.join(out, "traceback.txt"), "w") as f:
                    f.write(problem)
            elif cov.new:
                corpus.append(case)
                write_case(case, os.path.join(args.work, "c%06d" %
                                              len(os.listdir(args.work))))
        print("fuzz: report loader: %d executions in %d s, coverage %d line "
              "pairs of report_lib, corpus %d, %d findings%s"
              % (execs, args.seconds, len(cov.seen), len(corpus), findings,
                 " (%s)" % args.findings if findings else ""))
        return 1 if findings else 0
    finally:
        shutil.rmtree(scratch)


def replay(paths):
    scratch = tempfile.mkdtemp()
    failed = 0
    try:
        cases = []
        for path in paths:
            if os.path.exists(os.path.join(path, "samples.csv")) or \
                    os.path.exists(os.path.join(path, "results.json")):
                cases.append(path)
            else:
                cases += [os.path.join(path, d)
                          for d in sorted(os.listdir(path))]
        for path in cases:
            problem = try_case(read_case(path), scratch)
            if problem:
                failed += 1
                print("not ok - report loader on %s:\n%s" % (path, problem))
        print("replayed %d inputs, %d failed" % (len(cases), failed))
        return 1 if failed else 0
    finally:
        shutil.rmtree(scratch)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--seeds", default="tests/fuzz-corpus/report")
    parser.add_argument("--work")
    parser.add_argument("--findings")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--replay", nargs="+")
    args = parser.parse_args()
    if args.replay:
        return replay(args.replay)
    os.makedirs(args.work, exist_ok=True)
    os.makedirs(args.findings, exist_ok=True)
    return fuzz(args)


if __name__ == "__main__":
    sys.exit(main())
