# Exercise 2: the cost summed with decimal so that many small losses do not lose digits
from decimal import Decimal, getcontext

import numpy as np

getcontext().prec = 40


def compute_cost(A2, Y):
    m = Y.shape[1]
    total = Decimal(0)
    for j in range(m):
        a, y = float(A2[0, j]), float(Y[0, j])
        loss = -(y * np.log(a) + (1 - y) * np.log(1 - a))
        total += Decimal(float(loss))
    return total / m


def loss_derivative(A2, Y):
    return -Y / A2 + (1 - Y) / (1 - A2)


def output_delta(A2, Y):
    dZ2 = A2 - Y
    return dZ2
