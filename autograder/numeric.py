"""The oracle: central differences of a forward computation.

Every derivative a learner writes is compared with these. They run in the grading process
only, on the grader's own forward computations, never on learner code.
"""
import math
from dataclasses import dataclass

import numpy as np

STEP = 1e-5  # near the cube root of float64's epsilon: truncation and rounding balance


def gradient(f, x, step=STEP):
    """d f / d x by central differences, entry by entry; `x` is left unchanged."""
    x = np.array(x, dtype=np.float64)
    grad = np.zeros_like(x)
    flat, out = x.reshape(-1), grad.reshape(-1)
    for i in range(flat.size):
        kept = flat[i]
        try:
            flat[i] = kept + step
            up = float(f(x))
            flat[i] = kept - step
            down = float(f(x))
        finally:
            flat[i] = kept
        out[i] = (up - down) / (2 * step)
    return grad


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

# The rounding error of one value of f, in units of |f| * eps. Measured near 1 on the
# million-parameter network of tests/test_oracle_scale.py; 100 leaves room for deeper sums.
ROUNDOFF_ULPS = 100
# A correct gradient, central differences at STEP: below 1e-6 even when a relu kink is
# crossed; every catalogued mistake of ex05: above 0.3 (m = 2 for a missing 1/m).
SPOT_TOLERANCE = 1e-3


@dataclass(frozen=True)
class SpotCheck:
    """What spot_check found. Errors are relative and beyond roundoff: 0 when all agree."""
    error: float  # the worst of the errors below
    worst: str  # "directions", or the name of the array whose sampled error is the worst
    direction_error: float  # the directional derivatives, all directions together
    array_errors: tuple  # (name, error) of each array's sampled coordinates, in order
    forward_passes: int
    tolerance: float

    @property
    def passed(self) -> bool:
        return self.error <= self.tolerance


def spot_check(f, params, grads, *, rng, directions=4, samples=12, step=STEP,
               tolerance=SPOT_TOLERANCE, prefix="d"):
    """Compare a claimed gradient of f at params with f itself, in a few forward passes.

    f(params) -> float; params is a dict of arrays (grads holds the gradient of
    params[name] as grads[prefix + name], other keys ignored) or a list of arrays (grads
    a list in the same order); shapes must match exactly. rng, a numpy Generator, draws:

    * `directions` unit vectors v over all the parameters at once, each compared as
      (f(p + step v) - f(p - step v)) / (2 step) against <grads, v>: 2 passes each;
    * `samples` coordinates, spread as evenly as the arrays' sizes allow (each array gets
      at least one, so a mistake in a bias of one entry is seen), each compared by central
      differences: 2 passes each.

    The tolerance rule, for the k directional derivatives as one vector and for each
    array's samples as one vector (numerical a, claimed b):

        error = max(||a - b|| - roundoff, 0) / (||a|| + ||b||)   (0 when both are zero)

    roundoff bounds the rounding in the differences, ROUNDOFF_ULPS * eps * |f| / step for
    each. Along a unit direction over N parameters <grads, v> is about ||grads|| / sqrt(N),
    a millionth of a million terms; the rounding of f does not shrink with it, so at
    large N or a small gradient it is its own part of the budget instead of a relative
    error that grows as sqrt(N). Working copies in float64 are passed to f and restored
    after each evaluation, also when f raises; the arrays given are never changed.
    """
    names, base, claimed = _paired(params, grads, prefix)
    work = [a.copy() for a in base]
    container = dict(zip(params, work)) if isinstance(params, dict) else type(params)(work)
    counts = _allot(samples, [a.size for a in base])
    if directions < 0 or directions + sum(counts) == 0:
        raise ValueError("spot_check needs at least one direction or sample")
    passes = 0

    def central(perturb, restore):
        """(f(p+) - f(p-)) / 2 step and its rounding bound, perturb(sign) moving work."""
        nonlocal passes
        values = []
        try:
            for sign in (1.0, -1.0):
                perturb(sign)
                values.append(float(f(container)))
                passes += 1
        finally:
            restore()
        up, down = values
        return (up - down) / (2 * step), ROUNDOFF_ULPS * np.finfo(np.float64).eps * (abs(up) + abs(down)) / (2 * step)

    def restore_all():
        for w, b in zip(work, base):
            np.copyto(w, b)

    found = []  # (numerical, claimed, roundoff) of each direction
    for _ in range(directions):
        v = [rng.standard_normal(a.shape) for a in base]
        scale = 1.0 / math.sqrt(sum(float(np.vdot(x, x)) for x in v))
        moves = [x * (step * scale) for x in v]
        along = scale * sum(float(np.vdot(g, x)) for g, x in zip(claimed, v))

        def perturb(sign, moves=moves):
            for w, b, move in zip(work, base, moves):
                (np.add if sign > 0 else np.subtract)(b, move, out=w)

        found.append(central(perturb, restore_all) + (along,))
    direction_error = _excess_error(*zip(*found)) if found else 0.0

    array_errors = []
    for name, w, b, g, count in zip(names, work, base, claimed, counts):
        flat_w, flat_b, picked = w.reshape(-1), b.reshape(-1), []
        for i in rng.choice(b.size, size=count, replace=False):

            def perturb(sign, i=i):
                flat_w[i] = flat_b[i] + sign * step

            def restore(i=i):
                flat_w[i] = flat_b[i]

            picked.append(central(perturb, restore) + (float(g.reshape(-1)[i]),))
        array_errors.append((name, _excess_error(*zip(*picked))))

    parts = [("directions", direction_error)] + array_errors
    worst, error = max(parts, key=lambda part: part[1])
    return SpotCheck(error=error, worst=worst, direction_error=direction_error,
                     array_errors=tuple(array_errors), forward_passes=passes, tolerance=tolerance)


def _paired(params, grads, prefix):
    """Names, float64 copies of the parameters, and the claimed gradients, shapes checked."""
    if isinstance(params, dict):
        names = [f"{prefix}{name}" for name in params]
        missing = [name for name in names if name not in grads]
        if missing:
            raise ValueError(f"grads has no {', '.join(missing)}")
        pairs = [(params[name], grads[f"{prefix}{name}"]) for name in params]
    else:
        params, grads = list(params), list(grads)
        if len(params) != len(grads):
            raise ValueError(f"{len(grads)} gradients for {len(params)} parameter arrays")
        pairs = list(zip(params, grads))
        names = [f"grads[{i}]" for i in range(len(pairs))]
    base = [np.array(p, dtype=np.float64) for p, _ in pairs]
    claimed = []
    for name, b, (_, g) in zip(names, base, pairs):
        if np.shape(g) != b.shape:
            raise ValueError(f"{name} has shape {np.shape(g)}, its parameter {b.shape}")
        claimed.append(np.asarray(g, dtype=np.float64))
    return names, base, claimed


def _allot(samples, sizes):
    """How many coordinates of each array to sample: evenly, the smallest arrays first."""
    if 0 < samples < len(sizes):
        raise ValueError(f"samples={samples} leaves some of the {len(sizes)} arrays unchecked")
    counts, left = [0] * len(sizes), samples
    order = sorted(range(len(sizes)), key=lambda i: sizes[i])
    for rank, i in enumerate(order):
        counts[i] = min(sizes[i], left // (len(sizes) - rank))
        left -= counts[i]
    return counts


def _excess_error(numerical, roundoff, claimed):
    """max(||a - b|| - roundoff, 0) / (||a|| + ||b||); inf when a value is not finite."""
    a, b = np.array(numerical, dtype=np.float64), np.array(claimed, dtype=np.float64)
    if not (np.all(np.isfinite(a)) and np.all(np.isfinite(b))):
        return math.inf
    total = np.linalg.norm(a) + np.linalg.norm(b)
    excess = max(float(np.linalg.norm(a - b)) - float(np.linalg.norm(roundoff)), 0.0)
    return excess / float(total) if excess else 0.0
