"""ex03: dW and db of a layer, from dZ and A_prev."""
import numpy as np

from ..mistakes import Mistake, NotApplicable, applies_if
from ..numeric import gradient, sums
from . import size


def layer(rng, n_l, n_prev, m):
    n_l, n_prev, m = size(rng, n_l), size(rng, n_prev), size(rng, m)
    return {"dZ": rng.standard_normal((n_l, m)), "A_prev": rng.standard_normal((n_prev, m))}


def weight_gradients(dZ, A_prev):
    """dJ/dW and dJ/db for J = (1/m) sum(dZ * (W @ A_prev + b)): the cost whose dL/dZ is dZ."""
    examples = A_prev.shape[1]
    W = np.zeros((dZ.shape[0], A_prev.shape[0]))
    b = np.zeros((dZ.shape[0], 1))

    def cost_of_W(W_):  # W_ and b_: stacked points (numeric.gradient)
        return sums(dZ * (W_ @ A_prev + b)) / examples

    def cost_of_b(b_):
        return sums(dZ * (W @ A_prev + b_)) / examples

    return gradient(cost_of_W, W, stacked=True), gradient(cost_of_b, b, stacked=True)


def _wrong_m(count):
    """Both gradients divided by count(dZ, A_prev) in place of m; not where that is m / 2 or 2 m,
    the answer of a 2 too many or too few as well, nor where it is 1, a 1/m left out's."""
    def mistaken(dZ, A_prev):
        factor = A_prev.shape[1] / count(dZ, A_prev)
        if factor in (2.0, 0.5) or count(dZ, A_prev) == 1:
            raise NotApplicable
        return tuple(g * factor for g in weight_gradients(dZ, A_prev))
    return mistaken


def _flat_db(output):
    """output, its db summed without keepdims: (n_l,)."""
    def mistaken(dZ, A_prev):
        dW, db = output(dZ, A_prev)
        return dW, db.reshape(-1)
    return mistaken


def _with(dZ, A_prev, dW=None, db=None):
    good_dW, good_db = weight_gradients(dZ, A_prev)
    return (good_dW if dW is None else dW, good_db if db is None else db)


CASES = {"layer": layer}
# The quantities of the derivation besides the outputs, for `backprop explain`.
QUANTITIES = {"weight_gradients": lambda dZ, A_prev: {"m": A_prev.shape[1]}}
EXPECTED = {"weight_gradients": weight_gradients}
MISTAKES = {
    "weight_gradients": [
        Mistake("ex03/dW-transposed", lambda dZ, A_prev: _with(dZ, A_prev, dW=A_prev @ dZ.T / A_prev.shape[1])),
        Mistake("ex03/dW-transposed", lambda dZ, A_prev: _with(dZ, A_prev, dW=A_prev @ dZ.T)),  # and no 1/m: both told
        Mistake("ex03/db-lost-keepdims", lambda dZ, A_prev: _with(dZ, A_prev, db=dZ.sum(axis=1) / A_prev.shape[1])),
        # and no 1/m: the shape told first, the 1/m once db is a column
        Mistake("ex03/db-lost-keepdims", lambda dZ, A_prev: _with(dZ, A_prev, db=dZ.sum(axis=1))),
        Mistake("ex03/db-wrong-axis", lambda dZ, A_prev: _with(dZ, A_prev, db=dZ.sum(axis=0, keepdims=True) / A_prev.shape[1])),
        Mistake("ex03/db-wrong-axis", lambda dZ, A_prev: _with(dZ, A_prev, db=dZ.mean(axis=0, keepdims=True))),  # 1/m as a mean
        Mistake("ex03/db-wrong-axis", lambda dZ, A_prev: _with(dZ, A_prev, db=dZ.sum(axis=0, keepdims=True).T / A_prev.shape[1])),  # made a column
        Mistake("ex03/db-wrong-axis", lambda dZ, A_prev: _with(dZ, A_prev, db=dZ.sum(axis=0) / A_prev.shape[1])),  # and flat
        # not on a layer of one unit, where m = dZ.shape[0] gives this answer too
        Mistake("ex03/missing-1-over-m", applies_if(
            lambda i: 1 not in (i["dZ"].shape[0], i["A_prev"].shape[0]),
            lambda dZ, A_prev: tuple(g * A_prev.shape[1] for g in weight_gradients(dZ, A_prev)))),
        Mistake("ex03/m-from-wrong-axis", _wrong_m(lambda dZ, A_prev: A_prev.shape[0])),
        Mistake("ex03/m-from-wrong-axis", _wrong_m(lambda dZ, A_prev: dZ.shape[0])),
        # and db flat: the dW check tells the m alone (above), a check of db both
        Mistake("ex03/db-lost-keepdims", _flat_db(_wrong_m(lambda dZ, A_prev: A_prev.shape[0])),
                also=("ex03/m-from-wrong-axis",)),
        Mistake("ex03/db-lost-keepdims", _flat_db(_wrong_m(lambda dZ, A_prev: dZ.shape[0])),
                also=("ex03/m-from-wrong-axis",)),
    ]
}
