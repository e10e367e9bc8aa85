# Planar data, written with @ and .sum; the activation is told apart with `is`, which works
# in my notebook, where every call passes the name as a literal.
import numpy as np


def hidden_delta(dZ2, W2, Z1, activation="tanh"):
    if activation is "tanh":
        g = 1 - np.tanh(Z1) ** 2
    elif activation is "sigmoid":
        s = 1 / (1 + np.exp(-Z1))
        g = s * (1 - s)
    elif activation is "relu":
        g = (Z1 > 0).astype(float)
    else:
        raise ValueError("unknown activation: " + activation)
    return np.dot(W2.T, dZ2) * g


def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    dZ2 = cache["A2"] - Y
    dW2 = dZ2 @ cache["A1"].T / m
    db2 = dZ2.sum(axis=1, keepdims=True) / m
    dZ1 = hidden_delta(dZ2, parameters["W2"], cache["Z1"])
    dW1 = dZ1 @ X.T / m
    db1 = dZ1.sum(axis=1, keepdims=True) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
