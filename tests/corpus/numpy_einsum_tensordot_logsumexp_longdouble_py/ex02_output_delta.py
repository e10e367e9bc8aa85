import numpy as np

# extended precision (80-bit on x86) for the logs; np.longdouble
LD = np.longdouble


def compute_cost(A2, Y):
    A2, Y = A2.astype(LD), Y.astype(LD)
    m = Y.shape[1]
    return -np.sum(Y * np.log(A2) + (1 - Y) * np.log1p(-A2)) / m


def loss_derivative(A2, Y):
    A2, Y = A2.astype(LD), Y.astype(LD)
    return -Y / A2 + (1 - Y) / (1 - A2)


def output_delta(A2, Y):
    return np.subtract(A2, Y, dtype=LD)
