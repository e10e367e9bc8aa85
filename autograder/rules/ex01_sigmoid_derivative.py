"""ex01: the sigmoid, and the derivatives of sigmoid, tanh and relu, elementwise on z."""
import numpy as np

from ..mistakes import Mistake, applies_if
from ..numeric import elementwise_derivative, relu as _relu, sigmoid as _sigmoid
from . import size

# Moderate entries have |z| in [LOW, HIGH]: far from relu's kink at 0 (more than the
# 1e-3 the checks need), and where every formula of the sigmoid is still exact.
LOW, HIGH = 0.05, 4.0
# Above this |z| an entry counts as large: exp(|z|) is beyond 1e8, and the naive formulas
# start to overflow from |z| = 709.8 on.
MODERATE = 20.0


def _moderate(rng, shape):
    z = rng.uniform(LOW, HIGH, shape) * rng.choice([-1.0, 1.0], shape)
    return z


def matrix(rng, rows, cols):
    return {"z": _moderate(rng, (size(rng, rows), size(rng, cols)))}


def vector(rng, n):
    return {"z": _moderate(rng, (size(rng, n),))}


def cube(rng, a, b, c):
    return {"z": _moderate(rng, (size(rng, a), size(rng, b), size(rng, c)))}


def number(rng, kind="array"):
    """A single z: a 0-d array (kind "array") or a numpy float64 scalar (kind "scalar"); above 1,
    where relu(z) returned for its derivative is wrong, as it is not at a negative z."""
    value = rng.uniform(1.5, HIGH)
    return {"z": np.array(value) if kind == "array" else np.float64(value)}


def extreme(rng, rows, cols):
    """z mixing large entries (1000 and -1000, two beyond the overflow of exp at 709.8,
    two between 30 and 700) with moderate ones, at shuffled positions."""
    rows, cols = size(rng, rows), size(rng, cols)
    n = rows * cols
    if n < 8:
        raise ValueError("the extreme case needs at least 8 entries")
    large = [1000.0, -1000.0, rng.uniform(720.0, 999.0), -rng.uniform(720.0, 999.0),
             rng.uniform(30.0, 700.0), -rng.uniform(30.0, 700.0)]
    flat = np.concatenate([np.array(large), _moderate(rng, (n - len(large),))])
    return {"z": rng.permutation(flat).reshape(rows, cols)}


# The oracles: the sigmoid from its definition, the derivatives by central differences of
# the grader's own forward functions. Each returns a float64 array of z's shape (0-d too).
def sigmoid(z):
    return np.asarray(_sigmoid(z), dtype=np.float64)


def sigmoid_derivative(z):
    return np.asarray(elementwise_derivative(_sigmoid, z), dtype=np.float64)


def tanh_derivative(z):
    return np.asarray(elementwise_derivative(np.tanh, z), dtype=np.float64)


def relu_derivative(z):
    return np.asarray(elementwise_derivative(_relu, z), dtype=np.float64)


def _unstable(oracle, rtol=1e-6, atol=1e-9):
    """Recognises a formula that is right for moderate z but breaks down for large |z|.

    On a z holding both kinds of entries: every moderate entry of the reply is right and
    some large one is nan, inf or far off; or the call raised an overflow error.
    """

    def recognise(inputs, reply):
        z = np.asarray(inputs["z"], dtype=np.float64)
        large = np.abs(z) > MODERATE
        if not large.any() or large.all():
            return False
        if not reply.ok:  # math.exp's OverflowError says "math range error"
            return reply.error.type == "OverflowError" or (
                reply.error.type == "FloatingPointError" and "overflow" in str(reply.error.message).lower())
        try:
            with np.errstate(all="ignore"):
                got = np.asarray(reply.value, dtype=np.float64)
        except (TypeError, ValueError):
            return False
        if got.shape != z.shape:
            return False
        want = oracle(z)
        with np.errstate(all="ignore"):
            close = np.abs(got - want) <= atol + rtol * np.abs(want)  # nan compares False
        return bool(close[~large].all() and not close[large].all())

    return recognise


CASES = {"matrix": matrix, "vector": vector, "cube": cube, "number": number, "extreme": extreme}
EXPECTED = {
    "sigmoid": sigmoid,
    "sigmoid_derivative": sigmoid_derivative,
    "tanh_derivative": tanh_derivative,
    "relu_derivative": relu_derivative,
}
MISTAKES = {
    "sigmoid": [
        Mistake("ex01/unstable-at-large-z", recognise=_unstable(sigmoid)),
    ],
    "sigmoid_derivative": [
        Mistake("ex01/returned-sigmoid", lambda z: sigmoid(z)),
        Mistake("ex01/a-times-1-minus-a-on-z", lambda z: np.asarray(z, dtype=np.float64) * (1.0 - np.asarray(z, dtype=np.float64))),
        Mistake("ex01/unstable-at-large-z", recognise=_unstable(sigmoid_derivative)),
    ],
    "tanh_derivative": [
        Mistake("ex01/tanh-missing-square", lambda z: 1.0 - np.tanh(np.asarray(z, dtype=np.float64))),
        Mistake("ex01/tanh-on-z", lambda z: 1.0 - np.asarray(z, dtype=np.float64) ** 2),
        Mistake("ex01/unstable-at-large-z", recognise=_unstable(tanh_derivative)),
    ],
    "relu_derivative": [
        # where no z is positive relu(z) is 0 everywhere, as the derivative is
        Mistake("ex01/relu-returned-z", applies_if(lambda inputs: np.any(np.asarray(inputs["z"]) > 0),
                                                   lambda z: _relu(np.asarray(z, dtype=np.float64)))),
        Mistake("ex01/relu-returned-z", lambda z: np.asarray(z, dtype=np.float64)),
    ],
}
