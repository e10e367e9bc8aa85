"""Exercise 1, written with functools.singledispatch: one version for plain Python numbers
(math, no numpy overhead) and one for arrays."""
from __future__ import annotations

import math
from functools import singledispatch
from numbers import Real

import numpy as np


@singledispatch
def sigmoid(z):
    raise TypeError(f"sigmoid: unsupported type {type(z).__name__}")


@sigmoid.register
def _(z: Real) -> float:
    # stable for large |z|: never exponentiate a large positive number
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


@sigmoid.register
def _(z: np.ndarray) -> np.ndarray:
    z = np.asarray(z, dtype=float)
    out = np.empty_like(z)
    pos = z >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-z[pos]))
    e = np.exp(z[~pos])
    out[~pos] = e / (1.0 + e)
    return out


def sigmoid_derivative(z):
    s = sigmoid(z)
    return s * (1 - s)


@singledispatch
def tanh_derivative(z):
    return 1 - np.tanh(z) ** 2


@tanh_derivative.register
def _(z: Real) -> float:
    return 1.0 - math.tanh(z) ** 2


def relu_derivative(z):
    match z:
        case np.ndarray():
            return (z > 0).astype(float)
        case Real():
            return 1.0 if z > 0 else 0.0
        case _:
            raise TypeError(type(z))
