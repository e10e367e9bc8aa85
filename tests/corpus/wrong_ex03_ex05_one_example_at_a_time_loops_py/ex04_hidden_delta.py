"""Exercise 4 -- the hidden layer's delta, one example at a time.

dZ2 = A2 - Y, dZ1 = W2.T dZ2 * (1 - A1^2): written for one column x(i) first, the sum over
i at the end of the loop, then divided by m as the lecture's "J = 1/m sum L" says.
"""
import numpy as np


def tanh_prime(z):
    return 1.0 - np.tanh(z) ** 2


def hidden_delta(dZ2, W2, Z1, activation="tanh"):
    if activation == "tanh":
        g_prime = tanh_prime(Z1)
    elif activation == "sigmoid":
        s = 1.0 / (1.0 + np.exp(-Z1))
        g_prime = s * (1.0 - s)
    elif activation == "relu":
        g_prime = (Z1 > 0).astype(float)
    else:
        raise ValueError("unknown activation " + repr(activation))
    dZ1 = np.empty(Z1.shape)
    for i in range(Z1.shape[1]):
        dZ1[:, i] = W2.T.dot(dZ2[:, i]) * g_prime[:, i]
    return dZ1


def backward_propagation(parameters, cache, X, Y):
    W2 = parameters["W2"]
    A1, A2 = cache["A1"], cache["A2"]
    m = X.shape[1]

    dW1 = np.zeros(parameters["W1"].shape)
    db1 = np.zeros(parameters["b1"].shape)
    dW2 = np.zeros(W2.shape)
    db2 = np.zeros(parameters["b2"].shape)

    for i in range(m):
        x_i = X[:, [i]]                       # fancy index keeps the column 2-d
        a1_i = A1[:, [i]]
        dz2_i = A2[:, [i]] - Y[:, [i]]        # dL/dz2 of example i
        dW2 += np.outer(dz2_i, a1_i)
        db2 += dz2_i
        dz1_i = np.dot(W2.T, dz2_i) * (1 - a1_i ** 2)
        dW1 += np.outer(dz1_i, x_i)
        db1 += dz1_i

    return {"dW1": dW1 / m, "db1": db1 / m, "dW2": dW2 / m, "db2": db2 / m}
