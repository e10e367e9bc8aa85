"""Per exercise: how its cases are built, what the oracle expects, and its mistakes.

Each module has three registries that the exercise's YAML spec refers to by name:
CASES (builder(rng, **params) -> inputs by argument name), EXPECTED (function name ->
oracle(**inputs)) and MISTAKES (function name -> Mistake list, most specific first).
"""


import copy

import numpy as np

from .. import mistakes


def size(rng, value) -> int:
    """A size from a case's parameters: a fixed int, or [low, high] drawn with the case's rng."""
    if isinstance(value, (list, tuple)):
        low, high = value
        return int(rng.integers(low, high + 1))
    return int(value)


def draw(rng, value) -> float:
    """A float from a case's parameters: a fixed number, or [low, high] drawn uniformly."""
    if isinstance(value, (list, tuple)):
        return float(rng.uniform(*value))
    return float(value)


def labels(rng, m):
    """Y, (1, m), of 0.0 and 1.0, with both labels when there are two examples or more."""
    Y = rng.integers(0, 2, size=(1, m)).astype(np.float64)
    if m > 1 and Y.min() == Y.max():
        Y[0, int(rng.integers(m))] = 1.0 - Y[0, 0]
    return Y


def reply_of(*outputs):
    """A GIVEN_IF predicate: the reply is, whole, what one of outputs returns (or raises)."""
    made = [mistakes.Mistake("made", output, whole=True) for output in outputs]
    return lambda inputs, reply: mistakes.find(made, copy.deepcopy(inputs), reply, (), None,
                                               rtol=1e-6, atol=1e-9) is not None
