from numpy import *


def sigmoid(z):
    """Compute the sigmoid of z, elementwise.

    Arguments:
    z -- scalar or numpy array of any size
    """
    z = asarray(z, dtype=float)
    # split positive and negative z so exp never overflows
    return where(z >= 0, 1 / (1 + exp(-abs(z))), exp(-abs(z)) / (1 + exp(-abs(z))))


def sigmoid_derivative(z):
    """ds/dz = s * (1 - s)"""
    s = sigmoid(z)
    ds = multiply(s, (1 - s))
    return ds


def tanh_derivative(z):
    t = tanh(z)
    return 1 - power(t, 2)


def relu_derivative(z):
    z = array(z)
    g = zeros(z.shape)
    g[z > 0] = 1
    return g
