#!/bin/sh
# ftb-arch: arm64
# ftbench's PMU path against a real kernel's perf subsystem: the arm64
# guest of scripts/vm (-cpu neoverse-n1 -smp 1 -icount shift=0, so QEMU's
# PMUv3 counts INST_RETIRED exactly; docs/vm.md).
#  - the cross-check: for every configuration of ftrace-ops, ops-sweep and
#    untraced, every variant, INST_RETIRED per call from the PMU path equals
#    emu-insns per call from the plugin backend under qemu-user: both count
#    architecturally executed instructions, so any difference fails;
#  - a hardware group through perf_event_open, names from libpfm's arm_n1;
#  - events QEMU's PMU does not implement (not in sysfs events/, PMCEID)
#    named and left out, never zeros; meta.json's PMU facts;
#  - perf_user_access=1 (user-space reads) and =0 (read(2), said so)
#    agree; more events than counters is refused with the fix, and split
#    into groups it runs.
set -u
PY=/usr/bin/python3
for f in build/host/ftb-emu.so "$FTB_BIN"; do
	[ -e "$f" ] || { echo "not ok - $f missing (make tests-build ARCH=arm64)"; exit 1; }
done
dir=$(mktemp -d) || exit 2
trap 'rm -rf "$dir"' EXIT INT TERM
. tests/vm-kernel.sh
scen=ftrace-ops,ops-sweep,untraced
# One boot: the study through the PMU (user-space reads), then with
# perf_user_access=0 (read(2)), then two groups. loglevel=7 keeps the
# arm_pmu driver's line in console.log.
scripts/vm --kernel "$kdir" --bin "$FTB_BIN" --out "$dir/vm" --append loglevel=7 \
	--env FTBENCH_WINDOWS=1 \
	--run "ftbench run --pmu pmu --scenarios $scen --quick --quiet --out /out/user" \
	--sysctl kernel/perf_user_access=0 \
	--run "ftbench run --pmu pmu --scenarios ftrace-ops --variants list,callops --quick --out /out/syscall" \
	--run "ftbench run --pmu pmu --events 'CPU_CYCLES,INST_RETIRED;STALL_FRONTEND,STALL_BACKEND,BR_RETIRED' --scenarios callback --quick --out /out/groups" \
	>"$dir/vm.out" 2>"$dir/vm.err"
rc=$?
if [ $rc -eq 0 ]; then echo "ok - the PMU runs in the guest"; else
	echo "not ok - the PMU runs in the guest (exit $rc)"
	sed 's/^/# /' "$dir/vm.err" | tail -n 20
fi
# More events than the PMU has counters (7: 6 + the cycle counter) in one
# pinned group: it opens, but cannot be scheduled (the probe sees it), as on
# a board. --pmu pmu refuses with the fix; auto falls back with one line.
many=CPU_CYCLES,INST_RETIRED,STALL_FRONTEND,STALL_BACKEND,r08,r23,r24,r11
scripts/vm --kernel "$kdir" --bin "$FTB_BIN" --out "$dir/many" \
	--run "ftbench run --events $many --scenarios callback --quick --out /out/auto" \
	--run "ftbench run --pmu pmu --events $many --scenarios callback --quick --out /out/pmu" \
	>"$dir/many.out" 2>"$dir/many.err"
rc=$?
[ $rc -eq 2 ] && grep -q '^ftbench: the group of 8 events could not be scheduled.*split it into smaller groups' "$dir/many.out"
st=$?
[ $st -eq 0 ] && echo "ok - 8 events in one group: --pmu pmu exits 2 naming the fix" ||
	{ echo "not ok - 8 events in one group: exit $rc"; sed 's/^/# /' "$dir/many.out"; }
[ "$(grep -c 'no PMU counters: the group of 8 events could not be scheduled.*measuring time' "$dir/many.out")" -eq 1 ] &&
	[ -f "$dir/many/auto/meta.json" ]
[ $? -eq 0 ] && echo "ok - ... and auto falls back to time with one line" ||
	echo "not ok - ... and auto falls back to time with one line"

# Without -icount QEMU's PMU has no INST_RETIRED (PMCEID, sysfs): it is
# named and left out, never read as zeros; with 2 vCPUs an unpinned run
# is flagged (other vCPUs' work leaks in), a pinned one is not.
scripts/vm --kernel "$kdir" --bin "$FTB_BIN" --out "$dir/noic" --no-icount --smp 2 \
	--run "ftbench run --pmu pmu --scenarios callback --variants list --quick --out /out/unpinned" \
	--run "ftbench run --pmu pmu --scenarios callback --variants list --quick --cpu 0 --out /out/pinned" \
	>"$dir/noic.out" 2>"$dir/noic.err" ||
	{ echo "not ok - the runs without -icount"; sed 's/^/# /' "$dir/noic.err" | tail; }

# The plugin's count of the same study under qemu-user.
scripts/qemu-emu "$FTB_BIN" run --pmu emu --scenarios $scen --quick --quiet \
	--out "$dir/emu" >/dev/null 2>"$dir/emu.err" ||
	{ echo "not ok - the emu run"; sed 's/^/# /' "$dir/emu.err"; }

$PY - "$dir" <<'PYEOF'
import csv, json, re, statistics, sys
d = sys.argv[1]
failed = 0

def check(cond, name):
    global failed
    print(("ok - " if cond else "not ok - ") + name)
    failed |= not cond

def medians(run, col):
    per = {}
    with open(f"{run}/samples.csv", newline="") as f:
        for r in csv.DictReader(f):
            if r["backend"] != "failed" and r[col] != "":
                per.setdefault(r["name"], []).append(float(r[col]))
    return {k: statistics.median(v) for k, v in per.items()}

def meta(run):
    with open(f"{run}/meta.json") as f:
        return json.load(f)

def header(run):
    with open(f"{run}/samples.csv", newline="") as f:
        return next(csv.reader(f))

user, sysc, emu = f"{d}/vm/user", f"{d}/vm/syscall", f"{d}/emu"
pm, em = medians(user, "INST_RETIRED"), medians(emu, "emu-insns")
check(set(pm) == set(em) and len(pm) > 0,
      f"the same {len(em)} configurations in both runs")
same = [k for k in em if k in pm and pm[k] == em[k]]
for k in sorted(em):
    if k in pm and pm[k] != em[k]:
        print(f"# differs: {k}: INST_RETIRED {pm[k]} emu-insns {em[k]}")
check(len(same) == len(em),
      f"INST_RETIRED per call == emu-insns per call in {len(same)} of "
      f"{len(em)} configurations")
# The ftrace-ops table of the closing note, kept in the test log.
for k in sorted(em):
    if k.startswith("ftrace-ops/") and k in pm:
        print(f"# {k:60s} {pm[k]:10.4f} {em[k]:10.4f}")

m = meta(user)
pmu = m["pmu"]
check(m["backend"] == "pmu-user" and pmu["read_path"].startswith("user-space"),
      "perf_user_access=1: user-space counter reads (%s)" % m["backend"])
check(m["libpfm"]["pmu_table"] == "arm_n1",
      "event names resolved by libpfm's arm_n1 table")
con = open(f"{d}/vm/console.log", errors="replace").read()
g = re.search(r"enabled with (\S+) PMU driver, (\d+) \(", con)
check(g is not None and pmu["name"] == g.group(1)
      and pmu["counters"] == int(g.group(2)),
      "meta.json pmu %s, %s counters: as the kernel's driver says (%s)"
      % (pmu["name"], pmu["counters"], g.group(0) if g else "no line"))
check(isinstance(pmu["type"], int) and pmu["type"] > 5
      and pmu["counter_width"] in (32, 64),
      "meta.json pmu type %s, counter width %s"
      % (pmu["type"], pmu["counter_width"]))
check(len(m["midr_el1"]) == 1
      and (int(m["midr_el1"][0], 16) >> 4) & 0xfff == 0xd0c,
      "meta.json MIDR_EL1 %s: Neoverse N1 (part 0xd0c)" % m["midr_el1"])
# QEMU's PMU has no branch events: the default preset's two are named,
# absent from the counts, and a condition.
check(pmu["unimplemented_events"] == ["BR_RETIRED", "BR_MIS_PRED_RETIRED"]
      and "BR_RETIRED" not in header(user)
      and m["events"] == "CPU_CYCLES,INST_RETIRED",
      "unimplemented events named in meta.json and not counted: %s"
      % pmu["unimplemented_events"])
check([c["kind"] for c in m["conditions"]] == ["unimplemented-event"],
      "conditions: %s" % [c["kind"] for c in m["conditions"]])
err = open(f"{d}/vm.out").read()
check(err.count("not implemented by PMU armv8_pmuv3") == 3,
      "each run names them in one line on stderr, --quiet too")
check(m["method"]["calls"] is None or m["method"]["calls"] > 0,
      "method.calls %s" % m["method"]["calls"])

s = meta(sysc)
check(s["backend"] == "pmu" and s["pmu"]["read_path"] == "read(2)"
      and "perf_user_access=0" in s["backend_reason"],
      "perf_user_access=0: read(2), and the run says why: %s"
      % s["backend_reason"])
sm = medians(sysc, "INST_RETIRED")
check(len(sm) > 0 and all(sm[k] == pm[k] for k in sm),
      f"read(2) and user-space reads agree in {len(sm)} configurations")
gm = meta(f"{d}/vm/groups")
gh = header(f"{d}/vm/groups")
check(gm["events"] == "CPU_CYCLES,INST_RETIRED;STALL_FRONTEND,STALL_BACKEND"
      and "BR_RETIRED" not in gh and "STALL_BACKEND" in gh,
      "two groups, two passes; the unimplemented event left out: %s"
      % gm["events"])
with open(f"{d}/vm/groups/samples.csv", newline="") as f:
    rows = list(csv.DictReader(f))
check(rows and all(r["multiplexed"] == "0" for r in rows),
      "no window multiplexed (each pass has the PMU alone)")
u, p = meta(f"{d}/noic/unpinned"), meta(f"{d}/noic/pinned")
check(u["pmu"]["unimplemented_events"][:1] == ["INST_RETIRED"]
      and "INST_RETIRED" not in header(f"{d}/noic/unpinned")
      and "CPU_CYCLES" in header(f"{d}/noic/unpinned"),
      "without -icount INST_RETIRED is named, not counted: %s"
      % u["pmu"]["unimplemented_events"])
kinds = lambda m: sorted(c["kind"] for c in m["conditions"])
check(kinds(u) == ["unimplemented-event", "unpinned"]
      and kinds(p) == ["unimplemented-event"],
      "2 vCPUs: unpinned flagged %s, pinned not %s" % (kinds(u), kinds(p)))
sys.exit(1 if failed else 0)
PYEOF
