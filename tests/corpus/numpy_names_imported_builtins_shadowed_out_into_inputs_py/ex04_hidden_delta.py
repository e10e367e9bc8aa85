import numpy as np
from numpy import dot, tanh, multiply, power


def hidden_delta(dZ2, W2, Z1, activation="tanh"):
    dA1 = dot(W2.T, dZ2)  # a new array: writing into it leaves the inputs alone
    if activation == "tanh":
        return multiply(dA1, 1 - power(tanh(Z1), 2), out=dA1)
    if activation == "sigmoid":
        s = 1 / (1 + np.exp(-Z1))
        return multiply(dA1, s * (1 - s), out=dA1)
    if activation == "relu":
        return multiply(dA1, Z1 > 0, out=dA1)
    raise ValueError(f"unknown activation {activation!r}")


def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    W2 = parameters["W2"]
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = A2 - Y
    dW2 = dot(dZ2, A1.T) / m
    db2 = sum(dZ2, axis=1, keepdims=True) / m  # as in week 3
    dZ1 = multiply(dot(W2.T, dZ2), 1 - power(A1, 2))
    dW1 = dot(dZ1, X.T) / m
    db1 = sum(dZ1, axis=1, keepdims=True) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
