# ex02 -- I try to save memory: in-place operators wherever I can (the lecture on
# vectorisation said copies are slow).
import numpy as np


def compute_cost(A2, Y):
    m = Y.shape[1]
    logprobs = np.log(A2) * Y
    logprobs += np.log(1 - A2) * (1 - Y)
    return float(-logprobs.sum() / m)


def loss_derivative(A2, Y):
    dA2 = (1 - Y) / (1 - A2)
    dA2 -= Y / A2
    return dA2


def output_delta(A2, Y):
    dZ2 = A2          # no copy needed, I only read A2 once
    dZ2 -= Y
    return dZ2
