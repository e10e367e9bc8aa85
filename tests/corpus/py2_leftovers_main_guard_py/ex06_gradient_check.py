# -*- coding: utf-8 -*-
# Gradient checking, after the numerical gradient of an old Python 2 class assignment.
from __future__ import division

import numpy as np


def numerical_gradient(f, theta, epsilon=1e-7):
    theta = np.array(theta, dtype=np.float64)   # a copy: the caller's theta stays as it was
    grad = np.zeros(theta.shape)
    for i in xrange(theta.size):
        ix = np.unravel_index(i, theta.shape)
        old = theta[ix]
        theta[ix] = old + epsilon
        fplus = float(f(theta))
        theta[ix] = old - epsilon
        fminus = float(f(theta))
        theta[ix] = old
        grad[ix] = (fplus - fminus) / (2 * epsilon)
    return grad


def relative_difference(grad, grad_approx):
    numerator = np.linalg.norm(grad - grad_approx)
    denominator = np.linalg.norm(grad) + np.linalg.norm(grad_approx)
    if denominator == 0:
        return 0.0
    return numerator / denominator


def gradient_check(f, theta, grad, epsilon=1e-7, threshold=2e-7):
    grad_approx = numerical_gradient(f, theta, epsilon)
    difference = relative_difference(grad, grad_approx)
    return difference, difference < threshold


if __name__ == "__main__":
    theta = np.random.randn(3, 2)
    print(gradient_check(lambda t: np.sum(t ** 3), theta, 3 * theta ** 2))
