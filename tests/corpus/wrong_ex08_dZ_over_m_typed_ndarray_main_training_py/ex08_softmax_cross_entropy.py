"""Softmax regression from scratch (typed). Run this file to train on random blobs."""
from __future__ import annotations

import time

import numpy as np
import numpy.typing as npt
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]


def softmax(Z: FloatArray) -> FloatArray:
    Z_shift: FloatArray = Z - Z.max(axis=0, keepdims=True)
    expZ: FloatArray = np.exp(Z_shift)
    return expZ / expZ.sum(axis=0, keepdims=True)


def one_hot(labels: npt.ArrayLike, C: int) -> FloatArray:
    flat: NDArray[np.int64] = np.asarray(labels, dtype=np.int64).reshape(-1)
    return np.eye(C, dtype=np.float64)[flat].T


def compute_cost(A: FloatArray, Y: FloatArray) -> float:
    m: int = Y.shape[1]
    return float(-np.sum(Y * np.log(A)) / m)


def softmax_backward(dA: FloatArray, Z: FloatArray) -> FloatArray:
    A = softmax(Z)
    dZ = np.empty_like(dA, dtype=np.float64)
    for j in range(A.shape[1]):
        a = A[:, [j]]                                  # (C, 1)
        jacobian = np.diagflat(a) - a @ a.T            # (C, C), symmetric
        dZ[:, [j]] = jacobian @ dA[:, [j]]
    return dZ


def output_delta(A: FloatArray, Y: FloatArray) -> FloatArray:
    m: int = Y.shape[1]
    return (A - Y) / m   # same 1/m as in the cost


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    C, n, m = 10, 784, 60_000
    X = rng.standard_normal((n, m))
    labels = rng.integers(0, C, m)
    Y = one_hot(labels, C)
    W = rng.standard_normal((C, n)) * 0.01
    b = np.zeros((C, 1))
    start = time.time()
    for epoch in range(2_000):
        A = softmax(W @ X + b)
        dZ = output_delta(A, Y)
        W -= 0.5 * dZ @ X.T
        b -= 0.5 * dZ.sum(axis=1, keepdims=True)
        if epoch % 100 == 0:
            print(epoch, compute_cost(A, Y), f"{time.time() - start:.0f}s")
