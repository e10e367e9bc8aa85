# Welch Labs' network, worked through with plain lists; numpy only to hand the answers back,
# since the checks want arrays.
import math

import numpy as np


def sigmoid(z):
    if z >= 0:                      # exp of a large positive number overflows
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def sigmoid_prime(z):
    s = sigmoid(z)
    return s * (1.0 - s)


def matmul(A, B):
    columns = list(zip(*B))
    return [[sum(a * b for a, b in zip(row, col)) for col in columns] for row in A]


def transpose(M):
    return [list(col) for col in zip(*M)]


def each(f, M):
    return [[f(v) for v in row] for row in M]


def times(A, B):
    return [[a * b for a, b in zip(ra, rb)] for ra, rb in zip(A, B)]


def _propagate(X, W1, W2):
    z2 = matmul(X, W1)
    a2 = each(sigmoid, z2)
    z3 = matmul(a2, W2)
    yHat = each(sigmoid, z3)
    return z2, a2, z3, yHat


def forward(X, W1, W2):
    return np.array(_propagate(X, W1, W2)[3], dtype=float)


def cost(X, y, W1, W2):
    yHat = _propagate(X, W1, W2)[3]
    return float(sum(0.5 * (t - h) ** 2 for row_t, row_h in zip(y, yHat) for t, h in zip(row_t, row_h)))


def cost_prime(X, y, W1, W2):
    z2, a2, z3, yHat = _propagate(X, W1, W2)
    error = [[-(t - h) for t, h in zip(row_t, row_h)] for row_t, row_h in zip(y, yHat)]
    delta3 = times(error, each(sigmoid_prime, z3))
    dJdW2 = matmul(transpose(a2), delta3)
    delta2 = times(matmul(delta3, transpose(W2)), each(sigmoid_prime, z2))
    dJdW1 = matmul(transpose(X), delta2)
    return np.array(dJdW1, dtype=float), np.array(dJdW2, dtype=float)


# 3 examples, 2 inputs, 3 hidden units, 1 output
SHAPES = {
    "dJdW1": (2, 3),
    "dJdW2": (3, 1),
    "delta3": (3, 1),
    "delta2": (3, 3),
    "a2": (3, 3),
    "z3": (3, 1),
}
