"""llvm-mc and llvm-mca from LLVM 19 (Debian's llvm-19): disassembling a
recorded path and running llvm-mca's scheduling model of a named core on
it. llvm-mca is deterministic: the same input gives the same cycles.

How a path is fed (docs/model.md):
- the encodings are disassembled by llvm-mc with every feature on, so any
  instruction the core executed is named; llvm-mca then assembles them for
  the core under study (-mcpu);
- the path is the executed instruction stream, the callee's instructions
  right after each call: `--call-latency=1`, because llvm-mca's default of
  100 cycles stands for a call whose body it cannot see;
- cycles per call are the N-vs-2N difference of llvm-mca's total cycles,
  (cycles(2N iterations) - cycles(N)) / N, so the pipeline's fill and drain
  cancel the way the harness's own fixed costs do (docs/method.md);
- loads and stores are taken not to alias (llvm-mca's default), so no
  store-to-load forwarding is modelled.
The scheduling model llvm-mca really used is named from the processor
resources it reports (A57Unit*, N1Unit*, CyUnit*, Zn4*...): an -mcpu that
LLVM maps to another core's model shows that core's resources.
"""
import json
import math
import os
import shutil
import subprocess

LLVM_MAJOR = "19"
TRIPLES = {"aarch64": "aarch64", "x86_64": "x86_64"}
# Instructions simulated per llvm-mca run at least (N iterations of the
# call); 2N in the second run.
MIN_SIMULATED = 4000
MIN_ITERATIONS = 4

# Resource-name prefix -> the SchedMachineModel in LLVM 19's sources
# (llvm/lib/Target/*/...Sched*.td) that defines those resources.
MODEL_BY_PREFIX = [
    ("CortexA55Unit", "CortexA55Model (Cortex-A55)"),
    ("CortexA510Unit", "CortexA510Model (Cortex-A510)"),
    ("A53Unit", "CortexA53Model (Cortex-A53)"),
    ("A57Unit", "CortexA57Model (Cortex-A57)"),
    ("A64FXIP", "A64FXModel (A64FX)"),
    ("N1Unit", "NeoverseN1Model (Neoverse N1)"),
    ("N2Unit", "NeoverseN2Model (Neoverse N2)"),
    ("V1Unit", "NeoverseV1Model (Neoverse V1)"),
    ("V2Unit", "NeoverseV2Model (Neoverse V2)"),
    ("CyUnit", "CycloneModel (Apple A7 Cyclone, 2013)"),
    ("M3Unit", "ExynosM3Model (Exynos M3)"),
    ("M4Unit", "ExynosM4Model (Exynos M4)"),
    ("M5Unit", "ExynosM5Model (Exynos M5)"),
    ("Zn4", "Znver4Model (AMD Zen 4)"),
    ("Zn3", "Znver3Model (AMD Zen 3)"),
    ("Zn2", "Znver2Model (AMD Zen 2)"),
    ("Zn", "Znver1Model (AMD Zen)"),
    ("SPR", "SapphireRapidsModel (Intel Sapphire Rapids)"),
    ("ICX", "IceLakeModel (Intel Ice Lake)"),
    ("SKX", "SkylakeServerModel (Intel Skylake-SP)"),
    ("SKL", "SkylakeClientModel (Intel Skylake)"),
    ("ADLP", "AlderlakePModel (Intel Alder Lake P-core)"),
    ("BW", "BroadwellModel (Intel Broadwell)"),
    ("HW", "HaswellModel (Intel Haswell)"),
]


class ToolMissing(Exception):
    """llvm-19 is not installed; the message is one line."""


class MCAError(Exception):
    """llvm-mc or llvm-mca refused an input; the message is one line."""


def find_tool(name):
    """Path of LLVM 19's `name` (llvm-mca, llvm-mc), or ToolMissing.
    $FTB_LLVM_BIN, when set, is the only directory searched."""
    bindir = os.environ.get("FTB_LLVM_BIN")
    if bindir:
        candidates = [os.path.join(bindir, name)]
    else:
        candidates = [shutil.which("%s-%s" % (name, LLVM_MAJOR)) or "",
                      "/usr/lib/llvm-%s/bin/%s" % (LLVM_MAJOR, name)]
    for path in candidates:
        if path and os.access(path, os.X_OK):
            return path
    raise ToolMissing("%s-%s not found: apt-get install llvm-%s "
                      "(scripts/install-deps model)"
                      % (name, LLVM_MAJOR, LLVM_MAJOR))


def version():
    """llvm-mca's version line, e.g. 'Debian LLVM version 19.1.7'."""
    out = subprocess.run([find_tool("llvm-mca"), "--version"],
                         capture_output=True, text=True, check=False).stdout
    for line in out.splitlines():
        if "LLVM version" in line:
            return line.strip()
    return "unknown"


def encoding_bytes(enc, isa):
    """The path recorder's encoding hex as llvm-mc input ('0x.. 0x..')."""
    if isa == "aarch64":
        word = int(enc, 16)
        data = [(word >> (8 * k)) & 0xff for k in range(4)]
    else:
        data = [int(enc[k:k + 2], 16) for k in range(0, len(enc), 2)]
    return " ".join("0x%02x" % b for b in data)


def _disassemble_lines(lines, isa):
    """llvm-mc's text for each input line (one instruction each)."""
    cmd = [find_tool("llvm-mc"), "--disassemble", "-triple=" + TRIPLES[isa]]
    if isa == "aarch64":
        cmd.append("-mattr=+all")
    proc = subprocess.run(cmd, input="\n".join(lines) + "\n",
                          capture_output=True, text=True, check=False)
    out = [l.strip() for l in proc.stdout.splitlines()
           if l.strip() and not l.strip().startswith(".")]
    return out, proc.stderr


def disassemble(encodings, isa):
    """{encoding: assembly text} for every encoding (llvm-mc, one run)."""
    unique = sorted(set(encodings))
    lines = [encoding_bytes(e, isa) for e in unique]
    out, err = _disassemble_lines(lines, isa)
    if len(out) != len(unique):
        for enc, line in zip(unique, lines):
            one, err = _disassemble_lines([line], isa)
            if len(one) != 1:
                raise MCAError("llvm-mc cannot disassemble %s (%s): %s"
                               % (enc, isa, err.strip().splitlines()[0]
                                  if err.strip() else "no output"))
        raise MCAError("llvm-mc gave %d lines for %d encodings"
                       % (len(out), len(unique)))
    return dict(zip(unique, (_strip_comment(l, isa) for l in out)))


def _strip_comment(text, isa):
    """llvm-mc's assembly without its trailing comment ('// =0x0' on
    AArch64, '# imm = 0x10' in x86 AT&T syntax, where '#' starts one)."""
    mark = "//" if isa == "aarch64" else "#"
    return text.split(mark, 1)[0].strip()


def assembly(insns, isa, text=None):
    """The path as an llvm-mca input file's text; text is a disassemble()
    dictionary that already holds every encoding, when the caller has one."""
    text = text if text is not None else disassemble(
        [enc for _, enc in insns], isa)
    return ".text\n" + "".join(text[enc] + "\n" for _, enc in insns)


def iterations_for(length):
    """N for a call of `length` instructions: enough to reach steady state."""
    return max(MIN_ITERATIONS, int(math.ceil(MIN_SIMULATED / max(length, 1))))


def run_mca(source, isa, cpu, iterations):
    """llvm-mca's JSON result for `source` on `cpu`, or MCAError."""
    cmd = [find_tool("llvm-mca"), "-mtriple=" + TRIPLES[isa], "-mcpu=" + cpu,
           "--call-latency=1", "-iterations=%d" % iterations, "--json", "-"]
    proc = subprocess.run(cmd, input=source, capture_output=True, text=True,
                          check=False)
    if "is not a recognized processor" in proc.stderr:
        raise MCAError("llvm-mca: -mcpu=%s is not an %s processor of LLVM %s"
                       % (cpu, isa, LLVM_MAJOR))
    if proc.returncode != 0:
        lines = [l for l in proc.stderr.splitlines()
                 if "error" in l] or proc.stderr.splitlines() or ["failed"]
        raise MCAError("llvm-mca -mcpu=%s: %s" % (cpu, lines[0].strip()))
    return parse_json(proc.stdout)


def parse_json(text):
    """(total cycles, instructions, iterations, cpu name, resources)."""
    try:
        data = json.loads(text)
        summary = data["CodeRegions"][0]["SummaryView"]
        info = data["TargetInfo"]
        return (int(summary["TotalCycles"]), int(summary["Instructions"]),
                int(summary["Iterations"]), info["CPUName"],
                [r.split(".")[0] for r in info["Resources"]])
    except (ValueError, KeyError, IndexError, TypeError) as err:
        raise MCAError("llvm-mca output is not the JSON expected (%s)" % err)


def model_of(resources):
    """The scheduling model the resource names belong to."""
    names = sorted(set(resources))
    if not names:
        return "none (no processor resources: LLVM's generic model)"
    prefix = os.path.commonprefix(names)
    for start, model in MODEL_BY_PREFIX:
        if prefix.startswith(start):
            return model
    return "unknown (resources %s...)" % ", ".join(names[:3])


class Result:
    """llvm-mca's figures for one call on one core."""

    def __init__(self, cpu, cycles, iterations, model, cpu_name):
        self.cpu = cpu
        self.cycles = cycles            # per call, N-vs-2N
        self.iterations = iterations    # N
        self.model = model
        self.cpu_name = cpu_name        # as llvm-mca reports it


def cycles_per_call(insns, isa, cpu, source=None):
    """Result for the call's path on cpu (two llvm-mca runs); source is
    the path's assembly when the caller has it already."""
    source = source if source is not None else assembly(insns, isa)
    n = iterations_for(len(insns))
    c1, i1, _, name, res = run_mca(source, isa, cpu, n)
    c2, i2, _, _, _ = run_mca(source, isa, cpu, 2 * n)
    if i1 != n * len(insns) or i2 != 2 * n * len(insns):
        raise MCAError("llvm-mca simulated %d instructions, want %d"
                       % (i1, n * len(insns)))
    return Result(cpu, (c2 - c1) / n, n, model_of(res), name)
