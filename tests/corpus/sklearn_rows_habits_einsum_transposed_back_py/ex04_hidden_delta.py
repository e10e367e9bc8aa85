"""Hidden layer delta.

I think in rows (one sample per row, like sklearn's X of shape (n_samples, n_features)), so I
transpose what I'm given to rows, compute there, and transpose back at the end.
"""
import numpy as np

_DERIVATIVES = {
    "tanh": lambda z: 1.0 - np.tanh(z) ** 2,
    "sigmoid": lambda z: (1.0 / (1.0 + np.exp(-z))) * (1.0 - 1.0 / (1.0 + np.exp(-z))),
    "relu": lambda z: (z > 0).astype(float),
}


def hidden_delta(dZ2, W2, Z1, activation="tanh"):
    if activation not in _DERIVATIVES:
        raise ValueError(f"unknown activation {activation!r}")
    D2 = dZ2.T                      # (n_samples, n_y)
    H = Z1.T                        # (n_samples, n_h)
    # delta_hidden[s, k] = sum_i D2[s, i] W2[i, k] * g'(H[s, k])
    delta = np.einsum("si,ik->sk", D2, W2) * _DERIVATIVES[activation](H)
    return delta                    # (n_samples, n_h)


def backward_propagation(parameters, cache, X, Y):
    W2 = parameters["W2"]
    Xr, Yr = X.T, Y.T               # rows: (n_samples, n_x), (n_samples, n_y)
    A1r, A2r = cache["A1"].T, cache["A2"].T
    n_samples = Xr.shape[0]

    D2 = A2r - Yr                                   # (n_samples, n_y)
    D1 = (D2 @ W2) * (1.0 - A1r ** 2)               # (n_samples, n_h)

    coef2 = A1r.T @ D2 / n_samples                  # (n_h, n_y), sklearn's coefs_[1]
    coef1 = Xr.T @ D1 / n_samples                   # (n_x, n_h), sklearn's coefs_[0]
    return {"dW1": coef1.T, "db1": D1.mean(axis=0)[:, None],
            "dW2": coef2.T, "db2": D2.mean(axis=0)[:, None]}
