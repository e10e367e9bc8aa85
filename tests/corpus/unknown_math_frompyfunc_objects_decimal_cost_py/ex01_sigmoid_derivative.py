"""Exercise 1, one number at a time.

I find the formulas easier to trust on a single float, so each derivative is written for
one value with the math module, and np.frompyfunc turns it into a ufunc for whole arrays.
"""
import math

import numpy as np


def _sigmoid_one(x):
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)  # no overflow for very negative x
    return e / (1.0 + e)


def _sigmoid_derivative_one(x):
    s = _sigmoid_one(x)
    return s * (1.0 - s)


def _tanh_derivative_one(x):
    return 1.0 - math.tanh(x) ** 2


def _relu_derivative_one(x):
    return 1.0 if x > 0 else 0.0


# frompyfunc(f, nin, nout): f applied to every entry, like a numpy function
sigmoid = np.frompyfunc(_sigmoid_one, 1, 1)
sigmoid_derivative = np.frompyfunc(_sigmoid_derivative_one, 1, 1)
tanh_derivative = np.frompyfunc(_tanh_derivative_one, 1, 1)
relu_derivative = np.frompyfunc(_relu_derivative_one, 1, 1)


if __name__ == "__main__":
    z = np.array([[-2.0, 0.0, 3.0]])
    print(sigmoid_derivative(z), tanh_derivative(z), relu_derivative(z))
