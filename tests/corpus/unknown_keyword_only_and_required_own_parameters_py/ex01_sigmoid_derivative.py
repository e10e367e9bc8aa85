import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def sigmoid_derivative(z):
    s = sigmoid(z)
    return s * (1 - s)


def tanh_derivative(z):
    return 1 - np.tanh(z) ** 2


def relu_derivative(z, alpha):
    # alpha: the slope for z < 0 (0 for relu, 0.01 for leaky relu); I test both
    return np.where(z > 0, 1.0, alpha)


print(relu_derivative(np.array([-2.0, 3.0]), 0.0), relu_derivative(np.array([-2.0, 3.0]), 0.01))
