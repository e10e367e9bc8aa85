import math

import numpy as np


def _sigmoid_scalar(x):
    # math.exp overflows (OverflowError) for x > 709, so pick the safe form
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


_vsig = np.vectorize(_sigmoid_scalar, otypes=[float])


def sigmoid(z):
    return _vsig(z)


def sigmoid_derivative(z):
    s = sigmoid(z)
    return s * (1 - s)


def tanh_derivative(z):
    return np.vectorize(lambda x: 1.0 - math.tanh(x) ** 2, otypes=[float])(z)


def relu_derivative(z):
    return np.vectorize(lambda x: 1.0 if x > 0 else 0.0, otypes=[float])(z)
