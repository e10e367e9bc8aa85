import functools

import numpy as np


@functools.lru_cache(maxsize=None)
def sigmoid(z):
    """Cached: sigmoid gets called again and again by sigmoid_derivative."""
    return np.where(z >= 0, 1 / (1 + np.exp(-np.abs(z))), np.exp(-np.abs(z)) / (1 + np.exp(-np.abs(z))))


def sigmoid_derivative(z):
    s = sigmoid(z)
    return s * (1 - s)


def tanh_derivative(z):
    return 1 - np.tanh(z) ** 2


def relu_derivative(z):
    return (z > 0).astype(float)
