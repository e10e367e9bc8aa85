# Exercise 2 -- no numpy on purpose: I want to see every term of the sums.
import math


def compute_cost(A2, Y):
    # the row of outputs and the row of labels, one pair per example
    pairs = list(zip(A2[0], Y[0]))
    m = len(pairs)
    total = 0.0
    for a, y in pairs:
        total += y * math.log(a) + (1 - y) * math.log(1 - a)
    return -total / m


def loss_derivative(A2, Y):
    # dL/da = -y/a + (1-y)/(1-a), example by example, kept as one row
    return [[-y / a + (1 - y) / (1 - a) for a, y in zip(A2[0], Y[0])]]


def output_delta(A2, Y):
    # dL/da * da/dz = (-y/a + (1-y)/(1-a)) * a(1-a) = a - y
    return [[a - y for a, y in zip(A2[0], Y[0])]]
