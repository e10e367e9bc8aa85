"""My activations, as a class so I can reuse them in my project later."""
import numpy as np


class NN:
    """Activation functions and their derivatives."""

    def __init__(self, clip=1000.0):
        self.clip = clip
        self.calls = 0

    def sigmoid(self, z):
        self.calls += 1
        z = np.clip(np.asarray(z, dtype=float), -self.clip, self.clip)
        out = np.empty_like(z)
        pos = z >= 0
        out[pos] = 1.0 / (1.0 + np.exp(-z[pos]))
        ez = np.exp(z[~pos])
        out[~pos] = ez / (1.0 + ez)
        return out

    def sigmoid_derivative(self, z):
        s = self.sigmoid(z)
        return s * (1 - s)

    def tanh_derivative(self, z):
        return 1.0 - np.tanh(np.asarray(z, dtype=float)) ** 2

    def relu_derivative(self, z):
        return (np.asarray(z) > 0).astype(float)


nn = NN()

# the exercise wants plain functions
sigmoid = nn.sigmoid
sigmoid_derivative = NN().sigmoid_derivative
tanh_derivative = nn.tanh_derivative
relu_derivative = nn.relu_derivative
