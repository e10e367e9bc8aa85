"""ex08: the softmax, one-hot labels, the cross-entropy cost, and dL/dZ through the softmax."""
import numpy as np

from ..mistakes import Mistake, NotApplicable, applies_if, error_counts_if
from ..numeric import gradient, sums
from . import size

# Moderate scores lie in [-SCALE, SCALE]: every formula of the softmax is exact there, and
# the probabilities stay above 4e-4 (7 classes), so that log(A) and -Y / A are moderate too.
SCALE = 3.0
# A column with an entry beyond this size is large: exp of it is beyond 1e8, and the naive
# formula overflows from 709.8 on (or underflows to 0 / 0 below -745).
MODERATE = 20.0


# ------------------------------------------------------------------------------ cases

def _scores(rng, C, m, scale=SCALE):
    return rng.uniform(-scale, scale, (C, m))


def _classes(rng, C, m, present):
    """m class indices in 0 .. present - 1, as many different ones as m allows."""
    first = rng.permutation(present)[:min(m, present)]
    rest = rng.integers(0, present, m - first.size)
    return rng.permutation(np.concatenate([first, rest])).astype(np.int64)


def scores(rng, C, m, scale=SCALE):
    """Z of shape (C, m), entries in [-scale, scale]."""
    C, m = size(rng, C), size(rng, m)
    return {"Z": _scores(rng, C, m, scale)}


def extreme_scores(rng, C, m):
    """Z of shape (C, m) whose columns mix every way the naive formula breaks with moderate
    ones: near 1000 (exp overflows), near -1000 (every exp underflows to 0), one entry of
    1000 beside moderate ones, 1000 beside -1000 and entries below -720 (its mean is at most
    0, so a shift by the mean overflows too), then moderate columns; shuffled columns."""
    C, m = size(rng, C), size(rng, m)
    if m < 6 or C < 2:
        raise ValueError("the extreme case needs at least 2 classes and 6 examples")
    Z = _scores(rng, C, m)
    Z[:, 0] += 1000.0 - Z[:, 0].max()  # the largest entry of the column is 1000
    Z[:, 1] += -1000.0 - Z[:, 1].min()  # the smallest is -1000, the largest about -994
    Z[rng.integers(C), 2] = 1000.0
    Z[:, 3] = -rng.uniform(720.0, 999.0, C)
    Z[0, 3], Z[1, 3] = 1000.0, -1000.0
    return {"Z": Z[:, rng.permutation(m)]}


def labels(rng, C, m, form="flat", present=None):
    """Integer labels of shape (m,) (form "flat") or (1, m) ("row"), and C; the labels use
    the first `present` classes (all C by default), several of them when m > 1."""
    C, m = size(rng, C), size(rng, m)
    found = _classes(rng, C, m, C if present is None else present)
    return {"labels": found if form == "flat" else found.reshape(1, m), "C": C}


def predictions(rng, C, m):
    """A = softmax of moderate scores, (C, m), entries strictly inside (0, 1) with columns
    summing to 1; Y one-hot, (C, m), several classes present."""
    C, m = size(rng, C), size(rng, m)
    return {"A": _softmax(_scores(rng, C, m)), "Y": _one_hot(_classes(rng, C, m, C), C)}


def upstream(rng, C, m, scale=SCALE):
    """dA of shape (C, m), any values, and Z of shape (C, m), entries in [-scale, scale]."""
    C, m = size(rng, C), size(rng, m)
    return {"dA": rng.standard_normal((C, m)), "Z": _scores(rng, C, m, scale)}


# ------------------------------------------------------------------ the forward pass

def _softmax(Z, axis=-2):
    """The softmax over the classes' axis (-2: it holds for stacked points too), stable."""
    e = np.exp(Z - np.max(Z, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)


def _log_softmax(Z):
    top = np.max(Z, axis=-2, keepdims=True)
    return Z - top - np.log(np.sum(np.exp(Z - top), axis=-2, keepdims=True))


def _one_hot(classes, C):
    Y = np.zeros((C, classes.size))
    Y[classes, np.arange(classes.size)] = 1.0
    return Y


# The oracles: the softmax, the one-hot matrix and the cost from their definitions; the
# derivatives by central differences of the forward computation.
def softmax(Z):
    return _softmax(np.asarray(Z, dtype=np.float64))


def one_hot(labels, C):
    return _one_hot(np.asarray(labels).reshape(-1), C)


def compute_cost(A, Y):
    return float(-np.sum(Y * np.log(A)) / Y.shape[1])


def softmax_backward(dA, Z):
    """d/dZ of sum(dA * softmax(Z)): the scalar whose derivative with respect to A is dA."""
    return gradient(lambda points: sums(dA * _softmax(points)), Z, stacked=True)


def output_delta(A, Y):
    """d/dZ of the summed loss -sum(Y * log softmax(Z)), at a Z whose softmax is A."""
    Z = np.log(A)  # softmax(log A) = A / sum(A) = A: the columns of A sum to 1
    return gradient(lambda points: sums(-Y * _log_softmax(points)), Z, stacked=True)


# ------------------------------------------------------------------------- mistakes

def _backward_through(A, dA):
    """dZ for the full Jacobian of a softmax whose output is A (the closed form, used only to
    say what a submission with a mistaken softmax returns)."""
    return A * (dA - np.sum(A * dA, axis=0, keepdims=True))


def _normalised(shift, over):
    """exp(Z - its max over the axis shift) / its sum over the axis over (None: all entries):
    a max or a sum taken over another axis than the classes'. A shift that differs within a
    column changes the ratios too (CS231n's rows of examples, its max over axis 1)."""
    def mistaken(Z):
        e = np.exp(Z - np.max(Z, axis=shift, keepdims=True))
        return e / np.sum(e, axis=over, keepdims=True)
    return mistaken


# (shift, over) of every softmax with its max or its sum over a wrong axis, the right one aside
WRONG_AXES = [(shift, over) for shift in (0, 1, None) for over in (0, 1, None) if over != 0 or shift == 1]


def _sum_over_examples_flat(Z):
    """e / e.sum(axis=1): a (C,) sum against (C, m) columns, raising when C != m."""
    Z = np.asarray(Z, dtype=np.float64)
    if Z.shape[0] == Z.shape[1]:
        raise NotApplicable  # it broadcasts then, into values no one formula pins
    e = np.exp(Z - Z.max(axis=0, keepdims=True))
    return e / e.sum(axis=1)


def _unshifted(Z):
    """What overflow makes of exp(Z - log(sum(exp(Z)))), the log-sum-exp form without the
    shift: 0 where exp(Z) is inf (Z - inf), inf in a column whose every exp is 0 (Z + inf)."""
    with np.errstate(all="ignore"):
        return np.exp(Z - np.log(np.sum(np.exp(Z), axis=0, keepdims=True)))


def _unstable(inputs, reply):
    """A softmax right in its formula whose exp overflows or underflows on large entries:
    on a Z with large entries, the reply is nan or inf somewhere (or 0 where every exp of a
    column underflowed) and right elsewhere, in a whole column at least, or it is the
    log-sum-exp form's overflowed values; or the call raised an overflow error."""
    Z = np.asarray(inputs["Z"], dtype=np.float64)
    if not (np.abs(Z) > MODERATE).any():
        return False
    if not reply.ok:
        return (reply.error.type in ("OverflowError", "FloatingPointError")
                and any(word in str(reply.error.message).lower() for word in ("overflow", "range", "invalid")))
    try:
        with np.errstate(all="ignore"):
            got = np.asarray(reply.value, dtype=np.float64)
    except (TypeError, ValueError):
        return False
    if got.shape != Z.shape:
        return False
    want = softmax(Z)
    with np.errstate(all="ignore"):
        close = np.abs(got - want) <= 1e-9 + 1e-6 * np.abs(want)
        # 0 / 0 is nan, but 0 / (0 + 1e-8) is 0: a guarded sum of exps that all underflowed
        underflowed = (got == 0) & (np.exp(Z).sum(axis=0, keepdims=True) == 0)
    broken = ~np.isfinite(got) | underflowed
    if broken.any() and close[~broken].all() and close.all(axis=0).any():
        return True
    return bool(not close.all() and np.allclose(got, _unshifted(Z), rtol=1e-6, atol=1e-9, equal_nan=True))


def _transposed_of_ints(inputs, reply):
    """A one-hot matrix of shape (m, C), its dtype aside (its type problem is said first)."""
    if not reply.ok or not isinstance(reply.value, np.ndarray) or reply.value.dtype.kind not in "biuf":
        return False
    transposed = one_hot(inputs["labels"], inputs["C"]).T
    return reply.value.shape == transposed.shape and bool(np.array_equal(reply.value, transposed))


def _indexed_with_row_labels(inputs, reply):
    """One class axis too many, from labels of shape (1, m) used as they are: (1, m, C) or (C, m, 1)."""
    labels, C = np.asarray(inputs["labels"]), inputs["C"]
    shape = reply.value.shape if reply.ok and isinstance(reply.value, np.ndarray) else None
    return labels.ndim == 2 and shape in ((1, labels.size, C), (C, labels.size, 1))


def _indexed_by_Y(inputs, reply):
    """Y, one-hot floats, used as the integer labels y that CS231n indexes A with."""
    return not reply.ok and "used as indices" in reply.error.message


def _m(Y):
    return Y.shape[1]


def _wrong_axis_backward(axis_softmax):
    return lambda dA, Z: _backward_through(axis_softmax(Z), dA)


def _wrong_axis_delta(axis_softmax):
    """output_delta as softmax_backward(-Y / A, log(A)) through a softmax of another axis."""
    return lambda A, Y: _backward_through(axis_softmax(np.log(A)), -Y / A)


CASES = {"scores": scores, "extreme_scores": extreme_scores, "labels": labels, "predictions": predictions,
         "upstream": upstream}
EXPECTED = {
    "softmax": softmax,
    "one_hot": one_hot,
    "compute_cost": compute_cost,
    "softmax_backward": softmax_backward,
    "output_delta": output_delta,
}
# The quantities of the derivation besides the outputs, for `backprop explain`.
QUANTITIES = {
    "one_hot": lambda labels, C: {"m": int(np.size(labels))},
    "compute_cost": lambda A, Y: {"m": Y.shape[1]},
    "softmax_backward": lambda dA, Z: {"A": softmax(Z)},
    "output_delta": lambda A, Y: {"m": Y.shape[1], "dA": -Y / A},
}
# The failures a function's `given:` text (its spec) explains.
GIVEN_IF = {"one_hot": _indexed_with_row_labels, "compute_cost": _indexed_by_Y, "output_delta": _indexed_by_Y}
MISTAKES = {
    "softmax": [
        *(Mistake("ex08/softmax-wrong-axis", _normalised(*axes)) for axes in WRONG_AXES),
        Mistake("ex08/softmax-wrong-axis",
                error_counts_if(_sum_over_examples_flat, prefix="operands could not be broadcast")),
        Mistake("ex08/unstable-softmax", recognise=_unstable),
    ],
    "one_hot": [
        Mistake("ex08/one-hot-transposed", lambda labels, C: one_hot(labels, C).T),
        Mistake("ex08/one-hot-transposed", recognise=_transposed_of_ints),
    ],
    "compute_cost": [
        Mistake("ex08/cost-missing-1-over-m", lambda A, Y: compute_cost(A, Y) * _m(Y)),
    ],
    "softmax_backward": [
        # the sigmoid's elementwise rule: the Jacobian's diagonal a_k (1 - a_k) alone; on one
        # example a . da summed over the examples (axis 1) gives it too, so it says nothing there
        Mistake("ex08/diagonal-jacobian-only", applies_if(lambda inputs: inputs["Z"].shape[1] > 1,
                                                          lambda dA, Z: dA * softmax(Z) * (1.0 - softmax(Z)))),
        # a right backward step through the learner's softmax, normalised over another axis
        *(Mistake("ex08/softmax-wrong-axis", _wrong_axis_backward(_normalised(*axes))) for axes in WRONG_AXES),
        Mistake("ex08/softmax-wrong-axis", error_counts_if(lambda dA, Z: _sum_over_examples_flat(Z),
                                                           prefix="operands could not be broadcast"),
                raised_in="softmax"),
    ],
    "output_delta": [
        Mistake("ex08/dZ-divided-by-m", lambda A, Y: output_delta(A, Y) / _m(Y)),
        # softmax_backward(-Y / A) with the Jacobian's diagonal alone: -Y (1 - A)
        Mistake("ex08/diagonal-jacobian-only", lambda A, Y: -Y * (1.0 - A)),
        *(Mistake("ex08/softmax-wrong-axis", _wrong_axis_delta(_normalised(*axes))) for axes in WRONG_AXES),
    ],
}
