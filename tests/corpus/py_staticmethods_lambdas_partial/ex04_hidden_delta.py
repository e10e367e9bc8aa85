import numpy as np

USE_MY_VERSION = True

if USE_MY_VERSION:
    def hidden_delta(dZ2, W2, Z1, activation="tanh"):
        derivative = {
            "tanh": lambda z: 1 - np.tanh(z) ** 2,
            "sigmoid": lambda z: (1 / (1 + np.exp(-z))) * (1 - 1 / (1 + np.exp(-z))),
            "relu": lambda z: (z > 0) * 1.0,
        }
        if activation not in derivative:
            raise ValueError(f"activation must be one of {sorted(derivative)}, not {activation!r}")
        return (W2.T @ dZ2) * derivative[activation](Z1)

    def backward_propagation(parameters, cache, X, Y):
        m = X.shape[1]
        dZ2 = cache["A2"] - Y
        dZ1 = hidden_delta(dZ2, parameters["W2"], cache["Z1"])
        return {
            "dW1": dZ1 @ X.T / m,
            "db1": dZ1.sum(axis=1, keepdims=True) / m,
            "dW2": dZ2 @ cache["A1"].T / m,
            "db2": dZ2.sum(axis=1, keepdims=True) / m,
        }
