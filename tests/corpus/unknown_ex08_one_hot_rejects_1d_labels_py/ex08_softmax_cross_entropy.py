from __future__ import annotations

import numpy as np
import numpy.typing as npt


def softmax(Z: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Column-wise softmax. Z: (C, m)."""
    if Z.ndim != 2:
        raise ValueError(f"Z must be 2-D (C, m), got shape {Z.shape}")
    e = np.exp(Z - Z.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)


def one_hot(labels: npt.NDArray[np.int_], C: int) -> npt.NDArray[np.float64]:
    """Encode labels of shape (1, m) as a (C, m) one-hot matrix."""
    if labels.ndim != 2 or labels.shape[0] != 1:
        raise ValueError(f"labels must have shape (1, m), got {labels.shape}")
    m = labels.shape[1]
    Y = np.zeros((C, m))
    Y[labels[0], np.arange(m)] = 1.0
    return Y


def compute_cost(A, Y):
    return float(-np.sum(Y * np.log(A)) / Y.shape[1])


def softmax_backward(dA, Z):
    A = softmax(Z)
    return A * (dA - np.sum(A * dA, axis=0, keepdims=True))


def output_delta(A, Y):
    return A - Y
