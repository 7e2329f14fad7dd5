"""The statistics, free of any knowledge of runs or names.

Choices and why:
- medians, not means: per-call costs have long right tails (interrupts,
  migrations), and the median of repetitions is what the harness reports;
- percentile bootstrap of the median over repetitions for the 95% CI, with
  a seed derived from the configuration's key so the same data always give
  the same interval whatever else is in the report;
- Mann-Whitney U (two-sided) because it assumes no distribution, Holm's
  step-down correction because it controls the family-wise error without
  independence assumptions, Cliff's delta as the matching effect size;
- an honest floor: with n1, n2 repetitions the smallest two-sided exact
  p-value is 2 / C(n1+n2, n1); when even that is above alpha no test can
  show a difference and we say "too few repetitions" instead of a p-value.
"""
import math
import zlib

import numpy as np

ALPHA = 0.05
BOOTSTRAP_RESAMPLES = 2000


def median(values):
    """Median of a non-empty sequence."""
    return float(np.median(np.asarray(values, dtype=float)))


def seed_for(key, seed):
    """A per-key seed: results do not depend on what else is reported."""
    return (zlib.crc32(key.encode("utf-8")) ^ (seed * 2654435761)) & 0xffffffff


def bootstrap_ci(values, key, seed, level=0.95,
                 resamples=BOOTSTRAP_RESAMPLES):
    """Percentile-bootstrap CI of the median; (v, v) for a single value."""
    data = np.asarray(values, dtype=float)
    if data.size < 2:
        return float(data[0]), float(data[0])
    rng = np.random.default_rng(seed_for(key, seed))
    picks = rng.integers(0, data.size, size=(resamples, data.size))
    medians = np.median(data[picks], axis=1)
    tail = (1.0 - level) / 2.0 * 100.0
    low, high = np.percentile(medians, [tail, 100.0 - tail])
    return float(low), float(high)


def bootstrap_diff_ci(values, base, key, seed, level=0.95,
                      resamples=BOOTSTRAP_RESAMPLES):
    """Percentile-bootstrap CI of median(values) - median(base), the two
    samples resampled independently (an overhead over a baseline measured
    in other repetitions). A sample of one value is taken as exact."""
    data = np.asarray(values, dtype=float)
    other = np.asarray(base, dtype=float)
    rng = np.random.default_rng(seed_for(key, seed))

    def medians(sample):
        if sample.size < 2:
            return np.full(resamples, float(np.median(sample)))
        picks = rng.integers(0, sample.size, size=(resamples, sample.size))
        return np.median(sample[picks], axis=1)
    diffs = medians(data) - medians(other)
    tail = (1.0 - level) / 2.0 * 100.0
    low, high = np.percentile(diffs, [tail, 100.0 - tail])
    return float(low), float(high)


def min_p_value(n1, n2):
    """Smallest two-sided exact Mann-Whitney p-value for these sizes."""
    if n1 < 1 or n2 < 1:
        return 1.0
    return min(1.0, 2.0 / math.comb(n1 + n2, n1))


def enough_for_test(n1, n2, alpha=ALPHA):
    """Could any outcome at these sizes be significant at alpha?"""
    return min_p_value(n1, n2) <= alpha


def min_reps_for(alpha=ALPHA):
    """Smallest equal sample size at which a rank test can reach alpha."""
    n = 1
    while not enough_for_test(n, n, alpha):
        n += 1
    return n


def mann_whitney(x, y):
    """Two-sided Mann-Whitney U test -> (U of x, p). Exact when small.

    Identical samples (common with exact emulated counts) have no ranks to
    compare: p = 1 by definition here, rather than scipy's NaN.
    """
    from scipy.stats import mannwhitneyu
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    if np.all(np.concatenate([x, y]) == x[0]):
        return x.size * y.size / 2.0, 1.0
    result = mannwhitneyu(x, y, alternative="two-sided", method="auto")
    p_value = float(result.pvalue)
    if math.isnan(p_value):
        p_value = 1.0
    return float(result.statistic), p_value


def holm(p_values):
    """Holm step-down adjusted p-values, same order as given."""
    count = len(p_values)
    order = sorted(range(count), key=lambda i: p_values[i])
    adjusted = [0.0] * count
    running = 0.0
    for rank, index in enumerate(order):
        running = max(running, min(1.0, (count - rank) * p_values[index]))
        adjusted[index] = running
    return adjusted


def cliffs_delta(x, y):
    """P(X > Y) - P(X < Y): -1..1, 0 = no tendency either way."""
    x = np.asarray(x, dtype=float)[:, None]
    y = np.asarray(y, dtype=float)[None, :]
    return float(((x > y).sum() - (x < y).sum()) / (x.size * y.size))


def cliff_magnitude(delta):
    """Romano et al. (2006) thresholds for |delta|."""
    size = abs(delta)
    if size < 0.147:
        return "negligible"
    if size < 0.33:
        return "small"
    if size < 0.474:
        return "medium"
    return "large"


class Fit:
    """Least-squares fit y = a + b*u + c*v with its quality."""

    def __init__(self, coef, r2, points, rank):
        self.a, self.b, self.c = (float(x) for x in coef)
        self.r2 = r2
        self.points = points
        self.rank = rank


def fit_mechanistic(y, u, v):
    """Fit y = a + b*u + c*v by least squares; None when underdetermined.

    Needs at least four points (three coefficients plus one degree of
    freedom) and a design of full rank: if mispredicts never vary, their
    penalty cannot be told apart from the fixed cost.
    """
    y = np.asarray(y, dtype=float)
    design = np.column_stack([np.ones_like(y), np.asarray(u, dtype=float),
                              np.asarray(v, dtype=float)])
    if y.size < 4:
        return None
    scale = np.abs(design).max(axis=0)
    scale[scale == 0] = 1.0
    rank = int(np.linalg.matrix_rank(design / scale))
    if rank < 3:
        return Fit((float("nan"),) * 3, float("nan"), int(y.size), rank)
    coef, _, _, _ = np.linalg.lstsq(design, y, rcond=None)
    residual = y - design @ coef
    total = float(((y - y.mean()) ** 2).sum())
    r2 = 1.0 - float((residual ** 2).sum()) / total if total > 0 else 1.0
    return Fit(coef, r2, int(y.size), rank)


def knee(xs, ys, logx):
    """Index of the knee of a curve (largest distance from its chord).

    The x axis is taken in log space when the sweep is geometric, both axes
    are normalised to 0..1, and the knee is the point farthest from the
    straight line joining the ends (Kneedle's idea, without smoothing).
    Returns None for fewer than four points or a flat curve.
    """
    if len(xs) < 4:
        return None
    x = np.log(np.asarray(xs, dtype=float)) if logx else \
        np.asarray(xs, dtype=float)
    y = np.asarray(ys, dtype=float)
    if np.ptp(x) == 0 or np.ptp(y) <= 0.05 * np.abs(y).max():
        return None   # flat within 5%: any "knee" would be noise
    x = (x - x.min()) / np.ptp(x)
    y = (y - y.min()) / np.ptp(y)
    chord = y[0] + (y[-1] - y[0]) * (x - x[0]) / (x[-1] - x[0])
    distance = np.abs(y - chord)
    index = int(np.argmax(distance))
    if distance[index] < 0.1 or index in (0, len(xs) - 1):
        return None
    return index
