# Exercise 4: the hidden layer's delta and the 2-layer backward pass.
# relu'(z) is 0 where z <= 0, so for relu I "mask out" those entries with np.ma: the masked ones
# are the units that were off. (Printing dZ1 shows them as --, which made it easy to see.)
import numpy as np


def hidden_delta(dZ2, W2, Z1, activation="tanh"):
    dA1 = np.dot(W2.T, dZ2)
    if activation == "tanh":
        return dA1 * (1 - np.power(np.tanh(Z1), 2))
    if activation == "sigmoid":
        s = 0.5 * (1 + np.tanh(0.5 * Z1))      # the same as 1 / (1 + e^-z), but never overflows
        return dA1 * s * (1 - s)
    if activation == "relu":
        return np.ma.masked_where(Z1 <= 0, dA1)
    raise ValueError("activation must be tanh, sigmoid or relu, not " + repr(activation))


def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    dZ2 = cache["A2"] - Y
    dZ1 = hidden_delta(dZ2, parameters["W2"], cache["Z1"])
    return {"dW1": 1. / m * np.dot(dZ1, X.T), "db1": 1. / m * np.sum(dZ1, axis=1, keepdims=True),
            "dW2": 1. / m * np.dot(dZ2, cache["A1"].T), "db2": 1. / m * np.sum(dZ2, axis=1, keepdims=True)}


if __name__ == "__main__":
    Z1 = np.array([[0.5, -1.0], [2.0, 0.0]])
    print(hidden_delta(np.array([[0.1, -0.2]]), np.array([[1.0, -1.0]]), Z1, "relu"))
