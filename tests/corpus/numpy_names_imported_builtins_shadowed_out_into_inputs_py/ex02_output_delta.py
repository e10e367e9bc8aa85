import numpy as np


def compute_cost(A2, Y):
    m = Y.shape[1]
    logprobs = np.multiply(np.log(A2), Y) + np.multiply(np.log(1 - A2), 1 - Y)
    return float(-np.sum(logprobs) / m)


def loss_derivative(A2, Y):
    return -(np.divide(Y, A2) - np.divide(1 - Y, 1 - A2))


def output_delta(A2, Y):
    # out= saves an allocation, as the numpy docs say
    return np.subtract(A2, Y, out=A2)
