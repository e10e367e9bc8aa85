import numpy as np


def compute_cost(A2, Y):
    """Cross-entropy cost, squeezed the way the course does it."""
    m = Y.shape[1]
    logprobs = np.dot(Y, np.log(A2).T) + np.dot(1 - Y, np.log(1 - A2).T)   # (1, 1)
    cost = -logprobs / m
    cost = np.squeeze(cost)   # makes it a 0-d array: [[0.69]] -> 0.69
    return cost


def loss_derivative(A2, Y):
    return -Y / A2 + (1 - Y) / (1 - A2)


def output_delta(A2, Y):
    dA2 = loss_derivative(A2, Y)
    dZ2 = dA2 * A2 * (1 - A2)   # chain rule: dL/dA2 * dA2/dZ2 (equals A2 - Y)
    return dZ2
