import numpy as np


def compute_cost(A2, Y):
    # the mean over the examples of the per-example loss: a numpy float64
    losses = -(Y * np.log(A2) + (1 - Y) * np.log(1 - A2))
    return np.mean(losses)


def loss_derivative(A2, Y):
    return (A2 - Y) / (A2 * (1 - A2))


def output_delta(A2, Y):
    return np.subtract(A2, Y)
