import numpy as np


def weight_gradients(dZ, A_prev):
    """dW and db of a layer: dZ is (n_l, m), A_prev is (n_prev, m)."""
    m = A_prev.shape[1]
    dW = dZ @ A_prev.T / m          # (n_l, m) @ (m, n_prev): a sum over the examples
    db = dZ.sum(1, keepdims=True) / m
    return dW, db
