"""Ex 1 -- activations and their derivatives, compiled with numba so my training loop is fast."""
import numpy as np
from numba import njit, vectorize, float64


@njit(cache=True)
def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


@njit(cache=True)
def sigmoid_derivative(z):
    s = sigmoid(z)
    return s * (1.0 - s)


@njit("float64[:, :](float64[:, :])")
def tanh_2d(z):  # not graded: what I call in my loop
    return 1.0 - np.tanh(z) ** 2


def tanh_derivative(z):
    t = np.tanh(z)
    return 1.0 - t * t


@vectorize([float64(float64)])
def relu_derivative(z):
    if z > 0:
        return 1.0
    return 0.0


if __name__ == "__main__":
    z = np.linspace(-3.0, 3.0, 7)
    print(sigmoid(z), sigmoid_derivative(z), relu_derivative(z))
