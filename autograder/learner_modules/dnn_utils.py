"""The activation helpers of Ng's "Step by Step" and "Application" notebooks.

The first import them as `dnn_utils` (newer) or `dnn_utils_v2` (older), the second as
`dnn_app_utils_v3`: the forward ones return the activation and a cache holding Z, the
backward ones take that cache and return dZ."""
import numpy as np


def sigmoid(Z):
    return 1 / (1 + np.exp(-Z)), Z


def relu(Z):
    return np.maximum(0, Z), Z


def sigmoid_backward(dA, cache):
    s = 1 / (1 + np.exp(-cache))
    return dA * s * (1 - s)


def relu_backward(dA, cache):
    return np.where(cache > 0, dA, 0.0)
