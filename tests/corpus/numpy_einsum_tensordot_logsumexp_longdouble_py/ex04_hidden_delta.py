import numpy as np

DERIVATIVES = {
    "tanh": lambda Z: 1 - np.tanh(Z) ** 2,
    "sigmoid": lambda Z: (lambda s: s * (1 - s))(1 / (1 + np.exp(-Z))),
    "relu": lambda Z: np.where(Z > 0, 1.0, 0.0),
}


def hidden_delta(dZ2, W2, Z1, activation="tanh"):
    try:
        g_prime = DERIVATIVES[activation]
    except KeyError:
        raise ValueError(f"unknown activation {activation!r}") from None
    # contract W2's rows (output units) with dZ2's rows
    back = np.tensordot(W2, dZ2, axes=([0], [0]))
    return back * g_prime(Z1)


def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    W2 = parameters["W2"]
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = A2 - Y
    dW2 = np.einsum("im,jm->ij", dZ2, A1) / m
    db2 = np.einsum("im->i", dZ2)[:, None] / m
    dZ1 = np.einsum("ki,km->im", W2, dZ2) * (1 - A1 ** 2)
    dW1 = sum(np.outer(dZ1[:, i], X[:, i]) for i in range(m)) / m
    db1 = dZ1.mean(axis=1, keepdims=True)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
