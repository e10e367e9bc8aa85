"""Activation functions and their derivatives, kept together in one class."""
import numpy as np


class Activations:
    """Each activation g and its derivative g', as static methods."""

    @staticmethod
    def sigmoid(z):
        return 1.0 / (1.0 + np.exp(-z))

    @staticmethod
    def sigmoid_derivative(z):
        s = Activations.sigmoid(z)
        return s * (1.0 - s)

    @staticmethod
    def tanh_derivative(z):
        return 1.0 - np.square(np.tanh(z))

    @staticmethod
    def relu_derivative(z):
        return np.greater(z, 0).astype(np.float64)


# the checks want plain functions
sigmoid = Activations.sigmoid
sigmoid_derivative = Activations.sigmoid_derivative
tanh_derivative = Activations.tanh_derivative
relu_derivative = Activations.relu_derivative


if __name__ == "__main__":
    z = np.linspace(-2, 2, 5)
    print(sigmoid_derivative(z), tanh_derivative(z), relu_derivative(z))
