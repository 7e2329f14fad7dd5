"""The runs the model needs, made by ftbench itself (measurement stays in
ftbench; this module only builds the command lines and moves the plugin's
path file into place).

- The path run: ftrace-ops under scripts/qemu-emu with the path recorder
  on, M = PATH_CALLS calls per window, one repetition, one process
  (--no-isolate), so pathrec can match records to samples.
- A measuring run of the emulated PMU (ftrace-ops, many calls): the
  mispredicts per call the model adds.
- On x86-64, the TSC run: the same configurations timed natively.
"""
import os
import subprocess

PATH_CALLS = 8
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
QEMU_EMU = os.path.join(ROOT, "scripts", "qemu-emu")


def binary(arch):
    """The ftbench binary of this tree for arch."""
    return os.path.join(ROOT, "build", arch, "ftbench")


def _run(cmd):
    out = cmd[cmd.index("--out") + 1]
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    proc = subprocess.run(cmd, check=False)
    if proc.returncode != 0:
        raise RuntimeError("%s exited %d" % (" ".join(cmd[:3]),
                                             proc.returncode))


def path_run(ftbench, out, variants=None):
    """Record the path run into directory out (which must not exist)."""
    tmp = out.rstrip("/") + ".paths.tmp"
    if os.path.exists(tmp):
        os.remove(tmp)
    cmd = [QEMU_EMU, "-p", tmp, ftbench, "run", "--pmu=emu",
           "--scenarios", "ftrace-ops", "--calls", str(PATH_CALLS),
           "--reps", "1", "--no-isolate", "--quiet", "--out", out]
    if variants:
        cmd[cmd.index("--quiet"):cmd.index("--quiet")] = ["--variants",
                                                          variants]
    _run(cmd)
    os.replace(tmp, os.path.join(out, "paths.txt"))


def emu_run(ftbench, out, calls, reps, variants=None):
    """A measuring run of ftrace-ops under the emulated PMU."""
    cmd = [QEMU_EMU, ftbench, "run", "--pmu=emu", "--scenarios",
           "ftrace-ops", "--calls", str(calls), "--reps", str(reps),
           "--quiet", "--out", out]
    if variants:
        cmd += ["--variants", variants]
    _run(cmd)


def tsc_run(ftbench, out, reps, cpu, calls, variants=None):
    """The native timing run of ftrace-ops (time backend, TSC). Short
    windows (calls): on a loaded machine a long window is often preempted,
    and the harness drops preempted samples (docs/method.md)."""
    cmd = [ftbench, "run", "--pmu=time", "--scenarios", "ftrace-ops",
           "--calls", str(calls), "--reps", str(reps), "--quiet", "--out",
           out]
    if cpu is not None:
        cmd += ["--cpu", str(cpu)]
    if variants:
        cmd += ["--variants", variants]
    _run(cmd)
