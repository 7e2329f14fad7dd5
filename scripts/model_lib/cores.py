"""The named cores the model is run for, the mispredict penalty of each and
where it comes from; and the x86 host's core, picked from /proc/cpuinfo.

llvm-mca models no branch prediction, so the modelled cycles of a call are
llvm-mca's cycles plus the predictor model's mispredicts per call (the
plugin's emu-mispred) times the core's penalty below. Each penalty names
its source and what kind of figure it is:
- "stated": the source gives the mispredict penalty or the pipeline depth a
  mispredict refills;
- "pipeline depth": the source gives the depth of a simple pipeline only;
- "LLVM model": no published figure was found; the value is the
  MispredictPenalty of LLVM's own scheduling model for the core (the file
  named), which is what LLVM's schedulers assume.
Quotations marked "not re-checked" were taken from the source when the
table was written and not compared with the page again since; a reader
with the page at hand should.
"""


class Core:
    """A core the model runs: llvm-mca -mcpu name and the penalty."""

    def __init__(self, cpu, label, where, penalty, kind, source, short=None):
        self.cpu = cpu
        self.short = short or cpu.split("-")[-1]   # a table column heading
        self.label = label
        self.where = where
        self.penalty = penalty
        self.kind = kind
        self.source = source


ARM64_CORES = [
    Core("cortex-a55", "Cortex-A55", "little cores of many phones", 8,
         "pipeline depth",
         "AnandTech, M. Humrick, 'Exploring DynamIQ and ARM's New CPUs: "
         "Cortex-A75, Cortex-A55' (2017), A55 page: 'a dual-issue, in-order "
         "CPU with an 8-stage pipeline'"),
    Core("cortex-a72", "Cortex-A72", "Raspberry Pi 4 (BCM2711)", 14,
         "LLVM model",
         "llvm/lib/Target/AArch64/AArch64SchedA57.td (LLVM 19): "
         "MispredictPenalty = 14, 'Fetch + Decode/Rename/Dispatch + "
         "Branch'; LLVM models the A72 with this Cortex-A57 model, and no "
         "Arm document found gives the A72's penalty"),
    Core("cortex-a76", "Cortex-A76", "Raspberry Pi 5 (BCM2712)", 11,
         "stated",
         "AnandTech, A. Frumusanu, 'Arm's Cortex-A76 CPU Unveiled' (2018), "
         "front-end page: 'a total implementation pipeline depth of 13 "
         "stages with the execution latencies of a 11 stage core'"),
    Core("neoverse-n1", "Neoverse N1", "AWS Graviton2, Ampere Altra", 11,
         "stated",
         "llvm/lib/Target/AArch64/AArch64SchedNeoverseN1.td (LLVM 19, after "
         "the 'Arm Neoverse N1 Software Optimization Guide'): "
         "MispredictPenalty = 11; the N1 is the A76's server derivative "
         "(the A76 entry's 11 stages)"),
    Core("neoverse-v1", "Neoverse V1", "AWS Graviton3", 11, "stated",
         "AnandTech, A. Frumusanu, 'Arm Announces Neoverse V1, N2 Platforms "
         "& CPUs' (2021), V1 page: 'an extremely short pipeline design that "
         "has a minimum of 11 stages', said to keep the branch misprediction "
         "penalty low"),
    Core("neoverse-v2", "Neoverse V2", "AWS Graviton4, NVIDIA Grace", 10,
         "stated",
         "AnandTech, A. Frumusanu, 'Arm Announces Mobile Armv9 CPU "
         "Microarchitectures: Cortex-X2, Cortex-A710 & Cortex-A510' (2021): "
         "the X2 generation cut the pipeline from 11 to 10 stages; the V2 "
         "derives from the X3, the X2's successor (not re-checked)"),
    Core("apple-m1", "Apple M1 (Firestorm)",
         "the CALL_OPS cover letter's machine", 16, "LLVM model",
         "llvm/lib/Target/AArch64/AArch64SchedCyclone.td (LLVM 19): "
         "MispredictPenalty = 16, '14-19 cycles are typical', written for "
         "the 2013 Cyclone, which is the model LLVM 19 uses for apple-m1; "
         "no published Firestorm figure was found (LLVM's later "
         "AArch64SchedFirestorm.td copies the same 16)"),
]

# Penalties of x86 cores the host may be, by LLVM -mcpu name.
_ZEN4 = ("AMD, 'Software Optimization Guide for the AMD Zen4 "
         "Microarchitecture' (pub. 57647), branch prediction section: the "
         "penalty 'is in the range from 11 to 18 cycles ... The common case "
         "penalty is 13 cycles' (not re-checked); LLVM 19 models znver5 "
         "with its Zen 4 model, and the Zen 4 figure is used for both")
X86_PENALTIES = {
    "znver4": (13, "stated", _ZEN4),
    "znver5": (13, "stated", _ZEN4),
}


def arm64_cores(names=None):
    """The named arm64 cores, all or those in `names`, in table order."""
    if not names:
        return list(ARM64_CORES)
    known = {c.cpu: c for c in ARM64_CORES}
    unknown = [n for n in names if n not in known]
    if unknown:
        raise ValueError("unknown core %s (cores: %s)" % (
            ", ".join(unknown), ", ".join(c.cpu for c in ARM64_CORES)))
    return [known[n] for n in names]


def _amd_cpu(family, model):
    """LLVM's name for an AMD family/model (LLVM's Host.cpp ranges)."""
    if family == 0x17:
        return "znver2" if model >= 0x30 else "znver1"
    if family == 0x19:
        if model <= 0x0f or 0x20 <= model <= 0x5f:
            return "znver3"
        return "znver4"
    if family == 0x1a:
        return "znver5"
    return None


_INTEL_MODELS = {
    0x3c: "haswell", 0x3f: "haswell", 0x45: "haswell", 0x46: "haswell",
    0x3d: "broadwell", 0x47: "broadwell", 0x4f: "broadwell",
    0x56: "broadwell", 0x4e: "skylake", 0x5e: "skylake", 0x8e: "skylake",
    0x9e: "skylake", 0xa5: "skylake", 0xa6: "skylake",
    0x55: "skylake-avx512", 0x6a: "icelake-server", 0x6c: "icelake-server",
    0x7d: "icelake-client", 0x7e: "icelake-client", 0x8c: "tigerlake",
    0x8d: "tigerlake", 0x97: "alderlake", 0x9a: "alderlake",
    0xb7: "raptorlake", 0xba: "raptorlake", 0xbf: "raptorlake",
    0x8f: "sapphirerapids", 0xcf: "emeraldrapids",
    0xad: "graniterapids", 0xae: "graniterapids",
}


def cpuinfo_fields(text):
    """vendor_id, cpu family, model, model name, cpu MHz of the first CPU."""
    fields = {}
    for line in text.splitlines():
        if not line.strip():
            if fields:
                break
            continue
        key, _, value = line.partition(":")
        fields[key.strip()] = value.strip()
    return fields


def x86_host_core(cpuinfo_text):
    """(Core, facts dict) for the x86 host described by /proc/cpuinfo."""
    f = cpuinfo_fields(cpuinfo_text)
    try:
        family, model = int(f["cpu family"]), int(f["model"])
    except (KeyError, ValueError):
        raise ValueError("/proc/cpuinfo: no cpu family/model")
    vendor = f.get("vendor_id", "")
    cpu = None
    if vendor == "AuthenticAMD":
        cpu = _amd_cpu(family, model)
    elif vendor == "GenuineIntel" and family == 6:
        cpu = _INTEL_MODELS.get(model)
    facts = {"vendor": vendor, "family": family, "model": model,
             "model_name": f.get("model name", ""),
             "mhz": float(f["cpu MHz"]) if "cpu MHz" in f else None,
             "cpu": cpu}
    if not cpu:
        raise ValueError("/proc/cpuinfo: %s family %d model %d (%s) has no "
                         "entry in scripts/model_lib/cores.py: pass --x86-cpu"
                         % (vendor, family, model, facts["model_name"]))
    penalty, kind, source = X86_PENALTIES.get(
        cpu, (None, "none", "no penalty source for %s: mispredicts are "
              "not added" % cpu))
    core = Core(cpu, "%s (%s)" % (facts["model_name"] or cpu, cpu),
                "this machine", penalty, kind, source, short=cpu)
    return core, facts
