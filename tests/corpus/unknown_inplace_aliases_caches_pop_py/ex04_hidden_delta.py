# ex04 -- in place again; here every array I change is one I made.
import numpy as np


def hidden_delta(dZ2, W2, Z1, activation="tanh"):
    if activation not in ("tanh", "sigmoid", "relu"):
        raise ValueError(f"activation must be tanh, sigmoid or relu, not {activation!r}")
    dZ1 = W2.T @ dZ2
    if activation == "tanh":
        dZ1 *= 1 - np.tanh(Z1) ** 2
    elif activation == "sigmoid":
        s = 1 / (1 + np.exp(-Z1))
        dZ1 *= s * (1 - s)
    else:
        dZ1 *= Z1 > 0
    return dZ1


def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    W2 = parameters["W2"]
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = A2 - Y
    dW2 = dZ2 @ A1.T
    dW2 /= m
    db2 = dZ2.sum(axis=1, keepdims=True)
    db2 /= m
    dZ1 = W2.T @ dZ2
    dZ1 *= 1 - A1 ** 2
    dW1 = dZ1 @ X.T
    dW1 /= m
    db1 = dZ1.sum(axis=1, keepdims=True)
    db1 /= m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
