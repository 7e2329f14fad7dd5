#!/bin/sh
# ftb-arch: arm64
# The patching scenario in the arm64 VM (scripts/vm, issue 13's cached
# kernel): PMU counts with the kernel included, CTR_EL0 as the guest
# reports it, and the kernel's own patching as variant `kernel`
# (kmod/ftbench_kpatch.c). Skipped without a cached kernel or qemu-system.
set -u
py=/usr/bin/python3
if ! command -v qemu-system-aarch64 >/dev/null 2>&1; then
	echo "ok - patching in the VM # SKIP no qemu-system-aarch64"
	exit 0
fi
if ! scripts/kernel --print-dir >/dev/null 2>&1; then
	echo "ok - patching in the VM # SKIP no cached kernel (scripts/kernel builds one)"
	exit 0
fi
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
if ! make -s build/kpatch/ftbench_kpatch.ko build/vm/init >"$tmp/make" 2>&1; then
	sed 's/^/# /' "$tmp/make"
	echo "not ok - the kernel variant's module builds"
	exit 0
fi
scripts/vm --out "$tmp/vm" --bin "$FTB_BIN" --timeout 900 \
	--in build/kpatch/ftbench_kpatch.ko:/ftb/kpatch.ko \
	--env FTBENCH_KPATCH=/ftb/kpatch.ko -- \
	ftbench run --quick --reps 2 --funcs 16 --scenarios patching --pmu pmu \
	--cpu 0 --out /out/run >"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc -eq 0 ] && echo "ok - the run in the VM completes" ||
	{ sed 's/^/# /' "$tmp/err"; echo "not ok - scripts/vm exited $rc"; exit 0; }
$py - "$tmp/vm/run" <<'EOF'
import json, sys
d = sys.argv[1]
meta = json.load(open(d + "/meta.json"))
rows = json.load(open(d + "/results.json"))["benchmarks"]
med = {b["run_name"]: b for b in rows if b.get("aggregate_name") == "median"}
fit = {(b["run_name"], b["aggregate_name"]): b for b in rows if "fit_over" in b}
def check(cond, what):
    print(("ok - " if cond else "not ok - ") + what)
kc = meta.get("kernel_counts") or {}
check(kc.get("counted") is True, "kernel counted in the VM: %s" % kc.get("note"))
ctr = meta.get("ctr_el0") or {}
check(ctr.get("idc") == 1 and ctr.get("dic") == 0,
      "CTR_EL0 %s in the VM: IDC 1, DIC 0" % ctr.get("value"))
u, k = "INST_RETIRED", "INST_RETIRED+kernel"
user = [b for n, b in med.items() if "/list/" in n or "/callops/" in n]
check(user and all(b[k] > b[u] + 10000 for b in user),
      "user-space variants: the kernel's share (mprotect) is counted beside "
      "the user-only count in every row")
kern = [b for n, b in med.items() if n.startswith("patching/kernel/")]
check(len(kern) == 4 and len({b[u] for b in kern}) == 1 and
      all(b[k] > 100 * b[u] for b in kern),
      "kernel variant: 4 rows, the same user-only count in each (the "
      "write(2)), the kernel's patching in NAME+kernel")
per = fit.get(("patching/kernel/op=toggle", "per_sites"), {}).get(k)
check(per is not None and per > 0,
      "kernel variant: a per-site line (%s instructions per site)" % per)
EOF
