import numpy as np


def weight_gradients(dZ, A_prev):
    m = A_prev.shape[1]
    dW = np.dot(dZ, A_prev.T) / m
    db = np.sum(dZ, axis=1, keepdims=True) / m
    assert not np.isnan(dW).any()  # was: dW[dW == np.NaN], which never matched anything
    return dW, db
