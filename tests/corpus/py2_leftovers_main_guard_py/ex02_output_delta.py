#!/usr/bin/env python
# -*- coding: utf-8 -*-
"""
Exercise 2 -- output layer.

Started from my notes of an older course, written for Python 2.7; ported where it broke.
"""
from __future__ import division, print_function, absolute_import

import numpy as np


def compute_cost(A2, Y):
    m = Y.shape[1]
    logprobs = np.multiply(np.log(A2), Y) + np.multiply(np.log(1. - A2), 1. - Y)
    cost = - 1. / m * np.sum(logprobs)
    cost = float(np.squeeze(cost))   # makes sure cost is the dimension we expect, e.g. [[17]] into 17
    assert isinstance(cost, float)
    return cost


def loss_derivative(A2, Y):
    return - (np.divide(Y, A2) - np.divide(1. - Y, 1. - A2))


def output_delta(A2, Y):
    dA2 = loss_derivative(A2, Y)
    dZ2 = dA2 * A2 * (1. - A2)
    return dZ2


if __name__ == '__main__':
    np.random.seed(1)
    A2 = np.random.rand(1, 5)
    Y = (np.random.rand(1, 5) > 0.5) * 1
    print("cost = %.6f" % compute_cost(A2, Y))
    for i in xrange(Y.shape[1]):
        print("example %d: dZ2 = %r" % (i, output_delta(A2, Y)[0, i]))
    print("A2 - Y =", (A2 - Y).tolist())
