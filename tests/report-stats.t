#!/bin/sh
# ftb-arch: host
# Known-answer tests of scripts/report_lib/stats.py: Holm, Cliff's delta,
# the exact-test floor, Mann-Whitney, the bootstrap, the fit and the knee.
# Runs with the interpreter scripts/report would pick (FTB_PYTHON or
# /usr/bin/python3 first), since numpy and scipy are needed.
. tests/report/lib.sh
py=
for c in ${FTB_PYTHON:-} /usr/bin/python3 python3; do
	if "$c" -c 'import numpy, scipy' 2>/dev/null; then py=$c; break; fi
done
if [ -z "$py" ]; then
	ok "stats known answers # SKIP no python3 with numpy and scipy"
	exit 0
fi
PYTHONPATH=scripts "$py" - <<'PY' || fails=$((fails + 1))
import math
import sys
import numpy as np
from report_lib import stats
bad = 0
def check(name, cond):
    global bad
    print(("ok - " if cond else "not ok - ") + name)
    bad += not cond
adj = stats.holm([0.01, 0.04, 0.03, 0.5])
check("holm: known adjusted values",
      np.allclose(adj, [0.04, 0.09, 0.09, 0.5]))
check("holm: monotone, capped at 1", stats.holm([0.9, 0.8]) == [1.0, 1.0])
check("cliff: disjoint samples give -1 / +1",
      stats.cliffs_delta([1, 2], [3, 4]) == -1.0 and
      stats.cliffs_delta([3, 4], [1, 2]) == 1.0)
check("cliff: identical samples give 0",
      stats.cliffs_delta([1, 2, 3], [1, 2, 3]) == 0.0)
check("cliff: magnitude thresholds",
      [stats.cliff_magnitude(d) for d in (0.1, 0.2, 0.4, 0.9)] ==
      ["negligible", "small", "medium", "large"])
check("exact floor: n=3,3 cannot reach 0.05; n=4,4 can",
      math.isclose(stats.min_p_value(3, 3), 0.1) and
      not stats.enough_for_test(3, 3) and stats.enough_for_test(4, 4))
u, p = stats.mann_whitney([1, 2, 3, 4, 5], [6, 7, 8, 9, 10])
check("mann-whitney: exact p for disjoint n=5,5 is 2/252",
      u == 0.0 and math.isclose(p, 2 / 252))
check("mann-whitney: all values equal gives p=1",
      stats.mann_whitney([2, 2, 2], [2, 2, 2])[1] == 1.0)
data = [10, 11, 9, 10.5, 9.5, 10.2, 9.8]
ci1 = stats.bootstrap_ci(data, "k", 1)
ci2 = stats.bootstrap_ci(data, "k", 1)
check("bootstrap: seeded, reproducible, contains the median",
      ci1 == ci2 and ci1[0] <= 10 <= ci1[1])
check("bootstrap: another key or seed draws other resamples",
      stats.seed_for("k", 1) != stats.seed_for("k", 2) and
      stats.seed_for("k", 1) != stats.seed_for("j", 1))
check("bootstrap: one value gives a point",
      stats.bootstrap_ci([3.0], "k", 1) == (3.0, 3.0))
rng = np.random.default_rng(3)
u_ = rng.uniform(10, 100, 30)
v_ = rng.uniform(0, 5, 30)
y_ = 7 + 0.8 * u_ + 15 * v_ + rng.normal(0, 0.5, 30)
fit = stats.fit_mechanistic(y_, u_, v_)
check("fit: noisy data, coefficients within 2%",
      abs(fit.a - 7) < 1.5 and abs(fit.b - 0.8) < 0.016 and
      abs(fit.c - 15) < 0.3 and 0.99 < fit.r2 <= 1)
check("fit: fewer than 4 points refused",
      stats.fit_mechanistic([1, 2, 3], [1, 2, 3], [0, 1, 0]) is None)
check("fit: constant mispredicts are not identifiable",
      stats.fit_mechanistic([1, 2, 3, 4], [1, 2, 3, 5], [1, 1, 1, 1]).rank
      < 3)
xs = [16, 64, 256, 1024, 4096, 16384]
check("knee: flat then rising curve turns at 1024",
      stats.knee(xs, [5, 5, 5, 5, 20, 35], True) == 3)
check("knee: a straight line has none",
      stats.knee([1, 2, 3, 4, 5], [1, 2, 3, 4, 5], False) is None)
sys.exit(1 if bad else 0)
PY
finish
