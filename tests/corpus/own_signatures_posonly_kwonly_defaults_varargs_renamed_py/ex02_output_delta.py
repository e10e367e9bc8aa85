# Week 2 -- the output layer.
import numpy as np


def compute_cost(A2, Y, *, eps=0.0):
    """eps > 0 clips A2 away from 0 and 1 (I used it when my network saturated); off by default."""
    if eps:
        A2 = np.clip(A2, eps, 1 - eps)
    m = Y.shape[1]
    logprobs = Y * np.log(A2) + (1 - Y) * np.log(1 - A2)
    return float(-np.sum(logprobs) / m)


def loss_derivative(a2, y, /):
    return (a2 - y) / (a2 * (1 - a2))


def output_delta(A2, Y, *args, verbose=False):
    dz2 = A2 - Y
    if verbose:
        print("dZ2", dz2.shape, *args)
    return dz2
