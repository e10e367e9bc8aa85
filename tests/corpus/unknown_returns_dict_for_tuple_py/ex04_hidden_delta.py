import numpy as np


def hidden_delta(dZ2, W2, Z1, activation="tanh"):
    if activation == "tanh":
        g_prime = 1 - np.tanh(Z1) ** 2
    elif activation == "sigmoid":
        s = 1 / (1 + np.exp(-Z1))
        g_prime = s * (1 - s)
    elif activation == "relu":
        g_prime = (Z1 > 0).astype(float)
    else:
        raise ValueError("unknown activation " + activation)
    return np.dot(W2.T, dZ2) * g_prime


def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    W2 = parameters["W2"]
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = A2 - Y
    dW2 = np.dot(dZ2, A1.T) / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = hidden_delta(dZ2, W2, cache["Z1"])
    dW1 = np.dot(dZ1, X.T) / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    return dW1, db1, dW2, db2
