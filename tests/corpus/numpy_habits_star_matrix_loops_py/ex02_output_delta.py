import numpy as np


def compute_cost(A2, Y):
    m = Y.shape[1]
    A2, Y = np.matrix(A2), np.matrix(Y)
    # (1, m) times (m, 1) with np.matrix's * is a 1x1 matrix
    J = -(Y * np.log(A2).T + (1 - Y) * np.log(1 - A2).T) / m
    return J.item()


def loss_derivative(A2, Y):
    A2 = A2.astype(np.float32)
    Y = Y.astype(np.float32)
    return np.float32(-1) * (Y / A2 - (1 - Y) / (1 - A2))


def output_delta(A2, Y):
    return np.subtract(A2, Y).tolist()
