#!/usr/bin/python3
"""Unit checks of scripts/model_lib (tests/model.t): exact answers on fixed
inputs. Without llvm-19 the checks that run it print one SKIP line each.
Prints TAP-like lines; exit 1 on any failure."""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "scripts"))
from model_lib import compare, cores, llvm, model, pathrec  # noqa: E402

FAILED = []


def check(ok, name):
    print("%sok - %s" % ("" if ok else "not ", name))
    if not ok:
        FAILED.append(name)


def raises(kind, fn, *args):
    try:
        fn(*args)
    except kind as err:
        return str(err)
    return None


def rec(insns, truncated="0"):
    return pathrec.Record({"insns": str(len(insns)), "truncated": truncated},
                          insns)


P = [(0x100, "a0"), (0x104, "a1")]
X = [(0x200, "x0"), (0x204, "x1"), (0x208, "x2")]
S = [(0x300, "s0")]


def row(a, b, calls=4, name="t"):
    return {"name": name, "calls": str(calls),
            "emu-insns": str((len(b) - len(a)) / calls)}


def check_one_call():
    a = P + X * 4 + S
    b = P + [(0x108, "a2")] + X * 8 + S     # B's harness part: one more
    call, delta = pathrec.one_call(row(a, b), rec(a), rec(b))
    check(call == X and delta == 1,
          "one call cut from N-vs-2N windows: %d instructions, delta %d"
          % (len(call), delta))
    b_same = P + X * 8 + S
    call, delta = pathrec.one_call(row(a, b_same), rec(a), rec(b_same))
    check(call == X and delta == 0, "equal harness parts: delta 0")
    bad = P + X * 3 + [(0x200, "x0"), (0x204, "y1"), (0x208, "x2")] + \
        X * 4 + S
    err = raises(pathrec.PathError, pathrec.one_call, row(a, bad), rec(a),
                 rec(bad))
    check(err is not None and "identical calls" in err,
          "a call that differs is refused: %s" % err)
    r = row(a, b_same)
    r["emu-insns"] = "4"
    err = raises(pathrec.PathError, pathrec.one_call, r, rec(a), rec(b_same))
    check(err is not None and "samples.csv" in err,
          "a count that disagrees with samples.csv is refused: %s" % err)
    err = raises(pathrec.PathError, pathrec.one_call, row(a, b_same), rec(a),
                 rec(b_same, truncated="7"))
    check(err is not None and "truncated" in err,
          "a truncated record is refused: %s" % err)


def check_records(tmp):
    path = os.path.join(tmp, "paths.txt")
    with open(path, "w") as handle:
        handle.write("path seq=0 insns=2 truncated=0\n400000 d503201f\n"
                     "400004 d65f03c0\nend\npath seq=1 insns=1 truncated=0\n")
    err = raises(pathrec.PathError, pathrec.read_records, path)
    check(err is not None and "no end" in err,
          "a path file cut short is refused: %s" % err)
    with open(path, "w") as handle:
        handle.write("path seq=0 insns=3 truncated=0\n400000 d503201f\nend\n")
    err = raises(pathrec.PathError, pathrec.read_records, path)
    check(err is not None and "insns=3" in err,
          "a record whose header count is wrong is refused: %s" % err)


def check_json():
    with open(os.path.join(HERE, "mca-n1.json")) as handle:
        cycles, insns, iters, cpu, res = llvm.parse_json(handle.read())
    check((cycles, insns, iters, cpu) == (20, 36, 4, "neoverse-n1"),
          "llvm-mca JSON parsed: %d cycles, %d instructions, %d iterations, "
          "%s" % (cycles, insns, iters, cpu))
    check(llvm.model_of(res).startswith("NeoverseN1Model"),
          "model named from the resources: %s" % llvm.model_of(res))
    cases = [(["A57UnitB", "A57UnitI"], "CortexA57Model"),
             (["CyUnitB", "CyUnitBR", "CyUnitI"], "CycloneModel"),
             (["Zn4AGU0", "Zn4ALU0"], "Znver4Model"),
             (["Zn3AGU0", "Zn3ALU0"], "Znver3Model"),
             ([], "none"), (["FooUnitA", "FooUnitB"], "unknown")]
    got = [llvm.model_of(r).split(" ")[0] for r, _ in cases]
    check(got == [w for _, w in cases],
          "resource prefixes -> models: %s" % ", ".join(got))
    err = raises(llvm.MCAError, llvm.parse_json, "{\"CodeRegions\": []}")
    check(err is not None, "malformed llvm-mca output refused: %s" % err)


def check_encodings():
    a64 = llvm.encoding_bytes("d503201f", "aarch64")
    x86 = llvm.encoding_bytes("e8fb000000", "x86_64")
    check(a64 == "0x1f 0x20 0x03 0xd5" and
          x86 == "0xe8 0xfb 0x00 0x00 0x00",
          "encodings to llvm-mc bytes: %s / %s" % (a64, x86))


CPUINFO = ("processor\t: 0\nvendor_id\t: %s\ncpu family\t: %d\nmodel\t\t: "
           "%d\nmodel name\t: %s\ncpu MHz\t\t: 2596.122\n\nprocessor\t: 1\n")


def check_cpuinfo():
    want = [("AuthenticAMD", 26, 2, "znver5", 13),
            ("AuthenticAMD", 25, 0x61, "znver4", 13),
            ("AuthenticAMD", 25, 0x21, "znver3", None),
            ("GenuineIntel", 6, 0x55, "skylake-avx512", None),
            ("GenuineIntel", 6, 0x8f, "sapphirerapids", None)]
    for vendor, fam, mod, cpu, pen in want:
        core, facts = cores.x86_host_core(CPUINFO % (vendor, fam, mod, "X"))
        check(core.cpu == cpu and core.penalty == pen and
              facts["mhz"] == 2596.122,
              "cpuinfo %s %d/%#x -> -mcpu=%s, penalty %s" % (
                  vendor, fam, mod, core.cpu, core.penalty))
    err = raises(ValueError, cores.x86_host_core,
                 CPUINFO % ("HygonGenuine", 24, 1, "Dhyana"))
    check(err is not None and "--x86-cpu" in err,
          "an unknown x86 core is one line: %s" % err)
    err = raises(ValueError, cores.arm64_cores, ["cortex-a53"])
    check(err is not None and "unknown core" in err,
          "an unknown arm64 core is refused: %s" % err)


class FakeCall:
    def __init__(self, variant, point):
        self.name = "ftrace-ops/%s/%d/%d" % ((variant,) + point)
        self.scenario = "ftrace-ops"
        self.variant = variant
        self.params = "relevant=%d;irrelevant=%d;body=empty" % point
        self.insns = [(0, "d503201f")]
        self.row = {}

    def key(self):
        return (self.scenario, self.variant, self.params)


def fake_model(scale):
    """A model whose apple-m1 overheads are scale x the reference in ns at
    REF_GHZ: every ratio must come out as scale exactly."""
    m = model.Model.__new__(model.Model)
    m.cores = cores.arm64_cores(["apple-m1"])
    m.rows = []
    for design, table in compare.REFERENCE.items():
        for point in [(0, 0)] + sorted(table):
            r = model.Row(FakeCall(design, point))
            ns = table.get(point, 0.0) * scale
            r.cycles = {"apple-m1": 5.0 + ns * compare.REF_GHZ}
            m.rows.append(r)
    return m


def check_reference():
    m = fake_model(2.0)
    ratios = [r for _, _, _, _, r in compare.reference_rows(m)]
    check(len(ratios) == 16 and all(abs(r - 2.0) < 1e-9 for r in ratios),
          "reference rows: model ns / ref ns at %.1f GHz, 16 rows, all 2.00"
          % compare.REF_GHZ)
    shape = compare.reference_shape(m)
    first = shape[0]
    check(abs(first[1] - 13.37 / 1.86) < 1e-9 and
          abs(first[2] - first[1]) < 1e-9,
          "list / CALL_OPS at 1/0: reference %.2f, model %.2f (scale "
          "cancels)" % (first[1], first[2]))
    slopes = [(n, ref, mod) for n, ref, mod in shape[1:]
              if ref and abs(ref) >= compare.MIN_SLOPE_NS]
    check(len(slopes) == 3 and
          all(abs(mod - 2.0 * ref) < 1e-9 for _, ref, mod in slopes),
          "cost per ops: model slopes are 2 x the reference's (%s)"
          % ", ".join("%.2f" % ref for _, ref, _ in slopes))


SOURCE = (".text\nadd\tx19, x19, #1\nbl\t#8\nmov\tx9, x30\nldr\tx4, [x2]\n"
          "blr\tx4\nret\nldp\tx0, x1, [sp]\ncmp\tx20, x19\nb.ne\t#-12\n")


def check_llvm():
    try:
        llvm.find_tool("llvm-mca")
        llvm.find_tool("llvm-mc")
    except llvm.ToolMissing as err:
        print("ok - llvm-mca runs # SKIP %s" % err)
        return
    text = llvm.disassemble(["d503201f", "91000442", "94000002",
                             "54ffffa1"], "aarch64")
    norm = {k: " ".join(v.split()) for k, v in text.items()}
    check(norm == {"d503201f": "nop", "91000442": "add x2, x2, #1",
                   "94000002": "bl #8", "54ffffa1": "b.ne #-12"},
          "llvm-mc disassembles A64 words: %s" % sorted(norm.values()))
    text = llvm.disassemble(["c3", "0f1f8060000000", "4883c201"], "x86_64")
    norm = {k: " ".join(v.split()) for k, v in text.items()}
    check(norm == {"c3": "retq", "0f1f8060000000": "nopl 96(%rax)",
                   "4883c201": "addq $1, %rdx"},
          "llvm-mc disassembles x86-64 bytes: %s" % sorted(norm.values()))
    with open(os.path.join(HERE, "mca-n1.json")) as handle:
        fixed = llvm.parse_json(handle.read())
    live = llvm.run_mca(SOURCE, "aarch64", "neoverse-n1", 4)
    check(live[:3] == fixed[:3],
          "llvm-mca on the fixed input gives the stored result: %d cycles"
          % live[0])
    insns = [(i, "x") for i in range(9)]
    res = {cpu: llvm.cycles_per_call(insns, "aarch64", cpu, SOURCE)
           for cpu in ("cortex-a57", "cortex-a72", "cortex-a76",
                       "neoverse-n1", "cyclone", "apple-m1")}
    check(all(res[c].model.startswith("CortexA57Model") for c in
              ("cortex-a57", "cortex-a72", "cortex-a76")) and
          res["cortex-a72"].cycles == res["cortex-a57"].cycles ==
          res["cortex-a76"].cycles,
          "cortex-a72 and cortex-a76 run LLVM's Cortex-A57 model: %.2f "
          "cycles per call each" % res["cortex-a57"].cycles)
    check(res["apple-m1"].model.startswith("CycloneModel") and
          res["apple-m1"].cycles == res["cyclone"].cycles,
          "apple-m1 runs LLVM's Cyclone model: %.2f cycles, as cyclone"
          % res["apple-m1"].cycles)
    check(res["neoverse-n1"].model.startswith("NeoverseN1Model") and
          res["neoverse-n1"].cycles == 4.0,
          "neoverse-n1: NeoverseN1Model, (36 - 20) / 4 = %.2f cycles per "
          "call" % res["neoverse-n1"].cycles)
    err = raises(llvm.MCAError, llvm.run_mca, SOURCE, "aarch64",
                 "cortex-z99", 4)
    check(err is not None and "not an aarch64 processor" in err,
          "an -mcpu LLVM does not know is refused: %s" % err)


def check_missing():
    old = os.environ.get("FTB_LLVM_BIN")
    os.environ["FTB_LLVM_BIN"] = "/nonexistent"
    try:
        err = raises(llvm.ToolMissing, llvm.find_tool, "llvm-mca")
    finally:
        if old is None:
            del os.environ["FTB_LLVM_BIN"]
        else:
            os.environ["FTB_LLVM_BIN"] = old
    check(err is not None and "\n" not in err and
          "apt-get install llvm-19" in err,
          "missing llvm-19 is one line: %s" % err)


def main():
    tmp = sys.argv[1]
    check_one_call()
    check_records(tmp)
    check_json()
    check_encodings()
    check_cpuinfo()
    check_reference()
    check_missing()
    check_llvm()
    return 1 if FAILED else 0


if __name__ == "__main__":
    sys.exit(main())
