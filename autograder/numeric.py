"""The oracle: central differences of a forward computation.

Every derivative a learner writes is compared with these, run in the grading process only,
on the grader's own forward computations, never on learner code.
"""
import math
from dataclasses import dataclass

import numpy as np

STEP = 1e-5  # near the cube root of float64's epsilon: truncation and rounding balance
STACKED_FLOATS = 1 << 18  # the points of one call of a stacked f: 2 MiB, whatever x's size


def gradient(f, x, step=STEP, *, stacked=False):
    """d f / d x by central differences, entry by entry; `x` is left unchanged.

    With stacked, f takes many points at once, stacked on a new first axis, and returns
    the value at each (see sums): the 2 * x.size points cost a few calls of f instead of
    one each, with the same values as one point at a time (tests/grading/test_numeric.py).
    Without, f takes one point, and is given the same points one at a time.
    """
    x = np.array(x, dtype=np.float64)
    at_points = f if stacked else lambda points: [float(f(p.reshape(x.shape))) for p in points.reshape(len(points), -1)]
    flat = x.reshape(-1)
    grad = np.empty(flat.size)
    per_call = max(1, min(flat.size, STACKED_FLOATS // max(2 * flat.size, 1)))  # entries a call moves
    for start in range(0, flat.size, per_call):
        entries = np.arange(start, min(flat.size, start + per_call))
        rows = 2 * np.arange(entries.size)
        points = np.repeat(flat[np.newaxis], 2 * entries.size, axis=0)
        points[rows, entries] = flat[entries] + step  # row 2k moves entry k up, row 2k + 1 down
        points[rows + 1, entries] = flat[entries] - step
        values = np.asarray(at_points(points.reshape(-1, *x.shape)), dtype=np.float64)
        if values.shape != (len(points),):
            raise ValueError(f"a stacked f gave values of shape {values.shape} for {len(points)} points")
        grad[entries] = (values[0::2] - values[1::2]) / (2 * step)
    return grad.reshape(x.shape)


def sums(values):
    """The sum of each point's values, for a stacked f: values has the points on its first axis."""
    values = np.asarray(values, dtype=np.float64)
    return values.reshape(values.shape[0], -1).sum(axis=1)


def elementwise_derivative(g, z, step=STEP):
    """g'(z) for an elementwise g, all entries at once."""
    z = np.array(z, dtype=np.float64)
    with np.errstate(over="ignore"):
        return (g(z + step) - g(z - step)) / (2 * step)


def sigmoid(z):
    """1 / (1 + exp(-z)), finite and warning-free for any float64 z."""
    z = np.array(z, dtype=np.float64)
    e = np.exp(-np.abs(z))  # never overflows
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def relu(z):
    return np.maximum(z, 0.0)


def relative_error(a, b):
    """||a - b|| / (||a|| + ||b||), 0 when both are zero: symmetric and scale-free."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    total = np.linalg.norm(a) + np.linalg.norm(b)
    return float(np.linalg.norm(a - b) / total) if total else 0.0


# ------------------------------------------------- gradients of a million parameters

# spot_check's step. A step moves every relu pre-activation downstream of what it perturbs
# (all of them, along a direction) and is wrong when one crosses 0: the chance grows with
# the step. Rounding only needs step >> eps |f| / |derivative|, and it has its own budget.
SPOT_STEP = 1e-6
# The rounding error of one value of f, in units of eps |f|. Measured near 1 on the
# million-parameter network of tests/grading/test_oracle_scale.py; 100 leaves room for longer sums.
ROUNDOFF_ULPS = 100
# Between the two populations, on the million-parameter network: a correct gradient gives
# at most 2e-6 (before the rounding budget, 600 draws), up to 3e-3 in a rare draw whose
# step crosses a relu kink (2 in 800 at a step of 1e-5; the chance shrinks with the step);
# ex05's catalogued mistakes give 1/3 or more ((m - 1) / (m + 1) for a missing 1/m, m >= 2).
SPOT_TOLERANCE = 1e-2


@dataclass(frozen=True)
class SpotCheck:
    """What spot_check found. Errors are relative, beyond rounding: 0 when all agree."""
    error: float  # the worst of the errors below
    worst: str  # "directions", or the name of the gradient whose samples are the worst
    direction_error: float  # the directional derivatives, all directions together
    array_errors: tuple  # (name, error) of each gradient's sampled coordinates, in order
    forward_passes: int
    tolerance: float

    @property
    def passed(self) -> bool:
        return self.error <= self.tolerance


def spot_check(f, params, grads, *, rng, directions=4, samples=12):
    """Compare a claimed gradient of f at params with f, in 2 * (directions + samples) passes.

    f(params) -> float. params: a dict of arrays, the gradient of params[name] being
    grads["d" + name] (other keys of grads are ignored); or a list of arrays, and grads
    a list in the same order. Shapes must match exactly. rng, a numpy Generator, draws
    `directions` unit vectors v over all the parameters at once, each compared as
    (f(p + step v) - f(p - step v)) / (2 step) against <grads, v>, and `samples`
    coordinates, spread as evenly as the arrays' sizes allow and at least one in each array
    (a wrong bias of one entry is a millionth of the parameters), each compared by central
    differences. For the directional derivatives as one vector and for each array's samples
    as one vector, numerical a and claimed b:

        error = max(||a - b|| - rounding, 0) / (||a|| + ||b||)   (0 when both are zero)

    rounding is ROUNDOFF_ULPS * eps * |f| / SPOT_STEP per difference, in quadrature. Along a
    unit direction over N parameters, <grads, v> is about ||grads|| / sqrt(N) while the
    rounding of f does not shrink with N: in a relative error it would grow as sqrt(N) and
    fail a correct gradient that is small; as an absolute budget it does not. (A gradient
    whose differences are within the rounding cannot be judged, and passes.)

    f gets float64 working copies (f must not change them); each move is undone after the
    evaluation, also when f raises; the arrays given are never changed. Nothing is printed.
    """
    names, base, claimed = _paired(params, grads)
    counts = _allot(samples, [a.size for a in base])
    if directions < 0 or directions + sum(counts) == 0:
        raise ValueError("spot_check needs at least one direction or sample")
    work = [a.copy() for a in base]
    container = dict(zip(params, work)) if isinstance(params, dict) else type(params)(work)

    def central(moves):
        """((f(p+) - f(p-)) / 2 step, its rounding) for moves, [(a view of work, the same of
        base, its move)]: work is set to base + sign * move, and back to base after each f."""
        values = []
        for sign in (1.0, -1.0):
            try:
                for w, b, move in moves:
                    (np.add if sign > 0 else np.subtract)(b, move, out=w)
                values.append(float(f(container)))
            finally:
                for w, b, _ in moves:
                    np.copyto(w, b)
        up, down = values
        rounding = ROUNDOFF_ULPS * np.finfo(np.float64).eps * (abs(up) + abs(down)) / (2 * SPOT_STEP)
        return (up - down) / (2 * SPOT_STEP), rounding

    along = []  # the directions: random unit vectors (Gaussian) over all the parameters at once
    for _ in range(directions):
        v = [rng.standard_normal(b.shape) for b in base]
        scale = 1.0 / math.sqrt(sum(float(np.vdot(x, x)) for x in v))
        claim = scale * sum(float(np.vdot(g, x)) for g, x in zip(claimed, v))
        along.append(central([(w, b, x * (SPOT_STEP * scale)) for w, b, x in zip(work, base, v)]) + (claim,))
    array_errors = []
    for name, w, b, g, count in zip(names, work, base, claimed, counts):  # coordinates drawn without replacement
        w, b, g = w.reshape(-1), b.reshape(-1), g.reshape(-1)
        drawn = rng.choice(b.size, size=count, replace=False) if count else ()
        array_errors.append((name, _excess_error([central([(w[i:i + 1], b[i:i + 1], SPOT_STEP)]) + (float(g[i]),)
                                                  for i in drawn])))
    direction_error = _excess_error(along)
    worst, error = max((("directions", direction_error), *array_errors), key=lambda part: part[1])
    return SpotCheck(error, worst, direction_error, tuple(array_errors), 2 * (directions + sum(counts)),
                     SPOT_TOLERANCE)


def _paired(params, grads):
    """Names of the gradients, float64 copies of the parameters, the claimed gradients."""
    if isinstance(params, dict):
        names = [f"d{name}" for name in params]
        missing = [name for name in names if name not in grads]
        if missing:
            raise ValueError(f"grads has no {', '.join(missing)}")
        pairs = [(params[name], grads[f"d{name}"]) for name in params]
    else:
        pairs = list(zip(params, grads))
        if not len(pairs) == len(params) == len(grads):
            raise ValueError(f"{len(grads)} gradients for {len(params)} parameter arrays")
        names = [f"grads[{i}]" for i in range(len(pairs))]
    base = [np.array(p, dtype=np.float64) for p, _ in pairs]
    for name, b, (_, g) in zip(names, base, pairs):
        if np.shape(g) != b.shape:
            raise ValueError(f"{name} has shape {np.shape(g)}, its parameter {b.shape}")
    return names, base, [np.asarray(g, dtype=np.float64) for _, g in pairs]


def _allot(samples, sizes):
    """How many coordinates of each array to sample: evenly, the remainder to the largest."""
    if 0 < samples < len(sizes):
        raise ValueError(f"samples={samples} leaves some of the {len(sizes)} arrays unchecked")
    counts, left = [0] * len(sizes), samples
    for rank, i in enumerate(sorted(range(len(sizes)), key=lambda i: sizes[i])):
        counts[i] = min(sizes[i], left // (len(sizes) - rank))
        left -= counts[i]
    return counts


def _excess_error(found):
    """spot_check's error of found, [(a, rounding, b)]; inf when a value is not finite."""
    if not found:
        return 0.0
    numerical, rounding, claimed = zip(*found)
    a, b = np.array(numerical, dtype=np.float64), np.array(claimed, dtype=np.float64)
    if not (np.all(np.isfinite(a)) and np.all(np.isfinite(b))):
        return math.inf
    excess = float(np.linalg.norm(a - b)) - float(np.linalg.norm(rounding))
    return excess / float(np.linalg.norm(a) + np.linalg.norm(b)) if excess > 0 else 0.0
