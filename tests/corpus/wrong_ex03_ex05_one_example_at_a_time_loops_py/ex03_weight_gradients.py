"""Exercise 3 -- weight gradients.

I vectorise later; first I want to see every example go through on its own, as in the
lecture's "for i = 1 to m" slide. Each column of dZ and A_prev is one example.
"""
import numpy as np


def weight_gradients(dZ, A_prev):
    n_l, n_prev = dZ.shape[0], A_prev.shape[0]
    m = len(A_prev)            # number of examples

    dW = np.zeros((n_l, n_prev))
    db = np.zeros((n_l, 1))
    for i in range(A_prev.shape[1]):
        dz_i = dZ[:, i:i + 1]          # (n_l, 1)
        a_i = A_prev[:, i:i + 1]       # (n_prev, 1)
        dW += dz_i @ a_i.T             # outer product of one example
        db += dz_i
    dW /= m
    db /= m
    return dW, db
